"""Remember framework files that validated, so a pre-commit hook re-checks only changes.

A file's cache key covers its bytes, the bytes of every file it `extends` (found with
a cheap line scan, no YAML parsing), the dealcheck version and the code of the
framework language itself, so any change that could alter the verdict misses the
cache. Only successes are stored. Set DEALCHECK_NO_CACHE=1 to turn it off.

The folder follows each platform's convention (`user_cache_dir`): a dozen lines here
instead of a dependency on platformdirs for one path. It prunes itself: verdicts not
used for `KEEP_DAYS` go, and never more than `MAX_ENTRIES` stay.
"""

from __future__ import annotations

import hashlib
import os
import re
import sys
import time
from pathlib import Path

from dealcheck import __version__
from dealcheck.language import catalog

_EXTENDS = re.compile(rb"^extends:[ \t]*['\"]?([^'\"#\s]+)", re.MULTILINE)
_LANGUAGE_MODULES = (
    "framework.py",
    "rules.py",
    "yamlfile.py",
    "loading.py",
    "validation.py",
)
KEEP_DAYS = 30
MAX_ENTRIES = 2000
_PRUNE_EVERY_SECONDS = 24 * 3600
_PRUNED = ".pruned"


def user_cache_dir(platform: str | None = None) -> Path:
    """The folder for dealcheck's cache, by the platform's convention.

    Windows `%LOCALAPPDATA%\\dealcheck\\Cache`, macOS `~/Library/Caches/dealcheck`,
    elsewhere `$XDG_CACHE_HOME/dealcheck` (default `~/.cache/dealcheck`).
    """
    platform = platform or sys.platform
    if platform.startswith("win"):
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        return Path(base) / "dealcheck" / "Cache"
    if platform == "darwin":
        return Path.home() / "Library" / "Caches" / "dealcheck"
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    base = xdg if os.path.isabs(xdg) else str(Path.home() / ".cache")
    return Path(base) / "dealcheck"


def cache_dir() -> Path | None:
    """Where verdicts are kept, or None when caching is off."""
    if os.environ.get("DEALCHECK_NO_CACHE"):
        return None
    return user_cache_dir() / "valid"


def cache_key(path: Path, team_dir: Path) -> str | None:
    """A key for the file's verdict, or None when the extends chain cannot be followed cheaply."""
    digest = hashlib.sha256(__version__.encode())
    package = Path(__file__).parent
    for name in _LANGUAGE_MODULES:
        stat = (package / name).stat()
        digest.update(f"{name}:{stat.st_mtime_ns}:{stat.st_size}".encode())
    seen: set[Path] = set()
    current: Path | None = path
    while current is not None:
        resolved = current.resolve()
        if resolved in seen:
            return None
        seen.add(resolved)
        data = resolved.read_bytes()
        digest.update(str(resolved).encode() + b"\0" + data)
        match = _EXTENDS.search(data)
        if match is None:
            break
        try:
            parent = catalog.find(
                match.group(1).decode(), team_dir=team_dir, relative_to=resolved.parent
            )
        except Exception:  # the real validation will report it
            return None
        current = parent.path
    return digest.hexdigest()


def is_known_valid(key: str | None) -> bool:
    """Whether this key validated before."""
    folder = cache_dir()
    if key is None or folder is None:
        return False
    try:
        os.utime(folder / key)  # a verdict in use is not pruned
    except OSError:
        return False
    return True


def remember_valid(key: str | None) -> None:
    """Record a successful validation (best effort: a read-only home is fine)."""
    folder = cache_dir()
    if key is None or folder is None:
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / key).touch()
        prune(folder)
    except OSError:
        pass


def prune(folder: Path, *, now: float | None = None) -> None:
    """Drop verdicts unused for KEEP_DAYS and the oldest beyond MAX_ENTRIES (once a day)."""
    now = time.time() if now is None else now
    marker = folder.with_name(folder.name + _PRUNED)
    if marker.exists() and now - marker.stat().st_mtime < _PRUNE_EVERY_SECONDS:
        return
    marker.touch()
    entries = sorted(
        ((entry.stat().st_mtime, entry) for entry in folder.iterdir()),
        reverse=True,
    )
    for index, (used, entry) in enumerate(entries):
        if index >= MAX_ENTRIES or now - used > KEEP_DAYS * 86400:
            entry.unlink(missing_ok=True)
