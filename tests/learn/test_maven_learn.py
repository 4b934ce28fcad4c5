"""`dealcheck learn` on the real Maven CRM sample: outcomes, no qualification columns."""

from __future__ import annotations

import csv
import json
from collections import Counter
from pathlib import Path

from typer.testing import CliRunner

from tests.batch.test_maven_sample import MAVEN_MAP, maven_data
from tests.conftest import invoke


def _mapping(tmp_path: Path) -> Path:
    path = tmp_path / "maven.map.yaml"
    path.write_text(MAVEN_MAP + "attributes: [product]\n", encoding="utf-8")
    return path


def _closed_rows() -> list[dict[str, str]]:
    with (maven_data() / "sales_pipeline_first2000.csv").open(encoding="utf-8") as rows:
        return [r for r in csv.DictReader(rows) if r["deal_stage"] in ("Won", "Lost")]


def test_maven_reports_win_rates_by_owner_and_product(runner: CliRunner, tmp_path: Path) -> None:
    export = maven_data() / "sales_pipeline_first2000.csv"
    out = tmp_path / "learn.json"
    closed = _closed_rows()

    code, _, stderr = invoke(
        runner, "learn", str(export), "--map", str(_mapping(tmp_path)), "-o", str(out)
    )

    assert code == 0, stderr
    report = json.loads(out.read_text(encoding="utf-8"))
    won = sum(r["deal_stage"] == "Won" for r in closed)
    assert (report["reading"]["won"], report["reading"]["lost"]) == (won, len(closed) - won)
    assert report["reading"]["open"] == 2000 - len(closed)
    assert report["qualified"] is False and report["effects"] == []
    columns = {g["column"]: g for g in report["described"]}
    assert set(columns) == {"owner", "product"}
    products = {r["group"]: (r["won"], r["deals"]) for r in columns["product"]["rates"]}
    expected = Counter((r["product"], r["deal_stage"] == "Won") for r in closed)
    for product, (wins, deals) in products.items():
        assert (wins, deals) == (expected[product, True], wins + expected[product, False])
    owners = columns["owner"]
    assert sum(r["deals"] for r in owners["rates"]) + owners["other_deals"] == len(closed)


def test_maven_says_there_are_no_qualification_columns(runner: CliRunner, tmp_path: Path) -> None:
    export = maven_data() / "sales_pipeline_first2000.csv"

    code, stdout, stderr = invoke(runner, "learn", str(export), "--map", str(_mapping(tmp_path)))

    assert code == 0, stderr
    assert "No qualification columns to learn from" in stdout
    assert "Win rate by owner" in stdout and "Win rate by product" in stdout
    assert "stage each closed deal reached is not in the data" in stdout
    assert "What goes with winning" not in stdout
