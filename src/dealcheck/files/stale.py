"""Leftovers of killed runs: dealcheck's own temporary files, found by name and removed.

Only names in dealcheck's own patterns are touched: those with a pid once that process
is gone, those without (older releases' deal writes) once older than this run by a
minute. Older releases' patterns are recognised too: `.<name>.<pid>.tmp` (scored
outputs), `.<name>.yaml.XXXXXXXX.tmp` (deal files) and `.dealcheck-XXXX.part`.
"""

from __future__ import annotations

import contextlib
import os
import re
import sys
import time
from pathlib import Path

TEMP_SUFFIX = ".dealcheck-tmp"
#: When this process started, as far as stale files are concerned.
RUN_STARTED = time.time()

_WITH_PID = re.compile(r"^\..+\.(?P<pid>\d+)(?:\.[0-9a-f]{6}\.dealcheck-tmp|\.tmp|\.part)$")
_WITHOUT_PID = re.compile(r"^\.dealcheck-[A-Za-z0-9_]{6,}\.part$|^\..+\.yaml\.[a-z0-9_]{8}\.tmp$")
#: A leftover without a pid is left alone this long: a write takes milliseconds.
_QUIET_SECONDS = 60
_swept: set[str] = set()


def is_ours(name: str) -> bool:
    """Whether `name` is in one of dealcheck's temporary-file patterns."""
    return bool(_WITH_PID.match(name) or _WITHOUT_PID.match(name))


def sweep(folder: Path) -> list[Path]:
    """Remove this tool's stale temporary files in `folder` (once per run); what went."""
    key = os.path.abspath(folder)
    if key in _swept:
        return []
    _swept.add(key)
    removed = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return []
    for entry in entries:
        if not entry.name.startswith(".") or not is_ours(entry.name):
            continue
        match = _WITH_PID.match(entry.name)
        pid = int(match["pid"]) if match else None
        if pid == os.getpid() or (pid is not None and _alive(pid)):
            continue
        with contextlib.suppress(OSError):
            # A dead writer's file is stale at once; one without a pid once it is quiet.
            before = time.time() if pid is not None else RUN_STARTED - _QUIET_SECONDS
            if entry.is_file(follow_symlinks=False) and entry.stat().st_mtime <= before:
                os.unlink(entry.path)
                removed.append(Path(entry.path))
    return removed


def forget() -> None:
    """Sweep every folder again (tests; a long-lived process)."""
    _swept.clear()


def _alive(pid: int) -> bool:
    if sys.platform == "win32":
        return True  # os.kill(pid, 0) would end the process there
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    return True
