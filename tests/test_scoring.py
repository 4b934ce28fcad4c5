"""The scoring core: table tests on a small framework, where every figure can be checked by hand.

mini.yaml: pain 40 (critical), champion 30 (critical), budget 30; scale 0..3;
target `partial`; stages discovery (pain partial), proposal (+champion partial, budget
assumed), closing (everything confirmed); flags price-only (disqualify), champion-left
(cap 40), no-event (subtract 15); advance at 70, disqualify under 25 or with 2 critical
criteria known absent.
"""

from __future__ import annotations

import itertools

import pytest

from dealcheck.language.framework import Framework
from dealcheck.language.loading import load_framework
from dealcheck.scoring.answers import Answers, CriterionAnswer, EvidenceSource, plain_answer
from dealcheck.scoring.assessment import assess, assess_overall
from dealcheck.scoring.score import GapKind, Recommendation, score

from .conftest import FRAMEWORK_FIXTURES


@pytest.fixture(scope="module")
def mini() -> Framework:
    return load_framework(FRAMEWORK_FIXTURES / "mini.yaml")


def answers(
    pain: str = "unknown", champion: str = "unknown", budget: str = "unknown", **flags: bool
) -> Answers:
    levels = {"pain": pain, "champion": champion, "budget": budget}
    return Answers(
        {k: CriterionAnswer(v) for k, v in levels.items()},
        {k.replace("_", "-"): v for k, v in flags.items()},
    )


@pytest.mark.parametrize(
    ("given", "stage", "expected_score", "grade", "recommendation"),
    [
        (answers("confirmed", "confirmed", "confirmed"), None, 100.0, "A", Recommendation.ADVANCE),
        # nothing known: a low score of unknowns means find out, not walk away
        (answers(), None, 0.0, "F", Recommendation.DIG_DEEPER),
        # known and weak: pain absent, champion assumed, budget absent = 10 -> disqualify
        (answers("absent", "assumed", "absent"), None, 10.0, "F", Recommendation.DISQUALIFY),
        # 40*2/3 + 30*2/3 + 30*2/3 = 66.7 -> below advance (70), no gap at target partial
        (answers("partial", "partial", "partial"), None, 66.7, "B", Recommendation.DIG_DEEPER),
        # 40 + 30 + 30*1/3 = 80 -> advance, budget below target is not critical
        (answers("confirmed", "confirmed", "assumed"), None, 80.0, "A", Recommendation.ADVANCE),
        # 40 + 0 + 30 = 70 but champion (critical) unknown -> dig deeper
        (answers("confirmed", "unknown", "confirmed"), None, 70.0, "B", Recommendation.DIG_DEEPER),
        # at discovery only pain is expected: champion unknown is no gap yet
        (
            answers("confirmed", "unknown", "confirmed"),
            "discovery",
            70.0,
            "B",
            Recommendation.ADVANCE,
        ),
        # two critical criteria known absent -> disqualify whatever the score
        (answers("absent", "absent", "confirmed"), None, 30.0, "F", Recommendation.DISQUALIFY),
        (
            answers("confirmed", "confirmed", "confirmed", price_only=True),
            None,
            100.0,
            "A",
            Recommendation.DISQUALIFY,
        ),
        (
            answers("confirmed", "confirmed", "confirmed", champion_left=True),
            None,
            40.0,
            "D",
            Recommendation.DIG_DEEPER,
        ),
        (
            answers("confirmed", "confirmed", "confirmed", no_event=True),
            None,
            85.0,
            "A",
            Recommendation.ADVANCE,
        ),
        # subtract first (100 - 15 = 85), then cap (40)
        (
            answers("confirmed", "confirmed", "confirmed", no_event=True, champion_left=True),
            None,
            40.0,
            "D",
            Recommendation.DIG_DEEPER,
        ),
    ],
)
def test_score_grade_and_recommendation(
    mini: Framework,
    given: Answers,
    stage: str | None,
    expected_score: float,
    grade: str,
    recommendation: Recommendation,
) -> None:
    card = score(mini, given, stage)

    assert card.score == expected_score
    assert card.grade == grade
    assert card.recommendation is recommendation


