"""Fitting weight and red-flag changes to a history with planted effects."""

from __future__ import annotations

from dataclasses import replace

import pytest

from dealcheck.language.loading import load_framework
from dealcheck.learn.fit import Suggestion, suggest_changes
from dealcheck.learn.logistic import simultaneous_z
from tests.learn.synthetic import FLAG, HALF_ODDS, NON_PREDICTOR, PREDICTOR, synthetic_deals


@pytest.fixture(scope="module")
def learned() -> Suggestion:
    return suggest_changes(load_framework("meddpicc"), synthetic_deals(3000, flag_odds=HALF_ODDS))


def test_the_planted_predictor_gains_weight_with_its_evidence(learned: Suggestion) -> None:
    change = next(w for w in learned.weights if w.criterion.id == PREDICTOR)

    assert change.after > change.criterion.weight
    assert change.coefficient is not None
    assert change.coefficient.low > change.coefficient.implied
    # Planted: confirmed or better wins 80 %, anything less 40 %; the flag, raised in a
    # quarter of the deals either way, halves the odds: 77 % and 36 % overall.
    assert change.split_at == "confirmed"
    assert change.evidence.rate_with == pytest.approx(0.77, abs=0.04)
    assert change.evidence.rate_without == pytest.approx(0.36, abs=0.04)
    assert change.evidence.interval[0] > 0.3
    assert sum(r.deals for r in change.levels) == 3000


def test_the_planted_non_predictor_is_left_alone_or_lowered(learned: Suggestion) -> None:
    change = next((w for w in learned.weights if w.criterion.id == NON_PREDICTOR), None)

    assert change is None or change.after <= change.criterion.weight


def test_a_subtract_flag_that_halves_the_odds_costs_more_points(learned: Suggestion) -> None:
    change = next(f for f in learned.flags if f.flag.id == FLAG)

    assert change.after > (change.flag.points or 0)
    assert change.coefficient.high < 0
    assert change.evidence.rate_with < change.evidence.rate_without


def test_cap_and_disqualify_flags_are_policy_and_never_move(learned: Suggestion) -> None:
    reasons = {k.id: k.reason for k in learned.kept if k.kind == "red-flag"}

    assert reasons == {
        "champion-left": "policy-effect",
        "no-economic-buyer-access": "policy-effect",
    }


def test_weights_keep_the_frameworks_total_and_constraints(learned: Suggestion) -> None:
    applied = learned.apply()

    assert sum(c.weight for c in applied.criteria) == pytest.approx(100, abs=len(applied.criteria))
    assert all(0 < c.weight <= 1000 and c.weight == int(c.weight) for c in applied.criteria)
    assert applied.criterion(PREDICTOR).weight == next(  # type: ignore[union-attr]
        w.after for w in learned.weights if w.criterion.id == PREDICTOR
    )


def test_a_small_history_suggests_nothing() -> None:
    suggestion = suggest_changes(
        load_framework("meddpicc"), synthetic_deals(40, flag_odds=HALF_ODDS)
    )

    assert not suggestion.changed
    assert {k.id for k in suggestion.kept} >= {PREDICTOR, FLAG}


def test_a_criterion_answered_in_too_few_deals_keeps_its_weight() -> None:
    deals = [
        replace(d, levels={**d.levels, PREDICTOR: None}) if i % 100 else d
        for i, d in enumerate(synthetic_deals(2000, flag_odds=HALF_ODDS))
    ]

    suggestion = suggest_changes(load_framework("meddpicc"), deals)

    assert ("economic-buyer", "too-few-deals") in {(k.id, k.reason) for k in suggestion.kept}
    assert all(w.coefficient is None for w in suggestion.weights if w.criterion.id == PREDICTOR)


def test_the_same_history_gives_the_same_suggestion() -> None:
    framework = load_framework("meddpicc")

    assert suggest_changes(framework, synthetic_deals(800, flag_odds=HALF_ODDS)) == suggest_changes(
        framework, synthetic_deals(800, flag_odds=HALF_ODDS)
    )


def test_intervals_hold_for_every_value_tested_together(learned: Suggestion) -> None:
    # 8 criteria and 1 subtract red flag had enough deals to be tested.
    assert learned.tested == 9
    assert simultaneous_z(1) == pytest.approx(1.95996, abs=1e-4)
    assert simultaneous_z(9) == pytest.approx(2.7729, abs=1e-3)
