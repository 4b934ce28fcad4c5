"""The export of batch.py's `combined` distribution: every built-in framework at once.

A team that scores several frameworks together (`-f meddpicc -f bant -f icp-fit ...`)
keeps one column per criterion and one per red flag, so each row carries far more
answers than a MEDDPICC export. The layout is read from the built-in frameworks, so a
new built-in joins the benchmark (and the distribution's golden changes with it):

* frameworks: every built-in with criteria or red flags, MEDDPICC first (the lead,
  whose grades and thresholds the overall verdict uses, as in the other
  distributions); a stage set with neither (The Model) joins when every shared stage
  names one of its stages, as the built-ins' aliases make it do;
* criteria: one column each, holding one of its scale's levels by the CRM label the
  mapping-wide `values:` reads (Confirmed, Partial, Assumed, None); a level without
  such a label appears as its own English label, read through the column's `values:`;
* red flags: one column per flag id; a flag several frameworks share is one column,
  mapped under the first framework that has it (the engine answers it once for all);
* stages: those every framework with criteria has, by CRM name, and closed won / lost.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass

#: The lead framework: it comes first in `frameworks:`.
LEAD = "meddpicc"
#: Level id -> the CRM label an export shows (the inverse of the mapping's `values:`).
CRM_LEVELS = {
    "confirmed": "Confirmed",
    "partial": "Partial",
    "assumed": "Assumed",
    "absent": "None",
}
#: Stage id -> the CRM stage name an export shows, where it differs from the stage's name.
CRM_STAGES = {
    "prospecting": "Prospecting",
    "qualification": "Qualification",
    "discovery": "Needs Analysis",
    "proposal": "Proposal/Price Quote",
    "negotiation": "Negotiation/Review",
}
CLOSED_STAGES = {"Closed Won": "won", "Closed Lost": "lost"}


@dataclass(frozen=True)
class CriterionColumn:
    """A column answering one criterion of one framework."""

    header: str
    framework: str
    criterion: str
    #: The cells a row picks from: one per level of the criterion's scale, and a blank.
    cells: tuple[str, ...]
    #: Cell -> level id for labels the mapping-wide `values:` does not read.
    values: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class FlagColumn:
    """A yes/no column answering one red flag."""

    header: str
    framework: str
    flag: str


@dataclass(frozen=True)
class Layout:
    """What the `combined` export holds beyond the deal basics."""

    frameworks: tuple[str, ...]
    criteria: tuple[CriterionColumn, ...]
    flags: tuple[FlagColumn, ...]
    #: CRM stage name -> stage id (or won / lost), in the order rows pick from.
    stages: tuple[tuple[str, str], ...]


@functools.cache
def combined_layout() -> Layout:
    """The layout, read from the built-in frameworks (once per process)."""
    from dealcheck.language.catalog import builtin_ids
    from dealcheck.language.loading import load_framework

    ids = sorted(builtin_ids(), key=lambda framework_id: framework_id != LEAD)
    loaded = [load_framework(framework_id) for framework_id in ids]
    scoring = [fw for fw in loaded if fw.criteria or fw.red_flags]
    staged = [fw for fw in scoring if fw.criteria]
    shared = [s.id for s in staged[0].stages if all(fw.stage(s.id) for fw in staged)]
    frameworks = [
        fw
        for fw in loaded
        if fw.criteria or fw.red_flags or (fw.stages and all(fw.stage(s) for s in shared))
    ]
    criteria: list[CriterionColumn] = []
    flags: dict[str, FlagColumn] = {}
    for fw in frameworks:
        for criterion in fw.criteria:
            levels = fw.scale_of(criterion).root
            cells = [CRM_LEVELS.get(level.id, level.label.get("en")) for level in levels]
            own = [(lv.label.get("en"), lv.id) for lv in levels if lv.id not in CRM_LEVELS]
            header = criterion.name.get("en")
            criteria.append(CriterionColumn(header, fw.id, criterion.id, (*cells, ""), tuple(own)))
        for flag in fw.red_flags:
            flags.setdefault(flag.id, FlagColumn(flag.name.get("en"), fw.id, flag.id))
    names = {
        CRM_STAGES.get(s.id, s.name.get("en")): s.id for s in staged[0].stages if s.id in shared
    }
    headers = [c.header for c in criteria] + [f.header for f in flags.values()]
    if len(set(headers)) != len(headers):
        raise SystemExit(f"two built-in criteria or red flags share a name: {sorted(headers)}")
    return Layout(
        tuple(fw.id for fw in frameworks),
        tuple(criteria),
        tuple(flags.values()),
        tuple({**names, **CLOSED_STAGES}.items()),
    )


def combined_mapping(layout: Layout, columns: str) -> str:
    """The mapping of the `combined` export; `columns` is its `columns:` entry (YAML)."""
    quote = json.dumps  # a JSON string is a YAML flow scalar: names with commas stay whole
    lines = [
        f"frameworks: [{', '.join(layout.frameworks)}]",
        columns.rstrip("\n"),
        "values: {" + ", ".join(f"{quote(c)}: {i}" for i, c in CRM_LEVELS.items()) + "}",
        "stages: {" + ", ".join(f"{quote(name)}: {i}" for name, i in layout.stages) + "}",
        "criteria:",
    ]
    for framework in layout.frameworks:
        columns_of = [c for c in layout.criteria if c.framework == framework]
        lines += [f"  {framework}:"] if columns_of else []
        for column in columns_of:
            values = ", ".join(f"{quote(cell)}: {level}" for cell, level in column.values)
            extra = f", values: {{{values}}}" if values else ""
            lines.append(f"    {column.criterion}: {{column: {quote(column.header)}{extra}}}")
    lines.append("red_flags:")
    for framework in layout.frameworks:
        flags_of = [f for f in layout.flags if f.framework == framework]
        lines += [f"  {framework}:"] if flags_of else []
        lines += [f"    {f.flag}: {{column: {quote(f.header)}}}" for f in flags_of]
    return "\n".join(lines) + "\n"
