"""Every shipped framework loads, is complete in English and Korean, and scores sensibly."""

from __future__ import annotations

import pytest

from dealcheck.language.catalog import builtin_ids
from dealcheck.language.framework import Framework, RedFlagEffect, Text
from dealcheck.language.loading import load_framework
from dealcheck.scoring.answers import Answers, CriterionAnswer
from dealcheck.scoring.score import Recommendation, score

SHIPPED = ["bant", "icp-fit", "meddpicc", "red-flags", "the-model", "why-buy-now-us"]
STAGES = ["prospecting", "discovery", "qualification", "proposal", "negotiation", "closing"]


def test_the_six_builtins_ship() -> None:
    assert builtin_ids() == SHIPPED


@pytest.fixture(scope="module", params=SHIPPED)
def framework(request: pytest.FixtureRequest) -> Framework:
    return load_framework(request.param)


def all_at(framework: Framework, level: str, **flags: bool) -> Answers:
    return Answers({c.id: CriterionAnswer(level) for c in framework.criteria}, flags)


def test_complete_in_english_and_korean(framework: Framework) -> None:
    assert framework.languages == ["en", "ko"]
    texts = [c.question for c in framework.criteria] + [f.question for f in framework.red_flags]
    assert all(isinstance(t, Text) and t.get("ko") != t.get("en") for t in texts)


def test_question_banks_have_at_least_three_questions(framework: Framework) -> None:
    for criterion in framework.criteria:
        assert len(criterion.questions) >= 3, criterion.id
        for level in framework.scale_of(criterion).root:
            assert level.id in criterion.levels, (
                f"{criterion.id} does not describe level {level.id}"
            )


def test_shared_scale_and_stages(framework: Framework) -> None:
    assert [level.id for level in framework.scale.root] == [
        "absent",
        "assumed",
        "partial",
        "confirmed",
    ]
    if framework.criteria:
        assert [s.id for s in framework.stages] == STAGES


def test_a_fully_confirmed_deal_advances_at_closing(framework: Framework) -> None:
    card = score(framework, all_at(framework, "confirmed"), "closing" if framework.stages else None)

    assert card.gaps == []
    if not card.scored:  # stages or red flags alone: no fake 100, no score-based verdict
        assert (card.score, card.grade, card.recommendation) == (0.0, "", "dig-deeper")
        alone = "flags-only" if framework.red_flags else "stages-only"
        assert [r.code for r in card.reasons] == [alone]
        return
    assert card.score == 100.0
    assert card.recommendation is Recommendation.ADVANCE


def test_a_deal_nobody_knows_anything_about_is_dig_deeper_not_disqualified(
    framework: Framework,
) -> None:
    card = score(framework, all_at(framework, "unknown"), "proposal" if framework.stages else None)

    if framework.criteria:
        assert card.score == 0.0
        assert card.recommendation is Recommendation.DIG_DEEPER
        assert "too-little-known" in [r.code for r in card.reasons]
        assert card.next_questions
    else:
        assert card.unanswered_flags == [f.id for f in framework.red_flags]


def test_stage_expectations_rise_through_the_stages(framework: Framework) -> None:
    gaps = [
        len(score(framework, all_at(framework, "assumed"), stage).gaps)
        for stage in [s.id for s in framework.stages]
    ]

    assert gaps == sorted(gaps)
    if framework.criteria:
        assert gaps[-1] == len(framework.criteria)


def test_every_red_flag_changes_the_outcome(framework: Framework) -> None:
    for flag in framework.red_flags:
        card = score(
            framework,
            all_at(framework, "confirmed", **{flag.id: True}),
            "closing" if framework.stages else None,
        )

        assert [f.flag.id for f in card.red_flags] == [flag.id]
        if flag.effect is RedFlagEffect.DISQUALIFY:
            assert card.recommendation is Recommendation.DISQUALIFY
        else:
            assert card.score < 100.0
