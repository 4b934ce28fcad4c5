"""A file written by `dealcheck score -o scored.csv`, read without its mapping.

Its `dealcheck_` columns say how each deal ended (a closed deal's recommendation is
its outcome), its score, the red flags raised and the criteria short of their target
(`dealcheck_gaps`: a closed deal is judged without a stage, against each criterion's
target). Levels themselves are not in those columns: pass the mapping the file was
scored with to learn from every level.
"""

from __future__ import annotations

from dealcheck.learn.history import ClosedDeal
from dealcheck.learn.rows import Tally

SCORED = ("dealcheck_score", "dealcheck_recommendation")
OUTCOMES = {"won": True, "lost": False}


def is_scored(header: list[str]) -> bool:
    """Whether a header is that of a scored file."""
    names = {h.strip() for h in header}
    return all(column in names for column in SCORED)


def _plain(cell: str) -> str:
    """A cell without the `'` that guards spreadsheet formulas."""
    text = cell.strip()
    return text[1:] if text.startswith("'") else text


def _ids(cell: str) -> frozenset[str]:
    return frozenset(part.strip() for part in _plain(cell).split(";") if part.strip())


class ScoredReader:
    """Reads the `dealcheck_` columns of a scored file into `ClosedDeal`s."""

    qualified = True
    described: tuple[str, ...] = ()

    def __init__(self, header: list[str], source: str) -> None:
        names = [h.strip() for h in header]
        self.source = source
        self._score = names.index("dealcheck_score")
        self._outcome = names.index("dealcheck_recommendation")
        self._gaps = names.index("dealcheck_gaps") if "dealcheck_gaps" in names else -1
        self._flags = names.index("dealcheck_red_flags") if "dealcheck_red_flags" in names else -1

    def read(self, line: int, cells: list[str], tally: Tally) -> ClosedDeal | None:
        """The closed deal of a scored row; None (counted) for an open one."""
        tally.rows += 1
        said = _plain(cells[self._outcome]).casefold()
        won = OUTCOMES.get(said)
        if won is None:
            if said == "closed":
                tally.closed_unknown += 1
            else:
                tally.open += 1
            return None
        try:
            score: float | None = float(_plain(cells[self._score]))
        except ValueError:
            score = None
        if won:
            tally.won += 1
        else:
            tally.lost += 1
        return ClosedDeal(
            deal_id=f"{self.source}:{line}",
            won=won,
            flags=_ids(cells[self._flags]) if self._flags >= 0 else frozenset(),
            score=score,
            below_target=_ids(cells[self._gaps]) if self._gaps >= 0 else None,
        )
