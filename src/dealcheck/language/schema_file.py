"""The JSON Schema file that ships with dealcheck, and team copies that lag behind it.

Read as text, without pydantic: `framework schema` and the staleness check in
`framework validate` stay fast. `schema.py` builds the file from the models.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from dealcheck import __version__
from dealcheck.errors import Message, say

SCHEMA_FILE = "framework.schema.json"
_TITLE = re.compile(r'"title": "dealcheck framework \(dealcheck (\d+)\.(\d+)\.(\d+)[^"]*\)"')
_MODELINE = re.compile(r"^#\s*yaml-language-server:\s*\$schema=(\S+)", re.MULTILINE)


def shipped_path() -> Path:
    """The schema inside the installed package (or the source tree's `schema/`)."""
    package = Path(__file__).resolve().parents[1]
    packaged = package / "schema" / SCHEMA_FILE
    if packaged.is_file():
        return packaged
    return package.parents[1] / "schema" / SCHEMA_FILE


def shipped_text() -> str:
    """The installed version's schema, as JSON text."""
    return shipped_path().read_text(encoding="utf-8")


def stale_copies(framework_files: list[Path], *, team_dir: Path) -> list[Message]:
    """Warnings for dealcheck schema copies that are not the installed version's schema.

    The copies looked at: the team folder's, and any a file's modeline names.
    """
    shipped = shipped_text()
    warnings: list[Message] = []
    for copy in _copies(framework_files, team_dir):
        try:
            text = copy.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        version = _TITLE.search(text)
        if version is None or text == shipped:
            continue  # not a dealcheck schema, or current
        theirs = tuple(int(part) for part in version.groups())
        ours = tuple(int(part) for part in __version__.split(".")[:3])
        label = ".".join(version.groups())
        if theirs > ours:
            warnings.append(say("schema.newer", copy=copy, label=label, installed=__version__))
            continue
        age = "schema.older" if theirs < ours else "schema.different"
        warnings.append(say(age, copy=copy, label=label, installed=__version__))
    return warnings


def _copies(framework_files: list[Path], team_dir: Path) -> list[Path]:
    found = [team_dir / SCHEMA_FILE]
    for path in framework_files:
        try:
            with path.open(encoding="utf-8", errors="replace") as file:
                head = "".join(file.readline() for _ in range(5))
        except OSError:
            continue
        match = _MODELINE.search(head)
        if match and "://" not in match.group(1):
            found.append(path.parent / match.group(1))
    unique: dict[Path, Path] = {}
    for copy in found:
        if copy.is_file():
            unique.setdefault(copy.resolve(), Path(os.path.normpath(copy)))
    return list(unique.values())