def test_points_explain_every_lost_point(mini: Framework) -> None:
    card = score(mini, answers("partial", "unknown", "absent"))

    lost = {c.criterion.id: round(c.lost, 1) for c in card.criteria}
    assert lost == {"pain": 13.3, "champion": 30.0, "budget": 30.0}
    assert round(sum(c.points for c in card.criteria), 1) == card.score


def test_gaps_distinguish_unknown_absent_and_weak_and_rank_critical_first(mini: Framework) -> None:
    card = score(mini, answers("assumed", "unknown", "absent"), "closing")

    assert [(g.criterion.id, g.kind) for g in card.gaps] == [
        ("champion", GapKind.UNKNOWN),  # critical, unknown ranks below the bottom
        ("pain", GapKind.WEAK),  # critical, 2 steps short
        ("budget", GapKind.ABSENT),  # not critical
    ]
    assert all(g.expected.id == "confirmed" for g in card.gaps)


def test_stage_expectations_are_cumulative_and_found_by_alias(mini: Framework) -> None:
    card = score(mini, answers("assumed", "assumed", "unknown"), "니즈 분석")

    assert card.stage is not None and card.stage.id == "discovery"
    assert [g.criterion.id for g in card.gaps] == ["pain"]
    later = score(mini, answers("assumed", "assumed", "unknown"), "proposal")
    assert {g.criterion.id for g in later.gaps} == {"pain", "champion", "budget"}


def test_next_questions_round_robin_over_top_gaps(mini: Framework) -> None:
    card = score(mini, answers("unknown", "unknown", "unknown"))

    assert [(q.about, q.text.get("en")) for q in card.next_questions] == [
        ("pain", "What made you look for a solution?"),
        ("champion", "Who else needs to be convinced?"),
        ("budget", "How was this budgeted?"),
        ("pain", "What does it cost you today?"),
    ]


def test_reasons_say_why(mini: Framework) -> None:
    card = score(mini, answers("confirmed", "unknown", "confirmed"))

    assert [(r.code, r.values) for r in card.reasons] == [("critical-gaps-block", ("champion",))]


def test_unknown_stage_or_level_is_a_clear_error(mini: Framework) -> None:
    with pytest.raises(ValueError, match="has no stage 'negotiation'"):
        score(mini, answers(), "negotiation")
    with pytest.raises(ValueError, match="pain: no level 'great'"):
        score(mini, answers("great"))


def test_belief_only_evidence_is_flagged_unverified(mini: Framework) -> None:
    given = Answers({"pain": CriterionAnswer("confirmed", "they said so", EvidenceSource.BELIEF)})

    assert score(mini, given).unverified == ["pain"]


def test_score_is_deterministic(mini: Framework) -> None:
    given = answers("partial", "assumed", "unknown", no_event=True)

    assert score(mini, given, "proposal") == score(mini, given, "proposal")


def test_assessment_combines_frameworks_and_applies_all_flags(mini: Framework) -> None:
    flags_only = Framework.model_validate(
        {
            "id": "flags",
            "name": "Flags",
            "version": "1.0.0",
            "scale": [level.model_dump() for level in mini.scale.root],
            "red_flags": [
                {
                    "id": "gone",
                    "name": "Gone",
                    "question": "Gone?",
                    "effect": "cap",
                    "points": 30,
                    "reason": "r",
                }
            ],
        }
    )
    result = assess(
        [mini, flags_only],
        {
            "mini": answers("confirmed", "confirmed", "confirmed"),
            "flags": Answers(red_flags={"gone": True}),
        },
    )

    # The flags' own card has no score (nothing to score); it counts its flags.
    assert [c.scored for c in result.scorecards] == [True, False]
    assert result.scorecards[1].flag_tally == (1, 1, 1)
    assert result.score == 30.0
    assert result.recommendation is Recommendation.DIG_DEEPER
    assert [f.flag.id for f in result.red_flags] == ["gone"]


