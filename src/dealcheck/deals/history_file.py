"""How a deal file stores its history: each qualification after the first says what changed.

A rep re-qualifies a deal every week or so and most answers do not move, so writing
every answer again grows the file by the whole evidence each time (a 900 KB note
carried forward filled the old 1 MiB limit in one save). A qualification marked
`only_changes: true` lists only the answers that differ from the qualification before
it; everything it does not list is as before:

* a criterion it does not name keeps its whole record;
* a criterion it names keeps the fields it does not write (`champion: partial` moves
  the level and keeps the evidence); `evidence: null` clears a field;
* red flags and stage exit checks it does not name keep their answer;
* `answers:` left out means nothing changed.

Reading expands the history before validation, so every command sees whole
qualifications, and a value taken from an earlier qualification keeps the location it
was written at. Writing compacts it; a qualification whose answers cannot be said as
changes (an answer removed since, e.g. a framework dropped) is written in full.
Files written before, with every qualification in full, read as they always did.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NoReturn

from dealcheck.errors import Location, Problem, ValidationFailed
from dealcheck.language.yamlfile import YamlMapping, YamlSequence

FLAG = "only_changes"
_PARTS = ("criteria", "red_flags", "exit_criteria")
_RECORD_ORDER = ("level", "evidence", "source", "confirmed_on")


def compact(history: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Qualifications (as dumped to JSON-ready data) with each one after the first as changes."""
    written: list[dict[str, Any]] = []
    for before, now in zip([None, *history], history, strict=False):
        written.append(now if before is None else _as_changes(before, now))
    return written


def _as_changes(before: dict[str, Any], now: dict[str, Any]) -> dict[str, Any]:
    """`now` as changes since `before`, or `now` itself when an answer was removed."""
    then_answers, now_answers = before.get("answers", {}), now.get("answers", {})
    if any(framework not in now_answers for framework in then_answers):
        return now
    changed: dict[str, Any] = {}
    for framework, group in now_answers.items():
        old = then_answers.get(framework)
        if old is None:
            changed[framework] = group
            continue
        delta: dict[str, Any] = {}
        for part in _PARTS:
            then_part, now_part = old.get(part, {}), group.get(part, {})
            if any(key not in now_part for key in then_part):
                return now
            moved = {}
            for key, value in now_part.items():
                if part == "criteria":
                    record = _record_changes(then_part.get(key), value)
                    if record is not None:
                        moved[key] = record
                elif then_part.get(key) != value:
                    moved[key] = value
            if moved:
                delta[part] = moved
        if delta:
            changed[framework] = delta
    written: dict[str, Any] = {}
    for key, value in now.items():
        if key == "answers":
            continue
        written[key] = value
        if key == "frameworks":
            written[FLAG] = True
            if changed:
                written["answers"] = changed
    return written


def _record_changes(before: dict[str, Any] | None, now: dict[str, Any]) -> Any:
    """The fields of a criterion's record that changed (a level alone as shorthand), or None."""
    if before is None:
        return now
    fields = [f for f in _RECORD_ORDER if f in before or f in now]
    fields += [f for f in {**before, **now} if f not in fields]
    moved = {f: now.get(f) for f in fields if before.get(f) != now.get(f)}
    if not moved:
        return None
    return moved["level"] if list(moved) == ["level"] else moved


def expand(tree: Any) -> Any:
    """A deal file's tree (from `read_yaml`) with every qualification whole.

    Raises:
        ValidationFailed: `only_changes` that is not true or false, or on the first
            qualification (nothing before it to take answers from).
    """
    history = tree.get("qualifications") if isinstance(tree, YamlMapping) else None
    if not isinstance(history, YamlSequence) or not any(
        isinstance(item, YamlMapping) and FLAG in item for item in history
    ):
        return tree
    whole = YamlSequence(history.location)
    previous: YamlMapping | None = None
    for number, (item, where) in enumerate(zip(history, history.item_locations, strict=True)):
        if isinstance(item, YamlMapping) and FLAG in item:
            item = _inherit(previous, item, first=number == 0)
        whole.append(item)
        whole.item_locations.append(where)
        previous = item if isinstance(item, YamlMapping) else None
    expanded = _copy(tree)
    expanded["qualifications"] = whole
    return expanded


