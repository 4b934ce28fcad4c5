"""`framework test`: find the test files and run each one."""

from __future__ import annotations

from pathlib import Path

from dealcheck.errors import UsageError, say
from dealcheck.language import catalog
from dealcheck.policy.testing import FileResult, run_file


def run_tests(paths: list[Path], *, team_dir: Path, builtin: bool = False) -> list[FileResult]:
    """Run the test files given (files or folders), else those in `TEAM_DIR/tests`.

    With `builtin`, run the tests shipped with the built-in frameworks instead.

    Raises:
        UsageError: When no test file is found.
    """
    if builtin:
        team_dir = catalog.builtin_dir()
        paths = [team_dir / "tests"]
    wanted = paths or [team_dir / "tests"]
    files: list[Path] = []
    for path in wanted:
        if path.is_dir() or not paths:
            files += sorted(p for p in (*path.glob("*.yaml"), *path.glob("*.yml")) if p.is_file())
        else:
            files.append(path)
    if not files:
        where = ", ".join(str(p) for p in wanted)
        raise UsageError(say("ftest.none", where=where))
    return [run_file(path, team_dir=team_dir) for path in files]
