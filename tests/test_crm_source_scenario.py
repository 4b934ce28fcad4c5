"""Evidence whose source is the CRM is the rep's word (seeds 000, 001).

A CRM field was typed by our side; it is not the customer saying it. A deal whose
every criterion is "confirmed" because the CRM says so reads like happy ears.
"""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from .conftest import FIXTURES, invoke

DEAL = str(FIXTURES / "deals" / "scenarios" / "crm-says-so.yaml")
TODAY = ("--today", "2026-11-20")  # the evidence is fresh on the qualification day


def test_confirmed_because_the_crm_says_so_is_credited_as_the_reps_word(
    runner: CliRunner, in_repo: Path
) -> None:
    code, out, err = invoke(runner, "report", DEAL, "--format", "json", *TODAY)
    assert code == 0, err
    data = json.loads(out)

    assert data["recommendation"] != "advance"
    assert data["verified_share"] == 0
    criteria = data["frameworks"][0]["criteria"]
    assert {(c["claimed"], c["level"], c["credited_because"]) for c in criteria} == {
        ("confirmed", "assumed", "belief")
    }
    flags = {f["id"]: f for f in data["red_flags"]}
    assert flags["only-believer"]["from_evidence"] is True


def test_the_report_shows_the_crm_as_the_source_beside_the_credited_level(
    runner: CliRunner, in_repo: Path
) -> None:
    code, out, err = invoke(runner, "report", DEAL, "--format", "md", *TODAY)
    assert code == 0, err

    assert (
        "| Metrics | Confirmed claimed, credited as Assumed: rep belief only | `███░░░░░` "
        "| Partly confirmed | metrics in the CRM | the CRM 2026-11-10 |"
    ) in out
    assert "0% of the weight verified by the customer" in out
