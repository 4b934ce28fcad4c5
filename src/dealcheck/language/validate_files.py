"""`framework validate`: check many files, collecting every located problem."""

from __future__ import annotations

from pathlib import Path

from dealcheck.errors import Location, Problem, UsageError, ValidationFailed, say
from dealcheck.language import validation_cache

STDIN = Path("-")
STDIN_NAME = "<stdin>"


def validate_files(
    paths: list[Path], *, team_dir: Path, stdin: bytes | None = None
) -> tuple[list[Problem], int]:
    """Validate framework files; return all problems (sorted by file and line) and the count checked.

    `-` stands for `stdin` (the bytes standard input gave). Files unchanged since they
    last validated are not parsed again (see `validation_cache`).

    Raises:
        UsageError: A named file does not exist (as in every command: exit 2).
    """
    missing = [str(p) for p in paths if p != STDIN and not p.is_file()]
    if missing:
        raise UsageError(say("file.missing", path=", ".join(missing)))
    problems: list[Problem] = []
    for path in paths:
        if path == STDIN:
            problems.extend(_problems(path, team_dir, stdin or b""))
            continue
        key = validation_cache.cache_key(path, team_dir)
        if validation_cache.is_known_valid(key):
            continue
        found = _problems(path, team_dir)
        if found:
            problems.extend(found)
        else:
            validation_cache.remember_valid(key)
    order = {STDIN_NAME if path == STDIN else str(path): i for i, path in enumerate(paths)}
    problems.sort(
        key=lambda p: (order.get(p.location.file, len(order)), p.location.line, p.location.column)
    )
    return problems, len(paths)


def in_team_folder(paths: list[Path], team_dir: Path) -> list[Path]:
    """The paths that are framework files of the team folder (its tests/ excluded)."""
    folder = team_dir.resolve()
    kept = []
    for path in paths:
        parents = path.resolve().parents
        if folder in parents and folder / "tests" not in parents:
            kept.append(path)
    return kept


def _problems(path: Path, team_dir: Path, stdin: bytes | None = None) -> list[Problem]:
    # pydantic and PyYAML only on a cache miss
    from dealcheck.language.loading import load_framework, load_framework_bytes

    try:
        if stdin is not None:
            load_framework_bytes(stdin, name=STDIN_NAME, team_dir=team_dir)
        else:
            load_framework(str(path) if path.parent != Path() else f"./{path}", team_dir=team_dir)
    except ValidationFailed as error:
        return error.problems
    except UsageError as error:
        return [Problem(Location(STDIN_NAME if stdin is not None else str(path), 1, 1), error.said)]
    return []
