from __future__ import annotations

import pytest
from pydantic import ValidationError

from dealcheck.deals.model import AnswerRecord, FrameworkAnswers
from dealcheck.scoring.answers import EvidenceSource


def test_level_shorthand_and_flag_values() -> None:
    answers = FrameworkAnswers.model_validate(
        {
            "criteria": {"pain": "partial"},
            "red_flags": {"a": "yes", "b": "no", "c": "unknown", "d": True},
        }
    )
    core = answers.to_answers()
    assert core.level_of("pain") == "partial"
    assert dict(core.red_flags) == {"a": True, "b": False, "c": None, "d": True}


@pytest.mark.parametrize(
    "bad",
    [
        {"criteria": {"pain": {"level": "partial", "mood": "good"}}},
        {"red_flags": {"a": "maybe"}},
        {"criteria": {"pain": {"source": "gut"}}},
    ],
)
def test_rejects_unknown_shapes(bad: dict[str, object]) -> None:
    with pytest.raises(ValidationError):
        FrameworkAnswers.model_validate(bad)


def test_record_round_trips_core_answer() -> None:
    record = AnswerRecord(level="confirmed", evidence="CFO said", source=EvidenceSource.CUSTOMER)
    assert AnswerRecord.of(record.to_answer()) == record
