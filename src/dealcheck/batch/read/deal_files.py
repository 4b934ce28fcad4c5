"""Deal files written by `dealcheck qualify`, flattened into rows.

A folder of YAML deal files, or JSON Lines of the same shape, becomes rows that
flow through the same plan as a CRM export.

The documented shape read here::

    name, company, amount, currency, stage, close_date, owner, next_step,
    qualifications: [{date, answers: {<framework id>: {
        criteria: {<criterion id>: {level, evidence, source, confirmed_on}},
        red_flags: {<flag id>: true | false}}}}, ...]

The latest qualification (the last in the list) is scored.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from dealcheck.batch.read.opened import Opened, RowItem
from dealcheck.errors import DealcheckError, UsageError, say
from dealcheck.language.framework import Framework
from dealcheck.mapping.model import Columns, CriterionFeed, FlagFeed, Mapping

BASICS = (
    "file",
    "name",
    "company",
    "amount",
    "currency",
    "stage",
    "close_date",
    "created_date",
    "owner",
    "next_step",
)


def deal_header(frameworks: list[Framework]) -> list[str]:
    """Columns of a flattened deal file."""
    header = list(BASICS)
    for fw in frameworks:
        for criterion in fw.criteria:
            key = f"{fw.id}.{criterion.id}"
            header += [key, f"{key}.evidence", f"{key}.source", f"{key}.confirmed_on"]
        header += [f"{fw.id}.flag.{flag.id}" for flag in fw.red_flags]
    return header


#: Where the deal basics sit in flattened deal files (and in their scored CSV).
DEAL_FILE_COLUMNS = Columns(deal_id="file", **{basic: basic for basic in BASICS[1:]})


def deal_mapping(frameworks: list[Framework]) -> Mapping:
    """The mapping of flattened deal files: basics by name, one column per answer."""
    return Mapping(
        columns=DEAL_FILE_COLUMNS,
        criteria={
            fw.id: {
                c.id: CriterionFeed(
                    column=f"{fw.id}.{c.id}",
                    evidence=f"{fw.id}.{c.id}.evidence",
                    source=f"{fw.id}.{c.id}.source",
                    confirmed_on=f"{fw.id}.{c.id}.confirmed_on",
                )
                for c in fw.criteria
            }
            for fw in frameworks
        },
        red_flags={
            fw.id: {f.id: FlagFeed(column=f"{fw.id}.flag.{f.id}") for f in fw.red_flags}
            for fw in frameworks
        },
    )


def flatten(record: dict[str, Any], label: str, frameworks: list[Framework]) -> list[str]:
    """One deal (as read from YAML or JSON) as cells in `deal_header` order.

    Raises:
        ValueError: When the record does not have the documented shape.
    """

    def text(value: Any) -> str:
        return "" if value is None else str(value)

    cells = [label] + [text(record.get(key)) for key in BASICS[1:]]
    history = record.get("qualifications") or []
    if not isinstance(history, list) or not all(isinstance(q, dict) for q in history):
        raise ValueError("`qualifications` must be a list of mappings")
    answers = history[-1].get("answers", {}) if history else {}
    if not cells[5] and history:
        cells[5] = text(history[-1].get("stage"))
    if not isinstance(answers, dict):
        raise ValueError("`answers` must be a mapping of framework id to answers")
    for fw in frameworks:
        given = answers.get(fw.id) or {}
        criteria = given.get("criteria") or {}
        flags = given.get("red_flags") or {}
        for criterion in fw.criteria:
            answer = criteria.get(criterion.id) or {}
            if isinstance(answer, str):
                answer = {"level": answer}
            if not isinstance(answer, dict):
                raise ValueError(f"{fw.id}.{criterion.id}: expected {{level, evidence}}")
            cells += [text(answer.get(key)) for key in ("level", "evidence", "source")]
            cells.append(text(answer.get("confirmed_on")))
        cells += [_flag(flags.get(f.id)) for f in fw.red_flags]
    return cells


def _flag(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return "" if value in (None, "unknown") else str(value)


def open_deal_folder(
    folder: Path, frameworks: list[Framework], *, reached: str | None = None
) -> Opened:
    """A folder of deal YAML files as a row stream (one row per file, line = 1).

    With `reached`, each row ends with a column of that name: the stage the deal was
    last qualified at (`learn` reads how far a deal got).
    """
    files = sorted(p for p in folder.rglob("*.y*ml") if p.is_file() and not p.name.startswith("."))
    if not files:
        raise UsageError(say("score.no_deal_files", folder=folder))
    header = deal_header(frameworks) + ([reached] if reached else [])
    rows = _folder_rows(files, frameworks, with_reached=reached is not None)
    return Opened(
        str(folder), header, rows, "utf-8", kind="deals", notes=[f"{len(files)} deal files"]
    )


def _folder_rows(
    files: list[Path], frameworks: list[Framework], *, with_reached: bool
) -> Iterator[RowItem]:
    from dealcheck.deals.store import load_deal

    for path in files:
        try:
            deal = load_deal(path)
            cells = flatten(deal.model_dump(mode="json"), path.name, frameworks)
            if with_reached:
                cells.append(deal.qualifications[-1].stage or "" if deal.qualifications else "")
            yield 1, cells, None
        except DealcheckError as error:
            yield 1, [path.name], f"{path.name}: {error.message.splitlines()[0]}"
        except ValueError as error:
            yield 1, [path.name], f"{path.name}: {error}"


def flatten_records(opened: Opened, frameworks: list[Framework]) -> Opened:
    """Turn a JSON Lines stream of deal records into flattened rows."""
    # Bound now: `opened.rows` is replaced by the flattened rows below, and a generator
    # reading `opened.rows` when first advanced would read itself.
    records = opened.rows

    def rows() -> Iterator[RowItem]:
        for line, record, problem in records:
            if record is None:
                yield line, None, problem
                continue
            try:
                label = str(record.get("id") or record.get("name") or f"line {line}")  # type: ignore[attr-defined]
                yield line, flatten(record, label, frameworks), None  # type: ignore[arg-type]
            except ValueError as error:
                yield line, None, str(error)

    opened.header, opened.rows = deal_header(frameworks), rows()
    return opened
