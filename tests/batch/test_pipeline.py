from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dealcheck.batch.pipeline import ScoreJob, score_pipeline
from dealcheck.batch.write.outputs import JsonLinesWriter
from dealcheck.errors import UsageError
from dealcheck.language.framework import Framework
from dealcheck.mapping.loading import load_mapping
from dealcheck.scoring.report_json import SCHEMA_VERSION
from tests.batch.conftest import MINI_HEADER, TODAY, run
from tests.conftest import ROOT, invoke

BODY = """\
D1,Acme – platform,"1,200.50",Descubrimiento,2026-05-01,2026-01-10,Demo,Ops team loses a day a week,Sí,Confirmed,no
D2,Globex,-10,proposal,2026-09-01,2026-04-01,,,No,,yes
D3,Initech,TBD,discovery,2026-07-01,2026-01-01,Call,,,,
D4,Hooli,500,discovery,not a date,2026-01-01,Call,,,,
D5,Wonka,700,Ganada,2026-01-01,2026-02-01,,x,Sí,Confirmed,no
D6,Short row
D7,Stark,900,Weird Stage,2026-07-01,2026-05-01,Call,,maybe,Partial,
"""


@pytest.fixture
def export(tmp_path: Path) -> Path:
    path = tmp_path / "export.csv"
    path.write_text(MINI_HEADER + "\n" + BODY, encoding="utf-8")
    return path


def test_every_row_is_scored_or_rejected(
    export: Path, mini: Framework, mini_map: Path, tmp_path: Path
) -> None:
    out = tmp_path / "scored.csv"
    summary = run([export], [mini], mini_map, out)
    assert (summary.rows, summary.scored, summary.rejected) == (7, 4, 3)
    assert summary.scored + summary.rejected == summary.rows
    assert dict(summary.reject_reasons) == {
        "bad amount": 1,
        "bad date": 1,
        "wrong number of fields": 1,
    }
    assert [(r.line, r.reason.split(" ")[0]) for r in summary.reject_examples] == [
        (4, "amount"),
        (5, "close"),
        (7, "has"),
    ]
    closed = sum(t.deals for t in summary.closed.values())
    assert closed == 1  # D5, won
    assert sum(t.deals for t in summary.by_recommendation.values()) == summary.scored - closed
    assert sum(t.deals for t in summary.by_stage.values()) == summary.scored - closed
    assert summary.open.deals == summary.scored - closed
    rows = list(csv.reader(out.read_text(encoding="utf-8").splitlines()))
    assert len(rows) == 1 + summary.scored
    assert rows[0][-7:] == [
        "dealcheck_score",
        "dealcheck_grade",
        "dealcheck_recommendation",
        "dealcheck_stage",
        "dealcheck_gaps",
        "dealcheck_red_flags",
        "dealcheck_hygiene",
    ]
    by_id = {r[0]: r for r in rows[1:]}
    assert by_id["D1"][-4] == "discovery"
    assert by_id["D2"][2] == "-10"  # a real negative number is not neutralised
    assert by_id["D2"][-2] == "price-only" and by_id["D2"][-5] == "disqualify"
    assert "past-close-date" in by_id["D1"][-1]
    # won: no open-deal checks, but the dates still contradict each other
    assert by_id["D5"][-4] == "Ganada" and by_id["D5"][-1] == "close-before-created"


def test_unmapped_values_are_counted_not_silent(
    export: Path, mini: Framework, mini_map: Path
) -> None:
    summary = run([export], [mini], mini_map)
    assert ("stage", "Weird Stage", 1) in summary.unmapped_values
    [champion] = summary.unreadable
    assert (champion.column, champion.rows, champion.examples) == ("Champion", 1, ("maybe",))


def test_hygiene_and_at_risk(export: Path, mini: Framework, mini_map: Path) -> None:
    summary = run([export], [mini], mini_map)
    hygiene = dict(summary.hygiene)
    assert hygiene["past-close-date"] == 1  # D1 closed 2026-05-01 < today 2026-06-01
    assert hygiene["no-next-step"] == 1  # D2
    assert hygiene["stuck-in-stage"] == 1  # D1: created 2026-01-10, 142 days > 90
    # At risk: open, an amount, closing within 30 days. D1's close date has passed:
    # it is on the "update the close date" list instead, with how long ago.
    assert [d.deal_id for d in summary.at_risk] == ["D7"]
    assert summary.at_risk[0].reasons[0] == ("closes-in", "30")
    assert [(d.deal_id, d.reasons) for d in summary.update_close_date] == [
        ("D1", (("past-close", "31"),))
    ]


def test_jsonl_uses_the_report_schema(export: Path, mini: Framework, tmp_path: Path) -> None:
    from tests.batch.conftest import MINI_MAP

    (tmp_path / "m.yaml").write_text(MINI_MAP, encoding="utf-8")
    mapping, tree = load_mapping(tmp_path / "m.yaml")
    out = tmp_path / "out.jsonl"
    job = ScoreJob([str(export)], [mini], mapping, tree, TODAY, with_reports=True)
    with out.open("w", encoding="utf-8") as stream:
        summary = score_pipeline(job, JsonLinesWriter(stream))
    reports = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(reports) == summary.scored
    first = reports[0]
    assert first["schema_version"] == SCHEMA_VERSION
    assert first["deal"]["id"] == "D1" and first["deal"]["amount"] == 1200.5
    pain = next(c for c in first["frameworks"][0]["criteria"] if c["criterion"] == "pain")
    assert (pain["level"], pain["evidence"], pain["source"]) == (
        "partial",
        "Ops team loses a day a week",
        None,  # the export has no source column: nobody is named as its author
    )
    assert first["source"] == {"file": str(export), "line": 2}


