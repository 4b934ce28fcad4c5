"""Remember framework files that validated, so a pre-commit hook re-checks only changes.

A file's cache key covers its bytes, the bytes of every file it `extends` (found with
a cheap line scan, no YAML parsing), the dealcheck version and the code of the
framework language itself, so any change that could alter the verdict misses the
cache. Only successes are stored. Set DEALCHECK_NO_CACHE=1 to turn it off.
"""

from __future__ import annotations

import hashlib
import os
import re
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


def cache_dir() -> Path | None:
    """Where verdicts are kept, or None when caching is off."""
    if os.environ.get("DEALCHECK_NO_CACHE"):
        return None
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "dealcheck" / "valid"


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
    return key is not None and folder is not None and (folder / key).exists()


def remember_valid(key: str | None) -> None:
    """Record a successful validation (best effort: a read-only home is fine)."""
    folder = cache_dir()
    if key is None or folder is None:
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / key).touch()
    except OSError:
        pass
