"""Compare `map init` drafts with the mappings a sales-ops person wrote for the corpus.

Every decision the expected mapping holds (a column role, a criterion's column and
kind, a stage value's target, the decimal mark, the date format, the currency) is a
*pick* when the draft says the same, a *miss* when the draft leaves it TODO or out,
and a *wrong* when the draft says something else. A draft deciding something the
expected mapping leaves out is wrong too.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from dealcheck.mapping.binding import ROLES
from dealcheck.mapping.loading import load_draft, load_mapping
from dealcheck.mapping.model import Mapping
from dealcheck.mapping.values import normalise_value

CORPUS = Path(__file__).parent.parent / "fixtures" / "exports"
#: Layout -> (export file, `map init` options), as a sales-ops person would run it.
CASES: dict[str, tuple[str, tuple[str, ...]]] = {
    "salesforce-api": ("export.csv", ("-f", "meddpicc", "--crm", "salesforce")),
    "salesforce-report-en": ("export.csv", ("-f", "meddpicc", "--crm", "salesforce")),
    "salesforce-report-ko": ("export.csv", ("-f", "meddpicc", "--crm", "salesforce")),
    "salesforce-report-ja": ("export.csv", ("-f", "meddpicc", "--crm", "salesforce")),
    "salesforce-report-es": ("export.csv", ("-f", "meddpicc", "--crm", "salesforce")),
    "hubspot-en": ("export.csv", ("-f", "meddpicc")),
    "hubspot-ko": ("export.csv", ("-f", "meddpicc")),
    "hubspot-internal": ("export.csv", ("-f", "meddpicc", "--crm", "hubspot")),
    "pipedrive": ("export.csv", ("-f", "bant", "--crm", "pipedrive")),
    "excel-unicode-text": ("export.txt", ("-f", "meddpicc")),
    "korean-excel-cp949": ("export.csv", ("-f", "bant")),
    "european-semicolon": ("export.csv", ("-f", "meddpicc")),
    "plain-crm": ("export.csv", ("-f", "meddpicc")),
}


@dataclass
class Tally:
    """Picks, misses and wrongs of one draft, each wrong and miss described."""

    picks: int = 0
    misses: list[str] = field(default_factory=list)
    wrongs: list[str] = field(default_factory=list)

    def judge(self, what: str, wanted: object, drafted: object) -> None:
        """Count one decision."""
        if wanted is None and drafted is None:
            return
        if drafted is None:
            self.misses.append(f"{what}: wanted {wanted!r}")
        elif wanted == drafted:
            self.picks += 1
        else:
            self.wrongs.append(f"{what}: wanted {wanted!r}, drafted {drafted!r}")


def tally(draft: Path, layout: str) -> Tally:
    """Judge the draft at `draft` against the layout's expected mapping."""
    wanted, _ = load_mapping(CORPUS / layout / "expected.map.yaml")
    drafted, _, todos = load_draft(draft)
    todo_paths = {t.path[:2] for t in todos}
    result = Tally()
    for role in ROLES:
        result.judge(
            f"columns.{role}", getattr(wanted.columns, role), getattr(drafted.columns, role)
        )
    result.judge("decimal", _set(wanted.decimal, "."), _set(drafted.decimal, "."))
    result.judge("currency", wanted.currency, drafted.currency)
    iso = "%Y-%m-%d"
    result.judge(
        "date_formats", _set(wanted.date_formats[0], iso), _set(drafted.date_formats[0], iso)
    )
    _criteria(result, wanted, drafted)
    want_stages = {normalise_value(k): v for k, v in wanted.stages.items()}
    have_stages = {normalise_value(k): v for k, v in drafted.stages.items()}
    for name in want_stages.keys() | have_stages.keys():
        result.judge(f"stages.{name}", want_stages.get(name), have_stages.get(name))
    assert all(path[0] in ("columns", "stages", "criteria", "date_formats") for path in todo_paths)
    return result


def _criteria(result: Tally, wanted: Mapping, drafted: Mapping) -> None:
    keys = {(fw, c) for fw, feeds in wanted.criteria.items() for c in feeds}
    keys |= {(fw, c) for fw, feeds in drafted.criteria.items() for c in feeds}
    for fw, criterion in sorted(keys):
        want = wanted.criteria.get(fw, {}).get(criterion)
        have = drafted.criteria.get(fw, {}).get(criterion)
        result.judge(
            f"criteria.{fw}.{criterion}",
            (want.column, want.kind.value) if want else None,
            (have.column, have.kind.value) if have else None,
        )
        if want and have:
            table = {normalise_value(k): v for k, v in {**wanted.values, **want.values}.items()}
            for value, target in have.values.items():
                result.judge(
                    f"criteria.{fw}.{criterion}.values.{value}",
                    table.get(normalise_value(value)),
                    target,
                )


def _set(value: str, default: str) -> str | None:
    return None if value == default else value
