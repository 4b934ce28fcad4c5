"""`framework validate`: check many files, collecting every located problem."""

from __future__ import annotations

from pathlib import Path

from dealcheck.errors import Location, Problem, UsageError, ValidationFailed
from dealcheck.language import validation_cache


def validate_files(paths: list[Path], *, team_dir: Path) -> tuple[list[Problem], int]:
    """Validate framework files; return all problems (sorted by file and line) and the count checked.

    Files unchanged since they last validated are not parsed again (see `validation_cache`).
    """
    problems: list[Problem] = []
    for path in paths:
        if not path.is_file():
            problems.append(Problem(Location(str(path), 1, 1), "no such file"))
            continue
        key = validation_cache.cache_key(path, team_dir)
        if validation_cache.is_known_valid(key):
            continue
        found = _problems(path, team_dir)
        if found:
            problems.extend(found)
        else:
            validation_cache.remember_valid(key)
    order = {str(path): index for index, path in enumerate(paths)}
    problems.sort(
        key=lambda p: (order.get(p.location.file, len(order)), p.location.line, p.location.column)
    )
    return problems, len(paths)


def _problems(path: Path, team_dir: Path) -> list[Problem]:
    from dealcheck.language.loading import (
        load_framework,  # pydantic and PyYAML only on a cache miss
    )

    try:
        load_framework(str(path) if path.parent != Path() else f"./{path}", team_dir=team_dir)
    except ValidationFailed as error:
        return error.problems
    except UsageError as error:
        return [Problem(Location(str(path), 1, 1), error.message)]
    return []
