"""The report `qualify` prints judges the deal on the qualification's day, as `report --today`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from dealcheck.deals.qualify import QualifyRequest, qualify
from tests.interview.scripted import ENTER, ScriptedPrompter

TODAY = dt.date(2025, 5, 2)


def test_the_printed_report_and_a_no_change_rerun_use_the_qualification_day(
    tmp_path: Path,
) -> None:
    request = QualifyRequest(
        deal_file=None,
        frameworks=["the-model"],
        default_frameworks=["the-model"],
        deals_dir=tmp_path / "deals",
        team_dir=None,
        today=TODAY,
    )
    basics = ["Acme", "Acme", "1000", ENTER, "lead", "2025-04-01", "Jane", "no", "no"]
    first = qualify(request, ScriptedPrompter(basics))

    rerun = QualifyRequest(**{**request.__dict__, "deal_file": first.report.path, "frameworks": []})
    again = qualify(rerun, None)  # --no-input: nothing changed, nothing saved

    assert first.report.today == TODAY
    assert (again.saved, again.report.today) == (False, TODAY)