def test_csv_input_without_mapping_is_a_usage_error(export: Path, mini: Framework) -> None:
    with pytest.raises(UsageError, match="--map"):
        run([export], [mini], None)


def test_nul_bytes_are_rejected(tmp_path: Path, mini: Framework, mini_map: Path) -> None:
    path = tmp_path / "nul.csv"
    path.write_text(
        MINI_HEADER + "\nD1,A\x00B,1,discovery,,,,,,,\nD2,B,1,discovery,,,,,,,\n", encoding="utf-8"
    )
    summary = run([path], [mini], mini_map)
    assert (summary.scored, summary.rejected) == (1, 1)
    assert "NUL" in summary.reject_examples[0].reason


def test_locale_numbers(tmp_path: Path, mini: Framework) -> None:
    mapping = tmp_path / "m.yaml"
    mapping.write_text("columns: {amount: Betrag}\ndecimal: ','\n", encoding="utf-8")
    path = tmp_path / "de.csv"
    path.write_text('Betrag\n"1.234,56"\n-3\n', encoding="utf-8")
    summary = run([path], [mini], mapping, basics_only=True)
    assert summary.scored == 2
    assert summary.open.amounts[""] == pytest.approx(1231.56)


def test_deal_folder_input(tmp_path: Path, mini: Framework) -> None:
    deals = tmp_path / "deals"
    deals.mkdir()
    (deals / "acme.yaml").write_text(
        "name: Acme\namount: 5000\nstage: proposal\nclose_date: 2026-07-01\n"
        "qualifications:\n  - date: 2026-05-01\n    frameworks: [mini@1.0.0]\n"
        "    answers:\n      mini:\n        criteria:\n          pain: {level: confirmed, evidence: Lost orders}\n"
        "          champion: partial\n        red_flags: {champion-left: yes}\n",
        encoding="utf-8",
    )
    (deals / "broken.yaml").write_text("name: [unclosed\n", encoding="utf-8")
    summary = run([deals], [mini], None)
    assert (summary.rows, summary.scored, summary.rejected) == (2, 1, 1)
    assert dict(summary.red_flags) == {"champion-left": 1}


def test_batch_core_imports_no_cli_or_terminal_libraries() -> None:
    import subprocess
    import sys

    code = (
        "import sys, dealcheck.batch.run, dealcheck.drafting.draft; "
        "print(sorted(m for m in ('typer', 'rich', 'questionary') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_summary_memory_stays_bounded_and_folding_changes_no_figure(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from dealcheck.batch.summarise import builder as summary_module
    from dealcheck.language.loading import load_framework

    mapping, tree = load_mapping(ROOT / "examples" / "salesforce.map.yaml")
    frameworks = [load_framework(i) for i in mapping.frameworks]
    job = ScoreJob(
        [str(ROOT / "examples" / "salesforce-pipeline.csv")], frameworks, mapping, tree, TODAY
    )
    unfolded = score_pipeline(job, None)
    monkeypatch.setattr(summary_module, "TALLY_FOLD_LIMIT", 1)

    folded = score_pipeline(job, None)

    assert folded == unfolded


def test_won_and_lost_deals_are_counted_apart_from_the_open_pipeline() -> None:
    from dealcheck.language.loading import load_framework

    mapping, tree = load_mapping(ROOT / "examples" / "salesforce.map.yaml")
    frameworks = [load_framework(i) for i in mapping.frameworks]
    job = ScoreJob(
        [str(ROOT / "examples" / "salesforce-pipeline.csv")], frameworks, mapping, tree, TODAY
    )

    summary = score_pipeline(job, None)

    assert {k: v.deals for k, v in summary.closed.items()} == {"lost": 7, "won": 4}
    assert not any(k.startswith("Closed") for k in summary.by_stage)
    assert not {"closed", "won", "lost"} & set(summary.by_recommendation)
    closed = sum(t.deals for t in summary.closed.values())
    assert sum(t.deals for t in summary.by_recommendation.values()) == summary.scored - closed
    assert sum(t.deals for t in summary.forecast.values()) == summary.scored - closed
    assert sum(n for _, n in summary.hygiene) >= 1
    assert list(summary.by_stage) == [
        s
        for s in ("prospecting", "discovery", "qualification", "proposal", "negotiation")
        if s in summary.by_stage
    ]  # funnel order, not by count


def test_json_lines_of_deal_records_are_scored(runner: CliRunner, tmp_path: Path) -> None:
    records = tmp_path / "deals.jsonl"
    record = {
        "id": "d1",
        "name": "Acme",
        "stage": "discovery",
        "qualifications": [
            {
                "date": "2026-05-02",
                "frameworks": ["meddpicc@1.0.0"],
                "answers": {"meddpicc": {"criteria": {"identified-pain": {"level": "confirmed"}}}},
            }
        ],
    }
    records.write_text(json.dumps(record) + "\n", encoding="utf-8")

    code, stdout, stderr = invoke(
        runner,
        "score",
        str(records),
        "-f",
        "meddpicc",
        "--format",
        "jsonl",
        "--today",
        "2026-06-01",
    )

    assert code == 0, stderr
    [scored] = [json.loads(line) for line in stdout.splitlines()]
    assert scored["deal"]["name"] == "Acme" and scored["score"] > 0
