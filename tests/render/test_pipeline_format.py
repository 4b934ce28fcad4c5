"""Pipeline renderers show names in the reader's language; the summary itself keeps ids."""

from __future__ import annotations

from datetime import date

from dealcheck.batch.pipeline import display_names
from dealcheck.batch.summarise.model import PipelineSummary, Tally
from dealcheck.language.loading import load_framework
from dealcheck.render.pipeline_format import pipeline_sections


def summary(labels: dict[str, str], currencies: list[str]) -> PipelineSummary:
    money = {c: 5.0 for c in currencies}
    return PipelineSummary(
        sources=[],
        frameworks=["bant"],
        today=date(2026, 11, 23),
        rows=3,
        scored=3,
        rejected=0,
        blank_lines=0,
        open=Tally(2, {c: 10.0 for c in currencies}),
        closed={"won": Tally(1, money)},
        by_recommendation={"dig-deeper": Tally(2, {c: 10.0 for c in currencies})},
        by_grade={"F": Tally(2, money)},
        by_stage={"discovery": Tally(2, money)},
        gaps=[("need", 2)],
        red_flags=[("no-budget-no-path", 1)],
        hygiene=[("stuck-in-stage", 1)],
        at_risk=[],
        reject_reasons=[],
        reject_examples=[],
        unmapped_values=[],
        currencies=currencies,
        labels=labels,
    )


def _rows(raw: PipelineSummary, lang: str) -> dict[str, list[list[str]]]:
    return {s.key: s.rows for s in pipeline_sections(raw, lang)[1]}


def test_korean_names_replace_ids_for_display_only() -> None:
    raw = summary(
        display_names([load_framework("bant"), load_framework("red-flags")], "ko"), ["KRW"]
    )

    rows = _rows(raw, "ko")

    assert rows["gaps"][0][0] == "필요성"
    assert rows["hygiene"][0][0] == "단계 정체"
    assert rows["stages"][0][0] == "니즈 파악"
    assert rows["recommendation"][0][0] != "dig-deeper"
    assert raw.gaps == [("need", 2)]


def test_currencies_are_never_added_together() -> None:
    rows = _rows(summary({}, ["KRW", "USD"]), "en")

    assert rows["stages"][0][2] == "5 KRW · 5 USD"
    assert rows["recommendation"][0][2] == "10 KRW · 10 USD"


def test_closed_deals_are_counted_apart() -> None:
    rows = _rows(summary({}, ["KRW"]), "en")

    assert rows["closed"] == [["won", "1", "5"]]
    assert all(row[0] != "won" for row in rows["stages"])
