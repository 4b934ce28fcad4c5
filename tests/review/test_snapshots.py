from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from dealcheck.batch.pipeline import ScoreJob, score_pipeline
from dealcheck.batch.write.outputs import CsvWriter
from dealcheck.batch.write.tee import Tee
from dealcheck.errors import UsageError
from dealcheck.language.loading import load_framework
from dealcheck.mapping.loading import load_mapping
from dealcheck.review.snapshots import (
    SnapshotWriter,
    previous_states,
    read_scored_csv,
    score_states,
)
from tests.conftest import ROOT

TODAY = date(2026, 11, 23)


def _score_to_csv(inputs: list[str], mapping_path: str | None, out: Path) -> SnapshotWriter:
    mapping, tree = load_mapping(mapping_path) if mapping_path else (None, None)
    ids = mapping.frameworks if mapping else ["meddpicc", "red-flags"]
    frameworks = [load_framework(i, team_dir=ROOT / "frameworks") for i in ids]
    collector = SnapshotWriter()
    with out.open("w", encoding="utf-8-sig", newline="") as stream:
        writer = CsvWriter(stream)
        job = ScoreJob(inputs, frameworks, mapping, tree, TODAY)
        summary = score_pipeline(job, Tee(writer, collector))
        writer.finish(summary)
    return collector


@pytest.mark.parametrize(
    ("inputs", "mapping"),
    [
        (["examples/salesforce-pipeline.csv"], "examples/salesforce.map.yaml"),
        (["examples/hubspot-ko-pipeline.csv"], "examples/hubspot-ko.map.yaml"),
        (["examples/deals"], None),
    ],
)
def test_a_scored_csv_reads_back_as_the_run_saw_it(
    in_repo: Path, tmp_path: Path, inputs: list[str], mapping: str | None
) -> None:
    out = tmp_path / "scored.csv"
    collector = _score_to_csv(inputs, mapping, out)
    loaded = load_mapping(mapping)[0] if mapping else None
    warnings: list[str] = []

    states = read_scored_csv(str(out), loaded, warnings=warnings)

    assert states == collector.states
    assert warnings == []
    assert len(states) > 2


def test_a_deal_folder_is_scored_into_states(in_repo: Path) -> None:
    frameworks = [load_framework(i, team_dir=ROOT / "frameworks") for i in ("meddpicc",)]
    states = score_states(["examples/deals"], frameworks, None, today=TODAY)
    assert sorted(s.deal_id for s in states) == sorted(
        p.name for p in (ROOT / "examples" / "deals").glob("*.yaml")
    )
    again = previous_states("examples/deals", frameworks, None, today=TODAY)
    assert again == states


def test_a_file_that_is_not_scored_is_refused(in_repo: Path) -> None:
    with pytest.raises(UsageError, match="not a scored file"):
        read_scored_csv("examples/salesforce-pipeline.csv", None)


def test_without_id_or_name_columns_the_mapping_is_asked_for(tmp_path: Path) -> None:
    path = tmp_path / "scored.csv"
    path.write_text(
        "Opp,dealcheck_score,dealcheck_recommendation\nA,50,advance\n", encoding="utf-8"
    )
    with pytest.raises(UsageError, match="--map"):
        read_scored_csv(str(path), None)


def test_bad_rows_are_skipped_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "scored.csv"
    path.write_text(
        "file,name,close_date,dealcheck_score,dealcheck_recommendation,dealcheck_red_flags\n"
        "a.yaml,'=A,2026-01-02,50,advance,x; y\n"
        "b.yaml,B,not a date,oops,advance,\n"
        "c.yaml,C,not a date,10,disqualify,\n"
        "d.yaml,D,2026-01-02,,dig-deeper,no-compelling-event\n",
        encoding="utf-8",
    )
    warnings: list[str] = []
    states = read_scored_csv(str(path), None, warnings=warnings)
    # A blank score is a deal scored on nothing (--basics-only, red flags alone): it is
    # last week's deal all the same.
    assert [(s.name, s.score, s.red_flags, s.close_date) for s in states] == [
        ("=A", 50.0, ("x", "y"), date(2026, 1, 2)),
        ("C", 10.0, (), None),
        ("D", None, ("no-compelling-event",), date(2026, 1, 2)),
    ]
    assert warnings == [f"{path}:3: skipped (score 'oops' is not a number)"]
