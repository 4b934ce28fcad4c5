"""Load a framework file: read safely, resolve `extends`, validate, check, locate errors."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from dealcheck.errors import Location, Problem, UsageError, ValidationFailed, say
from dealcheck.language import catalog
from dealcheck.language.framework import Framework
from dealcheck.language.rules import semantic_problems
from dealcheck.language.validation import validate_located
from dealcheck.language.yamlfile import YamlMapping, YamlSequence, locate, parse_yaml, read_yaml

KEYED_LISTS = ("criteria", "red_flags", "stages", "close_plan")
MERGED_PER_KEY = {"levels", "expects"}


def load_framework(reference: str | Path, *, team_dir: Path | None = None) -> Framework:
    """Load and validate a framework by id or path, with `extends` resolved.

    Args:
        reference: A framework id (built-in or in the team folder) or a file path.
        team_dir: The team's framework folder (default `./frameworks`).

    Raises:
        ValidationFailed: Every problem found, each with `FILE:LINE:COLUMN`.
        UsageError: When the framework cannot be found.
    """
    framework, _ = load_with_tree(reference, team_dir=team_dir)
    return framework


def load_with_tree(
    reference: str | Path, *, team_dir: Path | None = None
) -> tuple[Framework, YamlMapping]:
    """Like `load_framework`, also returning the merged raw tree (for `show --resolved`)."""
    team = team_dir or catalog.TEAM_DIR_DEFAULT
    source = catalog.find(str(reference), team_dir=team)
    tree = _resolved_tree(source, team, chain=())
    framework = validate_tree(tree)
    _check_team_file_name(source, team, tree, framework.id)
    return framework, tree


def _check_team_file_name(
    source: catalog.FrameworkSource, team: Path, tree: YamlMapping, framework_id: str
) -> None:
    """A team framework is found by its file name, so two files cannot share an id."""
    if source.origin == "built-in" or source.path.stem == framework_id:
        return
    if source.path.resolve().parent != team.resolve():
        return
    where = tree.value_locations.get("id", tree.location)
    raise ValidationFailed(
        [
            Problem(
                where,
                say(
                    "load.id_not_file",
                    id=framework_id,
                    file=source.path.name,
                    stem=source.path.stem,
                ),
            )
        ]
    )


def load_framework_bytes(data: bytes, *, name: str, team_dir: Path | None = None) -> Framework:
    """Load a framework read from elsewhere (standard input) and named `name` in messages.

    A relative `extends` path is resolved from the current folder.
    """
    team = team_dir or catalog.TEAM_DIR_DEFAULT
    source = catalog.FrameworkSource(Path.cwd() / name, "file", name)
    return validate_tree(_resolved_tree(source, team, chain=(), tree=parse_yaml(data, name)))


def validate_tree(tree: YamlMapping) -> Framework:
    """Validate a merged raw tree into a `Framework`, locating every problem."""
    framework = validate_located(Framework, tree)
    problems = [
        Problem(locate(tree, path, on_key=on_key) or tree.location, message)
        for path, message, on_key in semantic_problems(framework)
    ]
    if problems:
        raise ValidationFailed(problems)
    return framework


def _resolved_tree(
    source: catalog.FrameworkSource, team_dir: Path, chain: tuple[str, ...], tree: Any = None
) -> YamlMapping:
    if tree is None:
        tree = read_yaml(source.path, display_name=source.name)
    if not isinstance(tree, YamlMapping):
        raise ValidationFailed(
            [
                Problem(
                    tree.location
                    if isinstance(tree, YamlSequence)
                    else Location(source.name, 1, 1),
                    say("load.not_mapping"),
                )
            ]
        )
    parent_ref = tree.get("extends")
    if parent_ref is None:
        return tree
    where = tree.value_locations["extends"]
    if not isinstance(parent_ref, str):
        raise ValidationFailed([Problem(where, say("load.extends"))])
    try:
        parent = catalog.find(parent_ref, team_dir=team_dir, relative_to=source.path.parent)
        if parent.key == source.key:
            # A team file named like a built-in (frameworks/meddpicc.yaml) extends the built-in.
            parent = catalog.find_builtin(parent_ref) or parent
    except UsageError as error:
        raise ValidationFailed([Problem(where, error.said)]) from None
    if parent.key in (*chain, source.key):
        cycle = " -> ".join(Path(k).stem for k in (*chain, source.key, parent.key))
        raise ValidationFailed([Problem(where, say("load.cycle", cycle=cycle))])
    base = _resolved_tree(parent, team_dir, (*chain, source.key))
    return merge(base, tree)


def merge(base: YamlMapping, child: YamlMapping) -> YamlMapping:
    """Build a child framework on a base one.

    Criteria, red flags and stages merge by `id` (a field the child gives replaces the
    base's; `levels` and `expects` merge per key; new ids are appended); `remove`
    drops inherited ids; `recommendation` merges per key; everything else is replaced.
    """
    merged = _copy_mapping(base, keys=[k for k in base if k not in ("extends", "remove")])
    # `extends` names the immediate parent only, as provenance of the merged result.
    removed = _removed_ids(base, child)
    for key, value in child.items():
        if key == "remove":
            continue
        if (
            key in KEYED_LISTS
            and isinstance(value, YamlSequence)
            and isinstance(merged.get(key), YamlSequence)
        ):
            _put(merged, key, _merge_by_id(merged[key], value), child)
        elif (
            key == "recommendation"
            and isinstance(value, YamlMapping)
            and isinstance(merged.get(key), YamlMapping)
        ):
            _put(merged, key, _merge_mappings(merged[key], value), child)
        else:
            _put(merged, key, value, child)
    for key in KEYED_LISTS:
        if isinstance(merged.get(key), YamlSequence):
            merged[key] = _without(merged[key], removed)
    if base.get("criteria") and not merged.get("criteria") and "remove" in child:
        # Nothing left to score: every deal would get 100 and "advance".
        raise ValidationFailed(
            [
                Problem(
                    child.value_locations["remove"],
                    say("load.remove_all", id=base.get("id")),
                )
            ]
        )
    return merged


def _removed_ids(base: YamlMapping, child: YamlMapping) -> set[str]:
    remove = child.get("remove")
    if remove is None:
        return set()
    if not isinstance(remove, YamlSequence):
        raise ValidationFailed([Problem(child.value_locations["remove"], say("load.remove_list"))])
    inherited = {
        item.get("id")
        for key in KEYED_LISTS
        for item in (base.get(key) or [])
        if isinstance(item, YamlMapping)
    }
    problems = [
        Problem(where, say("load.remove_unknown", id=item))
        for item, where in zip(remove, remove.item_locations, strict=True)
        if item not in inherited
    ]
    if problems:
        raise ValidationFailed(problems)
    return {str(item) for item in remove}


def _merge_by_id(base: YamlSequence, child: YamlSequence) -> YamlSequence:
    merged = YamlSequence(child.location)
    by_id: dict[Any, int] = {}
    for item, where in zip(base, base.item_locations, strict=True):
        if isinstance(item, YamlMapping) and "id" in item:
            by_id[item["id"]] = len(merged)
        merged.append(item)
        merged.item_locations.append(where)
    for item, where in zip(child, child.item_locations, strict=True):
        index = by_id.get(item.get("id")) if isinstance(item, YamlMapping) else None
        if index is None:
            merged.append(item)
            merged.item_locations.append(where)
            continue
        override = _copy_mapping(merged[index], keys=list(merged[index]))
        override.location = item.location
        for key, value in item.items():
            old = override.get(key)
            if (
                key in MERGED_PER_KEY
                and isinstance(old, YamlMapping)
                and isinstance(value, YamlMapping)
            ):
                value = _merge_mappings(old, value)
            _put(override, key, value, item)
        merged[index] = override
        merged.item_locations[index] = where
    return merged


def _merge_mappings(base: YamlMapping, child: YamlMapping) -> YamlMapping:
    merged = _copy_mapping(base, keys=list(base))
    merged.location = child.location
    for key, value in child.items():
        _put(merged, key, value, child)
    return merged


def _without(items: YamlSequence, removed: set[str]) -> YamlSequence:
    kept = YamlSequence(items.location)
    for item, where in zip(items, items.item_locations, strict=True):
        if isinstance(item, YamlMapping) and item.get("id") in removed:
            continue
        if isinstance(item, YamlMapping) and isinstance(item.get("expects"), YamlMapping):
            expects = item["expects"]
            item = _copy_mapping(item, keys=list(item))
            item["expects"] = _copy_mapping(expects, keys=[k for k in expects if k not in removed])
        kept.append(item)
        kept.item_locations.append(where)
    return kept


def _copy_mapping(source: YamlMapping, keys: list[str]) -> YamlMapping:
    copy = YamlMapping(source.location)
    for key in keys:
        _put(copy, key, source[key], source)
    return copy


def _put(target: YamlMapping, key: str, value: Any, origin: YamlMapping) -> None:
    target[key] = value
    target.key_locations[key] = origin.key_locations[key]
    target.value_locations[key] = origin.value_locations[key]