def test_a_criterion_may_bring_its_own_scale(mini: Framework) -> None:
    data = mini.model_dump(by_alias=True, exclude_none=True)
    data["criteria"][2]["scale"] = [
        {"id": "none", "value": 0, "label": "None", "description": "No budget"},
        {"id": "approved", "value": 1, "label": "Approved", "description": "Signed off"},
    ]
    data["criteria"][2]["target"] = "approved"
    data["stages"] = []
    framework = Framework.model_validate(data)

    card = score(framework, answers("confirmed", "confirmed", "approved"))
    absent = score(framework, answers("confirmed", "confirmed", "none"))

    assert card.score == 100.0
    assert [(g.criterion.id, g.kind) for g in absent.gaps] == [("budget", GapKind.ABSENT)]
    with pytest.raises(ValueError, match="budget: no level 'partial'"):
        score(framework, answers("confirmed", "confirmed", "partial"))


def test_a_low_score_of_unknowns_is_dig_deeper_with_the_reason(mini: Framework) -> None:
    card = score(mini, answers("assumed"))

    assert card.score == 13.3
    assert card.recommendation is Recommendation.DIG_DEEPER
    assert ("too-little-known", ("60",)) in [(r.code, r.values) for r in card.reasons]


def test_a_deal_with_no_gap_still_gets_questions_for_what_is_not_yet_confirmed(
    mini: Framework,
) -> None:
    card = score(mini, answers("confirmed", "partial", "assumed"), "discovery")

    assert card.gaps == []
    # budget has the most points left to win (30 * 2/3), then champion (30 * 1/3); pain is done
    assert [q.about for q in card.next_questions] == ["budget", "champion"]


def test_assess_overall_is_assess_without_the_scorecards(mini: Framework) -> None:
    levels = ["unknown", *(level.id for level in mini.scale.root)]
    stages = [None, *(stage.id for stage in mini.stages)]
    for pain, champion, budget in itertools.product(levels, repeat=3):
        for stage in stages:
            for flagged in (None, True):
                given = {
                    "mini": Answers(
                        answers(pain, champion, budget).criteria,
                        {flag.id: flagged for flag in mini.red_flags},
                    )
                }
                full = assess([mini], given, stage)
                overall = assess_overall([mini], given, stage)
                assert (
                    overall.score,
                    overall.grade,
                    overall.recommendation,
                    overall.reasons,
                    overall.gaps,
                    overall.red_flags,
                ) == (
                    full.score,
                    full.grade,
                    full.recommendation,
                    full.reasons,
                    full.gaps,
                    full.red_flags,
                )


def test_shared_evidence_less_answers_score_like_fresh_ones(mini: Framework) -> None:
    # Scoring keeps results for `plain_answer` objects; an equal answer built anew (or
    # one with evidence) must score the same, and keep its own evidence.
    levels = ["unknown", *(level.id for level in mini.scale.root)]
    for stage in [None, *(stage.id for stage in mini.stages)]:
        for pain, champion, budget in itertools.product(levels, repeat=3):
            given = {"pain": pain, "champion": champion, "budget": budget}
            shared = score(mini, Answers({k: plain_answer(v) for k, v in given.items()}), stage)
            fresh = score(mini, Answers({k: CriterionAnswer(v) for k, v in given.items()}), stage)
            noted = score(
                mini,
                Answers(
                    {
                        k: CriterionAnswer(v, "said so", EvidenceSource.CUSTOMER)
                        for k, v in given.items()
                    }
                ),
                stage,
            )
            assert shared == fresh
            assert (noted.score, noted.gaps, noted.reasons) == (
                shared.score,
                shared.gaps,
                shared.reasons,
            )
            assert all(c.answer.evidence == "said so" for c in noted.criteria)
