from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from dealcheck.review.compare import DealState, compare

BASE = DealState(
    deal_id="006A",
    name="Acme – data platform",
    company="Acme",
    owner="Jane",
    amount=120_000.0,
    stage="discovery",
    close_date=date(2026, 6, 30),
    score=55.0,
    recommendation="dig-deeper",
    red_flags=(),
)


def deal(**changes: object) -> DealState:
    return replace(BASE, **changes)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("after", "moved", "flags", "slipped"),
    [
        (deal(), 0, 0, 0),
        (deal(score=55.3), 0, 0, 0),  # rounding noise
        (deal(score=62.0), 1, 0, 0),
        (deal(score=48.0, recommendation="disqualify"), 1, 0, 0),
        (deal(recommendation="advance"), 1, 0, 0),
        (deal(red_flags=("no-compelling-event",)), 0, 1, 0),
        (deal(close_date=date(2026, 7, 31)), 0, 0, 1),
        (deal(close_date=date(2026, 6, 1)), 0, 0, 0),  # pulled in is not a slip
        (deal(close_date=None), 0, 0, 0),
    ],
)
def test_what_counts_as_a_change(after: DealState, moved: int, flags: int, slipped: int) -> None:
    review = compare([BASE], [after])
    assert (len(review.moved), len(review.new_flags), len(review.slipped)) == (
        moved,
        flags,
        slipped,
    )
    assert review.common == 1 and not review.appeared and not review.left


def test_a_week_scored_on_nothing_moves_by_its_verdict_alone() -> None:
    # --basics-only or red flags alone: no score either week, so no score "moved" from
    # or to 0; a deal whose verdict changed (a deal breaker raised) still moved.
    unscored = deal(score=None)
    same = compare([unscored], [deal(score=None)])
    stopped = compare([unscored], [deal(score=None, recommendation="disqualify")])
    newly_scored = compare([unscored], [deal(score=80.0)])

    assert same.moved == []
    assert [(m.score_delta, m.after.recommendation) for m in stopped.moved] == [(0.0, "disqualify")]
    assert newly_scored.moved == []  # nothing to compare the 80 with


def test_movement_details() -> None:
    after = deal(
        score=40.0,
        recommendation="disqualify",
        close_date=date(2026, 7, 15),
        red_flags=("price-only", "champion-left"),
    )
    review = compare([deal(red_flags=("price-only",))], [after])
    [movement] = review.moved
    assert movement.score_delta == -15.0 and movement.recommendation_changed
    assert review.new_flags[0].new_flags == ("champion-left",)
    assert review.slipped[0].slipped_days == 15


def test_appeared_and_left_sorted_by_amount() -> None:
    before = [BASE, deal(deal_id="006B", name="B", amount=5.0), deal(deal_id="006C", name="C")]
    after = [
        BASE,
        deal(deal_id="006D", name="D", amount=1.0),
        deal(deal_id="006E", name="E", amount=9e5),
    ]
    review = compare(before, after)
    assert [s.deal_id for s in review.appeared] == ["006E", "006D"]
    assert [s.deal_id for s in review.left] == ["006C", "006B"]
    assert review.common == 1


def test_without_ids_deals_match_by_name_and_company() -> None:
    before = [deal(deal_id="", name="Acme  Data", company="ACME", score=10.0)]
    after = [deal(deal_id="", name="acme data", company="Acme", score=30.0)]
    review = compare(before, after)
    assert review.common == 1 and review.moved[0].score_delta == 20.0


def test_an_id_on_one_side_only_falls_back_to_the_name() -> None:
    review = compare([deal(deal_id="")], [deal(score=70.0)])
    assert review.common == 1 and len(review.moved) == 1


def test_moved_sorted_by_size_of_move() -> None:
    before = [deal(deal_id=str(n), name=str(n), score=50.0) for n in range(3)]
    after = [
        deal(deal_id="0", name="0", score=52.0),
        deal(deal_id="1", name="1", score=20.0),
        deal(deal_id="2", name="2", score=60.0),
    ]
    assert [m.after.deal_id for m in compare(before, after).moved] == ["1", "2", "0"]


def test_duplicates_are_reported() -> None:
    review = compare([BASE, BASE], [BASE], before_label="last.csv")
    assert [str(w) for w in review.warnings] == [
        "last.csv: 'Acme – data platform' appears twice; the last one is compared"
    ]


def test_quiet_week() -> None:
    assert compare([BASE], [BASE]).quiet
    assert not compare([], [BASE]).quiet


def _category_rules() -> object:
    from dealcheck.batch.summarise.forecast import forecast_rules
    from dealcheck.language.loading import load_framework
    from dealcheck.mapping.model import Forecast

    rules = forecast_rules(Forecast(), [load_framework("meddpicc")])

    def category(state: DealState) -> str:
        return rules.category(
            state.stage,
            state.recommendation,
            bool(state.red_flags),
            state.close_date,
            date(2026, 6, 1),
        )

    return category


def test_forecast_moves_list_category_changes_and_commit_deals_that_came_or_went() -> None:
    committed = deal(stage="closing", recommendation="advance", score=80.0)
    slipping = replace(committed, deal_id="006B", name="Globex", amount=400_000.0)
    new_commit = replace(committed, deal_id="006N", name="Initech", amount=90_000.0)
    gone_commit = replace(committed, deal_id="006G", name="Hooli", amount=30_000.0)
    before = [committed, slipping, gone_commit, BASE]
    after = [
        committed,  # still commit: no move
        replace(slipping, recommendation="dig-deeper", score=60.0),  # commit -> best case
        new_commit,
        replace(BASE, recommendation="disqualify", score=20.0),  # pipeline -> omitted
    ]

    review = compare(before, after, category=_category_rules())  # type: ignore[arg-type]

    moves = [(m.deal.name, m.was, m.now) for m in review.forecast_moves]
    assert moves == [
        ("Globex", "commit", "best-case"),  # commit changes first, largest first
        ("Initech", "", "commit"),
        ("Hooli", "commit", ""),
        ("Acme – data platform", "pipeline", "omitted"),
    ]
    assert not compare(before, after).forecast_moves  # no rules, no forecast moves
