"""`framework validate`: check many files, collecting every located problem."""

from __future__ import annotations

from pathlib import Path

from dealcheck.errors import Location, Problem, UsageError, ValidationFailed
from dealcheck.loading import load_framework


def validate_files(paths: list[Path], *, team_dir: Path) -> tuple[list[Problem], int]:
    """Validate framework files; return all problems (sorted by file and line) and the count checked."""
    problems: list[Problem] = []
    for path in paths:
        if not path.is_file():
            problems.append(Problem(Location(str(path), 1, 1), "no such file"))
            continue
        try:
            load_framework(str(path) if path.parent != Path() else f"./{path}", team_dir=team_dir)
        except ValidationFailed as error:
            problems.extend(error.problems)
        except UsageError as error:
            problems.append(Problem(Location(str(path), 1, 1), error.message))
    order = {str(path): index for index, path in enumerate(paths)}
    problems.sort(
        key=lambda p: (order.get(p.location.file, len(order)), p.location.line, p.location.column)
    )
    return problems, len(paths)
