"""Load a mapping by path or preset name, with every problem at its FILE:LINE:COLUMN."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from dealcheck.errors import Location, Problem, UsageError, ValidationFailed, say
from dealcheck.language.validation import validate_located
from dealcheck.language.yamlfile import YamlMapping, read_yaml
from dealcheck.mapping.model import Mapping

if TYPE_CHECKING:
    from dealcheck.mapping.todos import Todo

PRESETS_DIR = Path(__file__).parent / "presets"


def preset_names() -> list[str]:
    """Names of the built-in mapping presets."""
    return sorted(p.name.removesuffix(".map.yaml") for p in PRESETS_DIR.glob("*.map.yaml"))


def load_mapping(
    reference: str | Path, *, checked_on: str | None = None
) -> tuple[Mapping, YamlMapping]:
    """Load a mapping by preset name or path; also return the located tree.

    `checked_on` is the input the TODO messages suggest `map check` on.

    Raises:
        UsageError: When the file does not exist and is no preset.
        ValidationFailed: Every problem with `FILE:LINE:COLUMN`, first each TODO left
            by `map init`.
    """
    from dealcheck.mapping.todos import find_todos, todo_problems

    tree = _read_tree(reference)
    todos = find_todos(tree)
    if todos:
        raise ValidationFailed(todo_problems(todos, str(reference), checked_on or "INPUT"))
    return validate_located(Mapping, tree), tree


def load_draft(reference: str | Path) -> tuple[Mapping, YamlMapping, list[Todo]]:
    """Load a mapping that may still hold TODOs: the mapping without them, and the TODOs.

    Raises:
        UsageError, ValidationFailed: As `load_mapping`, except for TODOs.
    """
    from dealcheck.mapping.todos import find_todos, without_todos

    tree = _read_tree(reference)
    kept = without_todos(tree)
    return validate_located(Mapping, kept), kept, find_todos(tree)


def _read_tree(reference: str | Path) -> YamlMapping:
    path = Path(reference)
    display = str(reference)
    if not path.is_file():
        preset = PRESETS_DIR / f"{reference}.map.yaml"
        if not preset.is_file():
            known = ", ".join(preset_names())
            raise UsageError(say("mapping.missing", reference=reference, known=known))
        path, display = preset, f"<preset>/{preset.name}"
    tree = read_yaml(path, display_name=display)
    if not isinstance(tree, YamlMapping):
        location = getattr(tree, "location", None) or Location(display, 1, 1)
        raise ValidationFailed([Problem(location, say("mapping.not_mapping"))])
    return tree
