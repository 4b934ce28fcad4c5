"""`dealcheck learn` through its real entry point, on histories written to disk."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from tests.conftest import invoke
from tests.learn.synthetic import (
    FLAG_COLUMNS,
    NON_PREDICTOR,
    NON_PREDICTOR_FLAG,
    PREDICTOR,
    synthetic_deals,
    write_export,
)


def _learn_json(runner: CliRunner, out: Path, *args: str) -> dict[str, Any]:
    code, _, stderr = invoke(runner, "learn", *args, "--format", "json", "-o", str(out))
    assert code == 0, stderr
    report: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return report


def test_the_planted_predictor_ranks_first_and_the_non_predictors_show_no_effect(
    runner: CliRunner, tmp_path: Path
) -> None:
    export, mapping = write_export(tmp_path)

    report = _learn_json(runner, tmp_path / "learn.json", str(export), "--map", str(mapping))

    findings = [e for e in report["effects"] if e["status"] == "finding"]
    first = findings[0]
    assert (first["kind"], first["item"], first["level"]) == ("level", PREDICTOR, "confirmed")
    # Planted: 80 % won with the economic buyer confirmed, 40 % without.
    assert first["rate_with"] == pytest.approx(0.8, abs=0.06)
    assert first["rate_without"] == pytest.approx(0.4, abs=0.06)
    assert first["low"] > 0.2
    assert {e["item"] for e in findings} == {PREDICTOR}
    for item in (NON_PREDICTOR, NON_PREDICTOR_FLAG):
        splits = [e for e in report["effects"] if e["item"] == item]
        assert splits and all(e["status"] == "no-effect" for e in splits), item
        assert all(e["low"] < 0 < e["high"] for e in splits)
    assert report["reading"]["open"] == 150
    assert report["overall"]["deals"] == report["reading"]["won"] + report["reading"]["lost"]
    assert report["overall"]["deals"] == 1200


def test_the_terminal_report_names_the_finding_and_the_non_predictor(
    runner: CliRunner, tmp_path: Path
) -> None:
    export, mapping = write_export(tmp_path)

    code, stdout, stderr = invoke(runner, "learn", str(export), "--map", str(mapping))

    assert code == 0, stderr
    findings = stdout.split("What goes with winning and losing")[1].split("No clear effect")[0]
    bullets = [line for line in findings.splitlines() if line.startswith("•")]
    assert bullets[0].startswith("• Economic buyer: Confirmed: won 8")
    quiet = stdout.split("No clear effect")[1].split("By stage reached")[0]
    assert "• Competition" in quiet and "'Signature path unknown near close' red flag" in quiet
    assert "Economic buyer" not in quiet
    assert "Left out: 150 open deals" in stdout
    assert "What this can and cannot show" in stdout and "not a cause" in stdout


def test_the_korean_report_holds_no_english_ids(runner: CliRunner, tmp_path: Path) -> None:
    export, mapping = write_export(tmp_path, 300, open_deals=10)

    code, stdout, stderr = invoke(
        runner, "learn", str(export), "--map", str(mapping), "--lang", "ko"
    )

    assert code == 0, stderr
    assert "수주·실주 딜 분석" in stdout and "상관관계는 인과관계가 아닙니다" in stdout
    for english in (PREDICTOR, NON_PREDICTOR, *FLAG_COLUMNS, "dig-deeper", "confirmed", "won "):
        assert english not in stdout


def test_a_high_minimum_marks_everything_too_few_and_ranks_nothing(
    runner: CliRunner, tmp_path: Path
) -> None:
    export, mapping = write_export(tmp_path, 300, open_deals=0)

    report = _learn_json(
        runner, tmp_path / "l.json", str(export), "--map", str(mapping), "--min-deals", "200"
    )

    assert report["min_deals"] == 200
    assert report["effects"] and all(e["status"] == "too-few" for e in report["effects"])
    assert all(not s["findings"] for s in report["stages"])


def test_a_scored_file_is_learned_from_without_its_mapping(
    runner: CliRunner, tmp_path: Path
) -> None:
    export, mapping = write_export(tmp_path)
    scored = tmp_path / "scored.csv"
    code, _, stderr = invoke(runner, "score", str(export), "--map", str(mapping), "-o", str(scored))
    assert code == 0, stderr

    report = _learn_json(runner, tmp_path / "learn.json", str(scored))

    assert (report["overall"]["deals"], report["reading"]["open"]) == (1200, 150)
    first = next(e for e in report["effects"] if e["status"] == "finding")
    # Only the gaps are in a scored file: short of the target (partly confirmed) or not.
    assert (first["kind"], first["item"]) == ("target", PREDICTOR)
    assert all(e["status"] != "finding" for e in report["effects"] if e["item"] == NON_PREDICTOR)
    assert report["calibration"]["score_bands"]


def test_a_scored_file_with_its_mapping_reads_every_level(
    runner: CliRunner, tmp_path: Path
) -> None:
    export, mapping = write_export(tmp_path, 600, open_deals=20)
    scored = tmp_path / "scored.csv"
    assert invoke(runner, "score", str(export), "--map", str(mapping), "-o", str(scored))[0] == 0

    from_export = _learn_json(runner, tmp_path / "a.json", str(export), "--map", str(mapping))
    from_scored = _learn_json(runner, tmp_path / "b.json", str(scored), "--map", str(mapping))

    assert from_scored["effects"] == from_export["effects"]


def _deal_files(folder: Path, count: int) -> None:
    folder.mkdir()
    for deal in synthetic_deals(count, seed=5):
        assert deal.closed_on is not None
        criteria = {c: {"level": level or "unknown"} for c, level in deal.levels.items()}
        flags = {f: f in deal.flags for f in FLAG_COLUMNS}
        record = {
            "name": deal.deal_id,
            "stage": "won" if deal.won else "lost",
            "close_date": deal.closed_on.isoformat(),
            "owner": deal.attributes["owner"],
            "qualifications": [
                {
                    "date": deal.closed_on.isoformat(),
                    "stage": deal.stage_reached,
                    "frameworks": ["meddpicc@1.0.0"],
                    "answers": {"meddpicc": {"criteria": criteria, "red_flags": flags}},
                }
            ],
        }
        text = yaml.safe_dump(record, allow_unicode=True, sort_keys=False)
        (folder / f"{deal.deal_id}.yaml").write_text(text, encoding="utf-8")
    (folder / "open.yaml").write_text("name: Still open\nstage: proposal\n", encoding="utf-8")


def test_a_deal_folder_gives_outcomes_and_the_stage_each_deal_reached(
    runner: CliRunner, tmp_path: Path
) -> None:
    _deal_files(tmp_path / "deals", 240)
    expected = synthetic_deals(240, seed=5)

    report = _learn_json(
        runner, tmp_path / "l.json", str(tmp_path / "deals"), "-f", "meddpicc", "--min-deals", "10"
    )

    assert report["reading"]["won"] == sum(d.won for d in expected)
    assert report["reading"]["open"] == 1
    reached = {s["stage"]: s["rate"]["deals"] for s in report["stages"]}
    assert reached == {
        stage: sum(d.stage_reached == stage for d in expected)
        for stage in ("discovery", "qualification", "proposal", "negotiation")
    }
    first = next(e for e in report["effects"] if e["status"] == "finding")
    assert first["item"] == PREDICTOR


def test_loss_reasons_show_the_flags_raised_on_those_deals(
    runner: CliRunner, tmp_path: Path
) -> None:
    export, mapping = write_export(tmp_path, 400, open_deals=0)
    deals = synthetic_deals(400)

    report = _learn_json(runner, tmp_path / "l.json", str(export), "--map", str(mapping))

    lost = [d for d in deals if not d.won]
    assert report["lost_with_reason"] == len(lost)
    top = report["loss_reasons"][0]
    of_reason = [d for d in lost if d.loss_reason == top["reason"]]
    assert top["deals"] == len(of_reason)
    for flag, count in top["flagged"]:
        assert count == sum(flag in d.flags for d in of_reason)
    assert top["unflagged"] == sum(not d.flags for d in of_reason)


@pytest.mark.parametrize("fmt", ["md", "html", "json", "text"])
def test_every_format_writes_its_file(runner: CliRunner, tmp_path: Path, fmt: str) -> None:
    export, mapping = write_export(tmp_path, 200, open_deals=0)
    out = tmp_path / f"learn.{ {'text': 'txt'}.get(fmt, fmt) }"

    code, stdout, stderr = invoke(
        runner, "learn", str(export), "--map", str(mapping), "--format", fmt, "-o", str(out)
    )

    assert (code, stdout) == (0, ""), stderr
    text = out.read_text(encoding="utf-8")
    assert ("What won and lost deals show" in text) or ('"schema_version": 1' in text)


def test_the_format_follows_the_output_name(runner: CliRunner, tmp_path: Path) -> None:
    export, mapping = write_export(tmp_path, 200, open_deals=0)
    out = tmp_path / "learn.html"

    code, _, stderr = invoke(runner, "learn", str(export), "--map", str(mapping), "-o", str(out))

    assert code == 0, stderr
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_an_export_without_a_mapping_is_refused_in_one_line(
    runner: CliRunner, tmp_path: Path
) -> None:
    export, _ = write_export(tmp_path, 50, open_deals=0)

    code, stdout, stderr = invoke(runner, "learn", str(export))

    assert (code, stdout) == (2, "")
    assert stderr.count("\n") == 1 and "--map" in stderr and str(export) in stderr


def test_a_mapped_learning_column_missing_from_the_file_is_located(
    runner: CliRunner, tmp_path: Path
) -> None:
    export, mapping = write_export(tmp_path, 50, open_deals=0)
    text = mapping.read_text(encoding="utf-8").replace("Loss Reason", "Why Lost")
    mapping.write_text(text, encoding="utf-8")
    line = text.splitlines().index("  loss_reason: Why Lost") + 1

    code, _, stderr = invoke(runner, "learn", str(export), "--map", str(mapping))

    assert code == 3
    assert stderr.strip() == (
        f"error: {mapping}:{line}:16: column 'Why Lost' is not in {export}; "
        "fix the name or remove the line"
    )


def test_no_closed_deal_is_an_error_that_says_how_to_map_outcomes(
    runner: CliRunner, tmp_path: Path
) -> None:
    export, mapping = write_export(tmp_path, 40, open_deals=0)
    text = mapping.read_text(encoding="utf-8")
    mapping.write_text(
        text.replace("Closed Won: won", "Closed Won: negotiation").replace(
            "Closed Lost: lost", "Closed Lost: negotiation"
        ),
        encoding="utf-8",
    )

    code, stdout, stderr = invoke(runner, "learn", str(export), "--map", str(mapping))

    assert (code, stdout) == (2, "")
    assert "no won or lost deal among 40 rows (40 open" in stderr
    assert "`stages:`" in stderr and stderr.count("\n") == 1


def test_unreadable_rows_are_counted_and_named(runner: CliRunner, tmp_path: Path) -> None:
    export, mapping = write_export(tmp_path, 60, open_deals=0)
    with export.open("a", encoding="utf-8") as out:
        out.write('broken,"unclosed\n')

    report = _learn_json(runner, tmp_path / "l.json", str(export), "--map", str(mapping))

    assert report["reading"]["skipped"] == 1
    assert report["reading"]["skipped_lines"][0].startswith(f"{export}:62: ")
    assert report["reading"]["rows"] == 61


def test_json_lines_of_deal_records_read_like_deal_files(runner: CliRunner, tmp_path: Path) -> None:
    records = tmp_path / "deals.jsonl"
    lines = [
        {
            "id": f"d{n}",
            "name": f"Deal {n}",
            "stage": stage,
            "qualifications": [
                {
                    "date": "2025-01-02",
                    "frameworks": ["meddpicc@1.0.0"],
                    "answers": {"meddpicc": {"criteria": {PREDICTOR: {"level": level}}}},
                }
            ],
        }
        for n, (stage, level) in enumerate(
            [("won", "confirmed"), ("won", "confirmed"), ("lost", "absent"), ("proposal", "absent")]
        )
    ]
    records.write_text("".join(json.dumps(r) + "\n" for r in lines), encoding="utf-8")

    report = _learn_json(runner, tmp_path / "l.json", str(records), "-f", "meddpicc")

    reading = report["reading"]
    assert (reading["won"], reading["lost"], reading["open"]) == (2, 1, 1)
    confirmed = next(
        e for e in report["effects"] if e["item"] == PREDICTOR and e["level"] == "confirmed"
    )
    assert (confirmed["won_with"], confirmed["deals_with"]) == (2, 2)
    assert confirmed["status"] == "too-few"


def test_criteria_no_column_answers_are_said_to_be_missing(
    runner: CliRunner, tmp_path: Path
) -> None:
    export, mapping = write_export(tmp_path, 200, open_deals=0)
    lines = mapping.read_text(encoding="utf-8").splitlines()
    mapping.write_text(
        "\n".join(line for line in lines if "Paper Process" not in line) + "\n", encoding="utf-8"
    )

    report = _learn_json(runner, tmp_path / "l.json", str(export), "--map", str(mapping))
    code, stdout, _ = invoke(runner, "learn", str(export), "--map", str(mapping))

    assert report["not_in_data"] == ["paper-process"]
    assert code == 0 and "Not in the data" in stdout
    assert "• Paper process" in stdout.split("Not in the data")[1]


def test_who_confirmed_an_answer_changes_its_score_as_in_score(tmp_path: Path) -> None:
    import csv

    from dealcheck.learn.history import ClosedDeal
    from dealcheck.learn.report import LearnRequest, learn_from

    export, mapping = write_export(tmp_path, 200, open_deals=0)
    with export.open(encoding="utf-8", newline="") as rows:
        table = list(csv.reader(rows))
    table[0].append("EB Source")
    for row in table[1:]:
        row.append("rep belief")
    with export.open("w", encoding="utf-8", newline="") as out:
        csv.writer(out).writerows(table)
    text = mapping.read_text(encoding="utf-8")
    believed = tmp_path / "believed.map.yaml"
    believed.write_text(
        text.replace(
            "economic-buyer: {column: Economic Buyer}",
            "economic-buyer: {column: Economic Buyer, source: EB Source}",
        ),
        encoding="utf-8",
    )
    plain: list[ClosedDeal] = []
    belief: list[ClosedDeal] = []

    learn_from(LearnRequest([str(export)], mapping=str(mapping)), keep=plain.append)
    learn_from(LearnRequest([str(export)], mapping=str(believed)), keep=belief.append)

    pairs = [
        (a.score or 0.0, b.score or 0.0, a.levels[PREDICTOR])
        for a, b in zip(plain, belief, strict=True)
    ]
    claimed = [(a, b) for a, b, level in pairs if level in ("partial", "confirmed")]
    # The rep's belief alone earns at most `assumed`: no such deal scores higher, and
    # those not held down by a red flag's cap score lower.
    assert all(b <= a for a, b in claimed)
    assert sum(b < a for a, b in claimed) > len(claimed) * 3 // 4
    assert all(a == b for a, b, level in pairs if level in (None, "absent", "assumed"))
