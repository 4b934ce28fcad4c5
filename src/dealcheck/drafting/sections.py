"""The sections of a drafted mapping: columns, formats, stages, criteria, attributes.

A column is written only when its values do not veto what its header says; anything
less sure is a `TODO` line listing the candidates.
"""

from __future__ import annotations

import json

from dealcheck.drafting.finding import Found
from dealcheck.drafting.layouts import Knowledge
from dealcheck.drafting.sniff import (
    DATE,
    EMPTY,
    ID,
    LABEL,
    MONEY,
    NUMBER,
    TEXT,
    YES_NO,
    Profile,
    date_formats,
    decimal_comma,
)
from dealcheck.drafting.stage_guess import Seen, guess_stages
from dealcheck.language.framework import Framework
from dealcheck.mapping.binding import ROLES
from dealcheck.mapping.model import DEFAULT_DATE_FORMATS
from dealcheck.mapping.values import level_table, normalise_value

DATE_ROLES = ("close_date", "created_date", "stage_since")
#: Roles most exports lack: no TODO line unless a column comes near.
OPTIONAL_ROLES = frozenset({"forecast_category"})
#: The value shapes each column role accepts (an empty column vetoes nothing).
ACCEPTS: dict[str, frozenset[str]] = {
    "deal_id": frozenset({ID, NUMBER, LABEL}),
    "name": frozenset({LABEL, TEXT}),
    "company": frozenset({LABEL, TEXT}),
    "owner": frozenset({LABEL, TEXT}),
    "amount": frozenset({MONEY}),
    "currency": frozenset({LABEL}),
    "stage": frozenset({LABEL, TEXT}),
    "status": frozenset({LABEL}),
    "next_step": frozenset({LABEL, TEXT}),
    "forecast_category": frozenset({LABEL}),
    **dict.fromkeys(DATE_ROLES, frozenset({DATE})),
}
SHAPE_WORDS = {
    ID: "record ids",
    YES_NO: "yes/no values",
    DATE: "dates",
    MONEY: "amounts",
    NUMBER: "numbers",
    LABEL: "short labels",
    TEXT: "free text",
}

#: How many unread columns the draft offers as `attributes` (a wide export has thousands).
ATTRIBUTES_SHOWN = 8


