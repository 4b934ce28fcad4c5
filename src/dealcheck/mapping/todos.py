"""The `TODO`s `map init` leaves in a draft: finding them, and reading around them.

A TODO is a value written exactly `TODO`. `score` refuses a mapping that still has
one, naming each at `FILE:LINE:COLUMN`; `map check` reads the rest of the mapping and
lists them as the lines to edit.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from dealcheck.errors import Location, Problem, say
from dealcheck.language.yamlfile import YamlMapping, YamlSequence

TODO = "TODO"


@dataclass(frozen=True)
class Todo:
    """One TODO: where it is written and the entry it stands for."""

    path: tuple[str | int, ...]
    location: Location

    @property
    def entry(self) -> str:
        """The entry as a reader finds it, e.g. `stages."Propuesta"` or `columns.name`."""
        parts = [
            str(p)
            if isinstance(p, int) or p.replace("-", "").replace("_", "").isalnum()
            else json.dumps(p, ensure_ascii=False)
            for p in self.path
        ]
        return ".".join(parts)


def find_todos(tree: Any, path: tuple[str | int, ...] = ()) -> list[Todo]:
    """Every TODO value in a mapping tree read by `read_yaml`, in file order."""
    found: list[Todo] = []
    if isinstance(tree, YamlMapping):
        for key, value in tree.items():
            if _is_todo(value):
                found.append(Todo((*path, key), tree.value_locations.get(key, tree.location)))
            else:
                found += find_todos(value, (*path, key))
    elif isinstance(tree, YamlSequence):
        for number, item in enumerate(tree):
            if _is_todo(item):
                found.append(Todo((*path, number), tree.item_locations[number]))
            else:
                found += find_todos(item, (*path, number))
    return sorted(found, key=lambda t: (t.location.line, t.location.column))


def todo_problems(todos: list[Todo], mapping: str, data: str = "INPUT") -> list[Problem]:
    """One located problem per TODO, pointing at `map check`."""
    return [
        Problem(
            todo.location,
            say("mapping.todo", entry=todo.entry, data=data, mapping=mapping),
        )
        for todo in todos
    ]


def without_todos(tree: Any) -> Any:
    """A copy of the tree without its TODO entries (a feed whose column is TODO goes whole)."""
    if isinstance(tree, YamlMapping):
        copy = YamlMapping(tree.location)
        for key, value in tree.items():
            if _is_todo(value) or (
                isinstance(value, YamlMapping) and _is_todo(value.get("column"))
            ):
                continue
            kept = without_todos(value)
            if isinstance(value, YamlSequence) and value and not kept:
                continue
            copy[key] = kept
            copy.key_locations[key] = tree.key_locations.get(key, tree.location)
            copy.value_locations[key] = tree.value_locations.get(key, tree.location)
        return copy
    if isinstance(tree, YamlSequence):
        items = YamlSequence(tree.location)
        for item, where in zip(tree, tree.item_locations, strict=True):
            if not _is_todo(item):
                items.append(without_todos(item))
                items.item_locations.append(where)
        return items
    return tree


def _is_todo(value: Any) -> bool:
    return isinstance(value, str) and value.strip() == TODO
