"""Open an HTML file in headless Chromium, offline, and collect what a person would see.

Chromium is required, not optional: CI installs Debian's `chromium` (see `.ci/run`),
and a missing browser fails the browser tests instead of skipping them.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
# Anything the page logs is a problem: the reports carry no script at all.
PROBLEMS = re.compile(r":CONSOLE|Refused to|Uncaught|Content Security Policy", re.IGNORECASE)


@dataclass(frozen=True)
class Loaded:
    """The page after load: its DOM, its visible text, Chromium's log and a screenshot."""

    dom: str
    text: str
    log: str
    screenshot: Path

    def problems(self) -> list[str]:
        """Console messages, CSP violations and uncaught errors in the log."""
        return [line for line in self.log.splitlines() if PROBLEMS.search(line)]


def chromium() -> str:
    """The Chromium executable; fails loudly when it is not installed."""
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    assert found, "chromium is not installed: apt-get install chromium (CI does this in .ci/run)"
    return found


def _run(page: Path, work: Path, action: list[str]) -> subprocess.CompletedProcess[str]:
    profile = work / f"profile-{len(list(work.glob('profile-*')))}"
    command = [
        chromium(),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-extensions",
        "--host-resolver-rules=MAP * ~NOTFOUND",  # no network, even by mistake
        f"--user-data-dir={profile}",
        "--enable-logging=stderr",
        "--v=0",
        "--window-size=1200,1600",
        *action,
        page.resolve().as_uri(),
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=True)


def load(page: Path, work: Path) -> Loaded:
    """Load `page` twice: once dumping the DOM (with the log), once for a screenshot."""
    work.mkdir(parents=True, exist_ok=True)
    dumped = _run(page, work, ["--dump-dom"])
    shot = work / "shot.png"
    shown = _run(page, work, [f"--screenshot={shot}"])
    return Loaded(dumped.stdout, visible_text(dumped.stdout), dumped.stderr + shown.stderr, shot)


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("style", "title", "head"):
            self._hidden += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "title", "head"):
            self._hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)


def visible_text(dom: str) -> str:
    """The text a reader sees (no head, styles or tooltips), whitespace collapsed."""
    parser = _Text()
    parser.feed(dom)
    return " ".join(" ".join(parser.parts).split())