class DraftWriter:
    """Writes the column, format and criteria sections from what was found."""

    def __init__(
        self,
        header: list[str],
        profiles: dict[int, Profile],
        found: dict[str, Found],
        frameworks: list[Framework],
    ) -> None:
        self.header, self.profiles, self.found, self.frameworks = (
            header,
            profiles,
            found,
            frameworks,
        )
        self.taken: set[int] = set()
        self.chosen: dict[str, int] = {}
        self.fed: set[int] = set()

    def columns(self) -> list[str]:
        """The `columns:` section: each role's column, else a TODO with the candidates."""
        lines = ["columns:"]
        for role in ROLES:
            slot = self.found.get(role, Found([], []))
            picked, vetoed = self._pick(slot.sure, ACCEPTS[role])
            if picked is not None:
                self.taken.add(picked)
                self.chosen[role] = picked
                lines.append(f"  {role}: {_q(self.header[picked])}")
            elif role not in OPTIONAL_ROLES or slot.near:
                lines.append(self._todo(f"  {role}", vetoed, slot.near, ACCEPTS[role]))
        return lines

    def formats(self) -> list[str]:
        """`decimal` and `date_formats`, when the chosen columns' values need them."""
        lines: list[str] = []
        amount = self.chosen.get("amount")
        if amount is not None and decimal_comma(list(self.profiles[amount].values)):
            lines.append('decimal: ","')
        dates = [
            v for r in DATE_ROLES if r in self.chosen for v in self.profiles[self.chosen[r]].values
        ]
        readable = date_formats(dates) if dates else [DEFAULT_DATE_FORMATS[0]]
        ambiguous = {"%m/%d/%Y", "%d/%m/%Y"} <= set(readable[:2])
        if not readable or ambiguous:
            lines.append(
                'date_formats: ["TODO"]  # TODO: how dates are written, "%m/%d/%Y" or "%d/%m/%Y"'
            )
        elif readable[0] != DEFAULT_DATE_FORMATS[0]:
            lines.append(f"date_formats: {json.dumps(readable[:1])}")
        return lines

    def criteria(self) -> list[str]:
        """The `criteria:` section: each criterion's column and kind, else a TODO."""
        lines = ["criteria:  # framework -> criterion -> {column, kind: level | yes-no | text}"]
        for fw in self.frameworks:
            if not fw.criteria:
                continue
            lines.append(f"  {fw.id}:")
            start = len(lines)
            for criterion in fw.criteria:
                slot = self.found.get(f"{fw.id}/{criterion.id}", Found([], []))
                sure = [p for p in slot.sure if p not in self.taken]
                accepts = frozenset({YES_NO, LABEL, TEXT, NUMBER, EMPTY})
                picked, vetoed = self._pick(sure, accepts)
                if picked is None:
                    near = [p for p in slot.near if p not in self.taken]
                    lines.append(
                        self._todo(f"    {criterion.id}", vetoed, near, accepts, feed=True)
                    )
                    continue
                self.fed.add(picked)
                lines.append(self._feed(fw, criterion.id, picked))
            if all(line.lstrip().startswith("#") for line in lines[start:]):
                lines[start - 1] += " {}  # no column matched; map them below"
        return lines

    def attributes(self) -> list[str]:
        """The columns nothing reads, offered (commented out) to `dealcheck learn`."""
        spare = [
            name
            for position, name in enumerate(self.header)
            if position not in self.taken and position not in self.fed and name.strip()
        ]
        if not spare:
            return []
        shown = json.dumps(spare[:ATTRIBUTES_SHOWN], ensure_ascii=False)
        more = (
            f" (and {len(spare) - ATTRIBUTES_SHOWN} more columns)"
            if len(spare) > ATTRIBUTES_SHOWN
            else ""
        )
        return [
            f"# attributes: {shown}  # uncomment for `dealcheck learn` win rates by these{more}"
        ]

    def _feed(self, fw: Framework, criterion_id: str, position: int) -> str:
        profile = self.profiles[position]
        column = _q(self.header[position])
        kind = profile.kind
        if kind == YES_NO:
            return f"    {criterion_id}: {{column: {column}, kind: yes-no}}"
        if kind == TEXT:
            return f"    {criterion_id}: {{column: {column}, kind: text}}"
        criterion = fw.criterion(criterion_id)
        scale = fw.scale_of(criterion) if criterion else fw.scale
        table = level_table(fw, scale, {})
        lowest = scale.root[0].id
        unknown = [v for v in profile.values if normalise_value(v) not in table]
        if not unknown:
            return f"    {criterion_id}: {{column: {column}}}"
        if len(unknown) == len(profile.values) and any(len(v.split()) > 1 for v in unknown):
            return f"    {criterion_id}: {{column: {column}, kind: text}}"
        values = {
            v: (lowest if normalise_value(v) in ("none", "없음") else "TODO") for v in unknown
        }
        shown = ", ".join(f"{_q(v)}: {t}" for v, t in values.items())
        levels = ", ".join(lv.id for lv in scale.root)
        note = (
            f"  # TODO: each value -> {levels}, yes, no or unknown"
            if "TODO" in values.values()
            else ""
        )
        return f"    {criterion_id}: {{column: {column}, values: {{{shown}}}}}{note}"

    def _pick(self, positions: list[int], accepts: frozenset[str]) -> tuple[int | None, list[int]]:
        vetoed: list[int] = []
        for position in positions:
            if position in self.taken:
                continue
            if self.profiles[position].kind in accepts | {EMPTY}:
                return position, vetoed
            vetoed.append(position)
        return None, vetoed

    def _todo(
        self,
        key: str,
        vetoed: list[int],
        near: list[int],
        accepts: frozenset[str],
        *,
        feed: bool = False,
    ) -> str:
        reasons = [
            f"{_q(self.header[p])} holds {SHAPE_WORDS[self.profiles[p].kind]}" for p in vetoed
        ]
        fitting = [
            p
            for p in near
            if p not in self.taken
            and p not in vetoed
            and self.profiles[p].kind in accepts | {EMPTY}
        ]
        if not fitting:
            why = "; ".join(reasons) or "no column found"
            indent = key[: len(key) - len(key.lstrip())]
            value = "TODO" if not feed else "{column: TODO}"
            return f"{indent}# {key.strip()}: {value}  # {why}"
        # A column left out reads as unknown, which scoring copes with: a weak candidate
        # is a suggestion to look at, not a blocking TODO like an unplaced stage.
        names = ", ".join(_q(self.header[p]) for p in fitting)
        indent = key[: len(key) - len(key.lstrip())]
        value = "TODO" if not feed else "{column: TODO}"
        extra = f"; {'; '.join(reasons)}" if reasons else ""
        return f"{indent}# {key.strip()}: {value}  # perhaps {names}{extra}"


def stage_lines(seen: dict[str, Seen], known: Knowledge, frameworks: list[Framework]) -> list[str]:
    """The `stages:` section: each stage name seen, its stage id or a TODO with a hint."""
    if not seen:
        return []
    staged = next((fw for fw in frameworks if fw.stages), None)
    every = ", ".join(
        [*(s.id for s in staged.stages), "won", "lost"] if staged else ["won", "lost"]
    )
    lines = ["stages:  # CRM stage name -> framework stage id, or won / lost"]
    for guess in guess_stages(seen, known.stages, frameworks):
        if guess.target:
            lines.append(f"  {_q(guess.name)}: {guess.target}")
            continue
        likely = " or ".join(guess.candidates)
        why = f" ({guess.hint})" if guess.hint else ""
        hint = f"likely {likely}{why}; " if likely else (f"{guess.hint}; " if guess.hint else "")
        lines.append(f"  {_q(guess.name)}: TODO  # {hint}one of: {every}")
    return lines


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)
