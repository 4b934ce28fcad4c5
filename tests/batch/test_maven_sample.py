"""The real Maven CRM sample (a plain export with no qualification fields), read in place.

The data lives beside the clone in `shared/data/maven-crm/` and is never copied into
the repository. It has Won and Lost deals mixed with open ones: they must stay out of
every open section.
"""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from tests.conftest import ROOT, invoke

MAVEN_MAP = """\
crm: maven
frameworks: [meddpicc]
columns:
  deal_id: opportunity_id
  owner: sales_agent
  company: account
  amount: close_value
  stage: deal_stage
  created_date: engage_date
  close_date: close_date
currency: USD
stages: {Prospecting: prospecting, Engaging: discovery, Won: won, Lost: lost}
"""


def maven_data() -> Path:
    """`shared/data/maven-crm` beside the clone (or beside the worktrees' folder)."""
    for base in (ROOT.parent, ROOT.parent.parent):
        folder = base / "shared" / "data" / "maven-crm"
        if folder.is_dir():
            return folder
    raise AssertionError(f"the Maven sample is expected at {ROOT.parent / 'shared/data/maven-crm'}")


def _mapping(tmp_path: Path) -> Path:
    path = tmp_path / "maven.map.yaml"
    path.write_text(MAVEN_MAP, encoding="utf-8")
    return path


def test_maven_without_qualification_columns_refuses(runner: CliRunner, tmp_path: Path) -> None:
    export = maven_data() / "sales_pipeline_first2000.csv"

    code, stdout, stderr = invoke(runner, "score", str(export), "--map", str(_mapping(tmp_path)))

    assert code == 2 and stdout == ""
    assert "maps no column to the criteria of meddpicc" in stderr


def test_maven_closed_deals_stay_out_of_the_open_sections(
    runner: CliRunner, tmp_path: Path
) -> None:
    export = maven_data() / "sales_pipeline_first2000.csv"
    lines = export.read_text(encoding="utf-8").splitlines()[1:]
    stages = [line.split(",")[4] for line in lines]
    output = tmp_path / "scored.json"

    code, _, stderr = invoke(
        runner,
        "score",
        str(export),
        "--map",
        str(_mapping(tmp_path)),
        "--basics-only",
        "--today",
        "2017-06-30",
        "--format",
        "json",
        "-o",
        str(output),
    )

    assert code == 0, stderr
    summary = json.loads(output.read_text(encoding="utf-8"))["summary"]
    assert summary["schema_version"] == 2
    closed = {k: v["deals"] for k, v in summary["closed"].items()}
    assert closed == {"won": stages.count("Won"), "lost": stages.count("Lost")}
    open_deals = len(stages) - sum(closed.values())
    assert summary["open"]["deals"] == open_deals == stages.count("Engaging")
    assert set(summary["by_stage"]) == {"discovery"}
    for section in ("forecast", "by_recommendation", "by_grade"):
        assert sum(t["deals"] for t in summary[section].values()) == open_deals, section
    assert sum(o["open"]["deals"] for o in summary["by_owner"]) == open_deals
    assert sum(n for _, n in summary["gaps"]) == 0  # nothing was qualified: no gaps claimed
    listed = [
        deal
        for key in ("at_risk", "remove_from_forecast", "commit_at_risk", "update_close_date")
        for deal in summary[key]
    ]
    listed += [deal for owner in summary["by_owner"] for deal in owner["discuss"]]
    assert listed and all(deal["stage"] == "discovery" for deal in listed)
    # Open deals have no close value in this export: the list says so instead of ranking.
    assert all(deal["recommendation"] == "unscored" for deal in listed)
