"""The synthetic history holds what it promises, so tests built on it test the learning."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from typer.testing import CliRunner

from dealcheck.learn.history import ClosedDeal
from tests.conftest import invoke
from tests.learn.synthetic import (
    FLAG,
    HALF_ODDS,
    NON_PREDICTOR,
    PREDICTOR,
    synthetic_deals,
    write_export,
)


def _loss_rate(deals: list[ClosedDeal], pick: Callable[[ClosedDeal], bool]) -> float:
    chosen = [d for d in deals if pick(d)]
    return sum(not d.won for d in chosen) / len(chosen)


def test_the_planted_predictor_loses_about_three_times_as_often() -> None:
    deals = synthetic_deals()

    unconfirmed = _loss_rate(deals, lambda d: d.levels[PREDICTOR] != "confirmed")
    confirmed = _loss_rate(deals, lambda d: d.levels[PREDICTOR] == "confirmed")

    assert len(deals) == 1200
    assert 2.3 < unconfirmed / confirmed < 3.8


def test_the_non_predictor_is_drawn_apart_from_the_outcome() -> None:
    deals = synthetic_deals()

    confirmed = _loss_rate(deals, lambda d: d.levels[NON_PREDICTOR] == "confirmed")
    other = _loss_rate(deals, lambda d: d.levels[NON_PREDICTOR] != "confirmed")

    assert abs(confirmed - other) < 0.08


def _odds_ratio(deals: list[ClosedDeal]) -> float:
    """Odds of winning with `FLAG` over without it, among deals with no confirmed buyer."""

    def odds(flagged: bool) -> float:
        chosen = [d for d in deals if (FLAG in d.flags) == flagged]
        won = sum(d.won for d in chosen if d.levels[PREDICTOR] != "confirmed")
        lost = sum(not d.won for d in chosen if d.levels[PREDICTOR] != "confirmed")
        return won / lost

    return odds(True) / odds(False)


def test_the_flag_is_a_non_predictor_unless_planted() -> None:
    assert 0.8 < _odds_ratio(synthetic_deals(6000)) < 1.25
    assert 0.35 < _odds_ratio(synthetic_deals(6000, flag_odds=HALF_ODDS)) < 0.7


def test_the_same_seed_gives_the_same_history_with_or_without_open_deals() -> None:
    assert synthetic_deals(300, seed=3) == synthetic_deals(300, seed=3)
    assert synthetic_deals(300, seed=3) != synthetic_deals(300, seed=4)
    assert len(synthetic_deals(300, open_deals=40, seed=3)) == 300


def test_the_export_and_its_mapping_read_cleanly(runner: CliRunner, tmp_path: Path) -> None:
    export, mapping = write_export(tmp_path, 200, open_deals=20)

    code, stdout, stderr = invoke(runner, "map", "check", str(export), "--map", str(mapping))

    assert code == 0, stderr
    assert "Rows score would reject: none" in stdout
    assert '"Closed Won" → won' in stdout and '"Closed Lost" → lost' in stdout


def test_reading_the_export_back_gives_the_generated_deals(tmp_path: Path) -> None:
    from dataclasses import replace

    from dealcheck.learn.report import LearnRequest, learn_from

    export, mapping = write_export(tmp_path, 300, open_deals=30, seed=9)
    read: list[ClosedDeal] = []

    learn_from(LearnRequest([str(export)], mapping=str(mapping)), keep=read.append)

    assert all(d.score is not None and d.recommendation for d in read)
    unscored = [replace(d, score=None, recommendation=None) for d in read]
    assert unscored == synthetic_deals(300, open_deals=30, seed=9)
