"""Pipeline renderers show names in the reader's language; the summary itself keeps ids."""

from __future__ import annotations

from datetime import date

from dealcheck.batch.pipeline import display_names
from dealcheck.batch.summary import PipelineSummary, Tally
from dealcheck.language.loading import load_framework
from dealcheck.render.pipeline_format import localized


def summary(labels: dict[str, str]) -> PipelineSummary:
    return PipelineSummary(
        sources=[],
        frameworks=["bant"],
        today=date(2026, 11, 23),
        rows=2,
        scored=2,
        rejected=0,
        blank_lines=0,
        by_recommendation={"dig-deeper": Tally(2, 10.0)},
        by_grade={"F": Tally(2, 10.0)},
        by_stage={"discovery": Tally(1, 5.0), "Closed Won": Tally(1, 5.0)},
        gaps=[("need", 2)],
        red_flags=[("no-budget-no-path", 1)],
        hygiene=[("stuck-in-stage", 1)],
        at_risk=[],
        reject_reasons=[],
        reject_examples=[],
        unmapped_values=[],
        currencies=["KRW"],
        labels=labels,
    )


def test_korean_names_replace_ids_for_display_only() -> None:
    raw = summary(display_names([load_framework("bant"), load_framework("red-flags")], "ko"))

    shown = localized(raw, "ko")

    assert shown.gaps == [("필요성", 2)]
    assert shown.hygiene == [("단계 정체", 1)]
    assert set(shown.by_stage) == {"니즈 파악", "Closed Won"}
    assert raw.gaps == [("need", 2)]
    assert shown.red_flags == raw.red_flags
