"""Where a week's `DealState`s come from: a scoring run, a scored CSV, or a deal folder.

* `SnapshotWriter` is a `ScoredWriter` that keeps one `DealState` per scored row, so a
  scoring run can feed the review while it writes its usual output.
* `read_scored_csv` reads a file written by `dealcheck score -o scored.csv`: the
  original columns (read with the same mapping) plus the `dealcheck_` columns.
* `score_states` scores inputs (e.g. last week's folder of deal files) into states.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TypeVar

from dealcheck.batch.read.deal_files import DEAL_FILE_COLUMNS
from dealcheck.batch.score.row_plan import DealBasics, RowVerdict
from dealcheck.batch.summarise.builder import PipelineSummary
from dealcheck.errors import UsageError, say
from dealcheck.language.framework import Framework
from dealcheck.language.yamlfile import YamlMapping
from dealcheck.mapping.model import Columns, Mapping
from dealcheck.review.compare import DealState

_SCORED = ("dealcheck_score", "dealcheck_recommendation")
_FORMULA_GUARD = tuple("'" + c for c in "=+-@\t\r")
T = TypeVar("T")


class SnapshotWriter:
    """A `ScoredWriter` that keeps each scored row as a `DealState`."""

    def __init__(self, keep: Callable[[DealState], None] | None = None) -> None:
        """Keep every state in `states`, or hand each to `keep` (nothing is held)."""
        self.states: list[DealState] = []
        self._keep = keep or self.states.append

    def header(self, columns: list[str]) -> None:
        """Columns do not matter here."""

    def row(
        self,
        cells: list[str],
        row: RowVerdict,
        deal: DealBasics,
        hygiene: tuple[str, ...],
        where: tuple[str, int],
        suspicious: bool,
    ) -> None:
        """Keep the deal's state."""
        verdict = row.verdict
        self._keep(
            DealState(
                deal.deal_id,
                deal.name,
                deal.company,
                deal.owner,
                deal.amount,
                row.stage or row.stage_label,
                deal.close_date,
                verdict.score if verdict.grade else None,  # no grade: nothing scored
                verdict.recommendation,
                verdict.red_flags,
            )
        )

    def finish(self, summary: PipelineSummary) -> None:
        """Nothing to finish."""


def read_scored_csv(
    path: str,
    mapping: Mapping | None,
    *,
    encoding: str | None = None,
    delimiter: str | None = None,
    warnings: list[str] | None = None,
) -> list[DealState]:
    """Read a scored CSV back into deal states.

    Args:
        path: A file written by `dealcheck score … -o scored.csv`.
        mapping: The mapping it was scored with (its columns name the deal basics);
            None for a scored folder of deal files.
        encoding: Force the encoding (default: detected, BOM honoured).
        delimiter: Force the delimiter.
        warnings: Rows that could not be read are reported here.

    Raises:
        UsageError: The file has no `dealcheck_` columns, or no id or name column.
    """
    from dealcheck.batch.read.opening import open_input
    from dealcheck.mapping.values import DateReader, parse_amount

    opened = open_input(path, encoding=encoding, delimiter=delimiter)
    try:
        header = [h.strip() for h in opened.header]
        missing = [c for c in _SCORED if c not in header]
        if missing:
            raise UsageError(say("review.not_scored", path=path, missing=", ".join(missing)))
        columns = mapping.columns if mapping else DEAL_FILE_COLUMNS
        at = _positions(header, columns)
        if at["deal_id"] == len(header) and at["name"] == len(header):
            raise UsageError(
                say("review.no_id", path=path, id=columns.deal_id or "?", name=columns.name or "?")
            )
        dates = DateReader(mapping.date_formats if mapping else ["%Y-%m-%d"])
        decimal = mapping.decimal if mapping else "."
        score_at, rec_at = header.index(_SCORED[0]), header.index(_SCORED[1])
        stage_at = _index(header, "dealcheck_stage")
        flags_at = _index(header, "dealcheck_red_flags")
        states: list[DealState] = []
        for line, cells, problem in opened.rows:
            if cells is None or problem is not None:
                _warn(warnings, f"{path}:{line}: skipped ({problem or 'unreadable'})")
                continue
            padded = [*cells, ""]

            def cell(role: str, padded: list[str] = padded) -> str:
                return _unguard(padded[at[role]].strip())

            # A blank score is a row scored on nothing (`--basics-only`, red flags alone).
            said = padded[score_at].strip()
            try:
                score = float(said) if said else None
            except ValueError:
                _warn(warnings, f"{path}:{line}: skipped (score {said!r} is not a number)")
                continue
            states.append(
                DealState(
                    deal_id=cell("deal_id"),
                    name=cell("name"),
                    company=cell("company"),
                    owner=cell("owner"),
                    amount=_quietly(lambda: parse_amount(cell("amount"), decimal)),
                    stage=padded[stage_at].strip(),
                    close_date=_quietly(lambda: dates(cell("close_date"))),
                    score=score,
                    recommendation=padded[rec_at].strip(),
                    red_flags=tuple(f.strip() for f in padded[flags_at].split(";") if f.strip()),
                )
            )
        return states
    finally:
        opened.close()


def score_states(
    inputs: Sequence[str],
    frameworks: list[Framework],
    mapping: Mapping | None,
    *,
    today: date,
    lang: str = "en",
    mapping_tree: YamlMapping | None = None,
    encoding: str | None = None,
    keep: Callable[[DealState], None] | None = None,
) -> list[DealState]:
    """Score inputs (CSV exports with a mapping, or deal folders) into deal states.

    `mapping_tree` (from `load_mapping`) lets a mapping that does not fit an input
    name its own lines. With `keep`, each state goes to it as it is scored and the
    list returned is empty: a large pipeline streams through.
    """
    from dealcheck.batch.pipeline import ScoreJob, score_pipeline

    collector = SnapshotWriter(keep)
    job = ScoreJob(list(inputs), frameworks, mapping, mapping_tree, today, encoding, lang=lang)
    score_pipeline(job, collector)
    return collector.states


def previous_states(
    path: str,
    frameworks: list[Framework],
    mapping: Mapping | None,
    *,
    today: date,
    encoding: str | None = None,
    warnings: list[str] | None = None,
) -> list[DealState]:
    """Last week's deals: a folder of deal files (scored now) or a scored CSV."""
    if Path(path).is_dir():
        return score_states([path], frameworks, None, today=today)
    return read_scored_csv(path, mapping, encoding=encoding, warnings=warnings)


def _positions(header: list[str], columns: Columns) -> dict[str, int]:
    roles = ("deal_id", "name", "company", "owner", "amount", "close_date")
    return {role: _index(header, getattr(columns, role)) for role in roles}


def _index(header: list[str], name: str | None) -> int:
    # A missing column reads the padding cell after the last one.
    return header.index(name) if name in header else len(header)


def _unguard(cell: str) -> str:
    # Scored CSVs prefix formula-like cells with ' for spreadsheets; undo that.
    return cell[1:] if cell.startswith(_FORMULA_GUARD) else cell


def _quietly(read: Callable[[], T]) -> T | None:
    try:
        return read()
    except ValueError:
        return None


def _warn(warnings: list[str] | None, message: str) -> None:
    if warnings is not None and len(warnings) < 50:
        warnings.append(message)
