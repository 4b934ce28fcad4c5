"""`dealcheck validate`: check mapping files and `.dealcheck.yaml` without an export.

A mapping is checked the way `score` would bind it, minus the export: its shape, and
that every framework, criterion, red flag, level and stage it names exists. Every
problem of every file is collected, so one run (one commit) reports them all.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from dealcheck.errors import DealcheckError, Location, Problem, UsageError, ValidationFailed, say
from dealcheck.language.yamlfile import YamlMapping, YamlSequence

if TYPE_CHECKING:
    from dealcheck.language.framework import Framework
    from dealcheck.mapping.binding import Binding
    from dealcheck.mapping.model import Mapping

MAPPING_SUFFIXES = (".map.yaml", ".map.yml")


def check_files(paths: list[Path], *, team_dir: Path) -> list[Problem]:
    """Every located problem in these mapping and config files, in file and line order.

    A file named `*.map.yaml` is a mapping; any other is a project config.

    Raises:
        UsageError: A named file does not exist (exit 2, as in every command).
    """
    missing = [str(p) for p in paths if not p.is_file()]
    if missing:
        raise UsageError(say("file.missing", path=", ".join(missing)))
    problems: list[Problem] = []
    for path in paths:
        check = _check_mapping if path.name.endswith(MAPPING_SUFFIXES) else _check_config
        try:
            check(path, team_dir)
        except ValidationFailed as error:
            problems += sorted(error.problems, key=lambda p: (p.location.line, p.location.column))
        except DealcheckError as error:
            problems.append(Problem(Location(str(path), 1, 1), error.said))
    return problems


def _check_config(path: Path, team_dir: Path) -> None:
    from dealcheck.language.config import load_config_file

    load_config_file(path)


def _check_mapping(path: Path, team_dir: Path) -> None:
    from dealcheck.language.loading import load_framework
    from dealcheck.mapping.binding import bind
    from dealcheck.mapping.loading import load_mapping

    mapping, tree = load_mapping(path)
    named = dict.fromkeys([*mapping.frameworks, *mapping.criteria, *mapping.red_flags])
    frameworks, problems = [], []
    for framework_id in named:
        try:
            frameworks.append(load_framework(framework_id, team_dir=team_dir))
        except DealcheckError as error:
            where = _where_named(tree, framework_id) or tree.location
            problems.append(Problem(where, error.message.splitlines()[0]))
    if problems:
        raise ValidationFailed(problems)
    # Any text in the mapping may name a column; only the export can say which are missing.
    binding = bind(mapping, tree, _texts(tree), frameworks, str(path))
    if mapping.close_plan is not None:
        _check_plan_steps(mapping, tree, binding, frameworks, str(path))


def _check_plan_steps(
    mapping: Mapping, tree: YamlMapping, binding: Binding, frameworks: list[Framework], name: str
) -> None:
    """Each close plan step a mapping names is a template (framework or team config)."""
    import datetime as dt

    from dealcheck.batch.close_plan.columns import bind_plan_columns
    from dealcheck.deals.close_plan import step_templates
    from dealcheck.language.config import load_config

    try:
        team = load_config().close_plan
    except DealcheckError:
        team = []  # the config's own problems are its own file's
    templates = step_templates(frameworks, team)
    bind_plan_columns(
        mapping, tree, _texts(tree), binding, frameworks, templates, dt.date.today(), name
    )


def _where_named(tree: YamlMapping, framework_id: str) -> Location | None:
    for key in ("criteria", "red_flags"):
        section = tree.get(key)
        if isinstance(section, YamlMapping) and framework_id in section:
            return section.key_locations[framework_id]
    listed = tree.get("frameworks")
    if isinstance(listed, YamlSequence) and framework_id in listed:
        location: Location = listed.item_locations[listed.index(framework_id)]
        return location
    return None


def _texts(tree: object) -> list[str]:
    if isinstance(tree, str):
        return [tree]
    if isinstance(tree, YamlMapping):
        return [text for value in tree.values() for text in _texts(value)]
    if isinstance(tree, YamlSequence):
        return [text for value in tree for text in _texts(value)]
    return []