def _inherit(previous: YamlMapping | None, item: YamlMapping, *, first: bool) -> YamlMapping:
    flag = item[FLAG]
    if not isinstance(flag, bool):
        _fail(item.value_locations[FLAG], f"{FLAG}: write true or false, not {flag!r}")
    whole = _copy(item, leave_out=FLAG)
    if not flag:
        return whole
    if first or previous is None:
        _fail(
            item.key_locations[FLAG],
            f"{FLAG}: true on the first qualification, with none before it to take the "
            "unchanged answers from; put back the qualification before it (an archive "
            "copy holds it), or write this one's answers in full and remove this line",
        )
    then, now = previous.get("answers"), item.get("answers")
    if not isinstance(then, YamlMapping) or not isinstance(now, YamlMapping | None):
        return whole  # nothing to take from, or not a mapping: validation says where
    if now is None:
        _put(whole, "answers", then, previous)
        return whole
    _put(whole, "answers", _merged(then, now, _merge_group), item)
    return whole


def _merge_group(then: YamlMapping, now: YamlMapping, key: str) -> Any:
    """One framework's answers: criteria, red flags and exit checks laid over the earlier."""
    old, new = then[key], now[key]
    if not isinstance(old, YamlMapping) or not isinstance(new, YamlMapping):
        return new
    return _merged(old, new, _merge_part)


def _merge_part(then: YamlMapping, now: YamlMapping, key: str) -> Any:
    old, new = then[key], now[key]
    if key not in _PARTS or not isinstance(old, YamlMapping) or not isinstance(new, YamlMapping):
        return new
    return _merged(old, new, _merge_record if key == "criteria" else _newer)


def _merge_record(then: YamlMapping, now: YamlMapping, key: str) -> Any:
    old, new = _as_record(then, key), _as_record(now, key)
    if not isinstance(old, YamlMapping) or not isinstance(new, YamlMapping):
        return now[key]
    merged = _merged(old, new, _newer)
    for field in [field for field, value in merged.items() if value is None]:
        del merged[field]
    return merged


def _newer(then: YamlMapping, now: YamlMapping, key: str) -> Any:
    return now[key]


def _as_record(parent: YamlMapping, key: str) -> Any:
    """`partial` (the level shorthand) as `{level: partial}`, located where it was written."""
    value = parent[key]
    if not isinstance(value, str):
        return value
    where = parent.value_locations.get(key, parent.location)
    record = YamlMapping(where)
    record["level"] = value
    record.key_locations["level"] = record.value_locations["level"] = where
    return record


def _merged(
    then: YamlMapping, now: YamlMapping, combine: Callable[[YamlMapping, YamlMapping, str], Any]
) -> YamlMapping:
    """`then` with `now`'s keys laid over it; a key in both is `combine(then, now, key)`."""
    merged = YamlMapping(now.location)
    for key in then:
        _put(merged, key, then[key], then)
    for key in now:
        _put(merged, key, combine(then, now, key) if key in then else now[key], now)
    return merged


def _put(target: YamlMapping, key: str, value: Any, source: YamlMapping) -> None:
    target[key] = value
    if key in source.key_locations:
        target.key_locations[key] = source.key_locations[key]
        target.value_locations[key] = source.value_locations[key]


def _copy(mapping: YamlMapping, *, leave_out: str | None = None) -> YamlMapping:
    copy = YamlMapping(mapping.location)
    for key, value in mapping.items():
        if key != leave_out:
            _put(copy, key, value, mapping)
    return copy


def _fail(location: Location, message: str) -> NoReturn:
    raise ValidationFailed([Problem(location, message)])
