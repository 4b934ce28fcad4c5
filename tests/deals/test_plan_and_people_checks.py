"""The coach's checks on the close plan and the people, as table tests of pure functions."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from dealcheck.deals.close_plan import ClosePlan, PlanStep, StepChange, plan_checks
from dealcheck.deals.coaching import deal_alerts
from dealcheck.deals.history import build_report
from dealcheck.deals.people import Contact, PeopleAlert, champion_test, people_alerts
from dealcheck.language.framework import StepTemplate, Text
from tests.conftest import FIXTURES, ROOT

TODAY = dt.date(2025, 6, 13)
CLOSE = dt.date(2025, 6, 30)
TEMPLATES = [
    StepTemplate(id="vendor-setup", name=Text("Vendor set-up"), side="theirs", lead_days=21),
    StepTemplate(id="kickoff", name=Text("Kick-off"), side="ours", lead_days=7, after_close=True),
]


def step(
    step_id: str, target: dt.date | None, status: str = "not-started", **more: object
) -> PlanStep:
    return PlanStep.model_validate(
        {"id": step_id, "side": "theirs", "target": target, "status": status, **more}
    )


def issues(plan: ClosePlan | None, expected: bool = True) -> list[tuple[str, str | None]]:
    found = plan_checks(plan, close_date=CLOSE, templates=TEMPLATES, expected=expected, today=TODAY)
    return [(c.issue.value, c.step.id if c.step else None) for c in found]


@pytest.mark.parametrize(
    ("plan", "expected", "found"),
    [
        (None, True, [("no-plan", None)]),
        (None, False, []),
        (
            ClosePlan(agreed_on=TODAY, steps=[step("vendor-setup", dt.date(2025, 6, 27))]),
            True,
            [("lead-time", "vendor-setup")],
        ),
        (
            ClosePlan(
                agreed_on=TODAY, steps=[step("vendor-setup", dt.date(2025, 6, 27), "in-progress")]
            ),
            True,
            [],
        ),
        (
            ClosePlan(agreed_on=TODAY, steps=[step("legal", dt.date(2025, 7, 4), name="Legal")]),
            True,
            [("close-before-plan", "legal")],
        ),
        (
            ClosePlan(agreed_on=TODAY, steps=[step("kickoff", dt.date(2025, 7, 10))]),
            True,
            [],
        ),  # go-live comes after
        (
            ClosePlan(agreed_on=TODAY, steps=[step("legal", dt.date(2025, 6, 10), name="Legal")]),
            True,
            [("slipped", "legal")],
        ),
        (
            ClosePlan(
                agreed_on=TODAY, steps=[step("legal", dt.date(2025, 6, 10), "done", name="Legal")]
            ),
            True,
            [],
        ),
        (
            ClosePlan(
                agreed_on=TODAY,
                steps=[
                    step(
                        "legal",
                        dt.date(2025, 6, 24),
                        name="Legal",
                        history=[
                            StepChange(
                                changed_on=TODAY, target=dt.date(2025, 6, 17), status="not-started"
                            )
                        ],
                    )
                ],
            ),
            True,
            [("moved", "legal")],
        ),
        (
            ClosePlan(steps=[step("legal", dt.date(2025, 6, 24), name="Legal")]),
            True,
            [("not-agreed", None)],
        ),
    ],
)
def test_plan_checks(
    plan: ClosePlan | None, expected: bool, found: list[tuple[str, str | None]]
) -> None:
    assert issues(plan, expected) == found


def contact(role: str, met: bool = True, **more: object) -> Contact:
    return Contact.model_validate({"name": role.title(), "role": role, "met": met, **more})


CHAMPION = {
    "power": "medium",
    "influence": "high",
    "personal_win": "Promotion",
    "sells_for_us": "yes",
}


@pytest.mark.parametrize(
    ("contacts", "needs_buyer", "alerts"),
    [
        ([], True, ["no-contacts"]),
        ([contact("champion", **CHAMPION)], False, ["single-threaded"]),
        (
            [contact("champion", **CHAMPION), contact("economic-buyer", met=False)],
            True,
            ["single-threaded", "economic-buyer-not-met"],
        ),
        (
            [contact("champion", **CHAMPION), contact("economic-buyer", met=False)],
            False,
            ["single-threaded"],
        ),
        ([contact("champion", **CHAMPION), contact("user")], True, ["no-economic-buyer"]),
        ([contact("champion"), contact("economic-buyer")], True, ["champion-fails"]),
        ([contact("coach"), contact("economic-buyer")], True, ["no-champion"]),
    ],
)
def test_people_alerts(contacts: list[Contact], needs_buyer: bool, alerts: list[str]) -> None:
    found = people_alerts(contacts, needs_economic_buyer=needs_buyer)

    assert [a.kind.value for a in found] == alerts


def test_the_champion_test_names_what_is_missing() -> None:
    assert champion_test(contact("champion", **CHAMPION)) == []
    assert champion_test(contact("champion", power="low", personal_win="x")) == [
        "power",
        "influence",
        "sells",
    ]
    assert PeopleAlert.CHAMPION_FAILS.value == "champion-fails"


def test_decision_process_confirmed_needs_a_plan_the_customer_agreed(tmp_path: Path) -> None:
    text = (FIXTURES / "deals" / "prep" / "late-stage.yaml").read_text(encoding="utf-8")
    deal = tmp_path / "deal.yaml"
    deal.write_text(text.replace("  agreed_on: 2025-05-28\n", ""), encoding="utf-8")

    alerts = deal_alerts(build_report(deal, team_dir=ROOT / "frameworks", today=TODAY), "en", TODAY)

    assert alerts.plan_lines[-2:] == [
        "The close plan is not agreed with the customer yet.",
        "Decision process is marked confirmed, but no close plan is agreed with the customer.",
    ]
