"""Git in a scratch repository, for the tests that read versions with `git:REV:PATH`."""

from __future__ import annotations

import subprocess
from pathlib import Path


def git(folder: Path, *args: str) -> None:
    """Run git in `folder` as a fixed author; fail the test when git fails."""
    subprocess.run(
        ["git", "-c", "user.email=coach@example.com", "-c", "user.name=Coach", *args],
        cwd=folder,
        check=True,
        capture_output=True,
    )
