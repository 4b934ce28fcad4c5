"""`dealcheck plan`: close plan steps added, changed and ticked, with history, safely."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from dealcheck.deals import store
from dealcheck.deals.plan_flow import PlanInterrupted, PlanRequest, edit_close_plan, plan_draft_path
from dealcheck.errors import UsageError, ValidationFailed
from tests.conftest import FIXTURES, ROOT
from tests.interview.scripted import ENTER, INTERRUPT, ScriptedPrompter

TODAY = dt.date(2025, 6, 13)


@pytest.fixture
def deal(tmp_path: Path) -> Path:
    path = tmp_path / "deal.yaml"
    shutil.copy(FIXTURES / "deals" / "prep" / "late-stage.yaml", path)
    return path


def request(path: Path, answers: Path | None = None) -> PlanRequest:
    return PlanRequest(path, ROOT / "frameworks", ["meddpicc"], "en", answers, TODAY)


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_answers_add_change_and_agree_with_history(deal: Path, tmp_path: Path) -> None:
    answers = write(
        tmp_path / "plan.yaml",
        "agreed_by: Choi Minho\n"
        "steps:\n"
        "  - {id: vendor-setup, status: in-progress, target: 2025-06-24, evidence: Form sent}\n"
        "  - {id: budget-approval, person: Lee Eun-ji}\n"
        "  - {id: dry-run, name: Data migration dry run, side: ours, target: 2025-06-25}\n",
    )

    outcome = edit_close_plan(request(deal, answers), None)

    saved = store.load_deal(deal).close_plan
    assert saved is not None
    vendor = saved.step("vendor-setup")
    assert vendor is not None and vendor.status == "in-progress" and vendor.evidence == "Form sent"
    assert [(h.changed_on, h.target, h.status) for h in vendor.history] == [
        (TODAY, dt.date(2025, 6, 27), "not-started")
    ]
    budget = saved.step("budget-approval")
    assert budget is not None and budget.side == "theirs"  # from the template
    assert budget.target == TODAY + dt.timedelta(days=14)  # today plus its lead time
    assert saved.agreed_by == "Choi Minho" and saved.agreed_on == dt.date(2025, 5, 28)
    assert outcome.changes == [
        "vendor-setup: changed",
        "budget-approval: added",
        "dry-run: added",
        "agreed",
    ]
    # Under way and brought forward, the vendor set-up no longer threatens the close date.
    assert outcome.checks == []


def test_a_step_of_our_own_needs_a_name(deal: Path, tmp_path: Path) -> None:
    answers = write(tmp_path / "plan.yaml", "steps:\n  - {id: workshop, side: ours}\n")

    with pytest.raises(UsageError, match="workshop"):
        edit_close_plan(request(deal, answers), None)

    assert store.load_deal(deal).close_plan.step("workshop") is None  # type: ignore[union-attr]


def test_a_deal_file_that_does_not_parse_is_never_overwritten(deal: Path, tmp_path: Path) -> None:
    deal.write_text("name: [broken\n", encoding="utf-8")
    answers = write(tmp_path / "plan.yaml", "steps:\n  - {id: signature}\n")

    with pytest.raises(ValidationFailed):
        edit_close_plan(request(deal, answers), None)

    assert deal.read_text(encoding="utf-8") == "name: [broken\n"


def test_adding_and_ticking_steps_interactively(deal: Path) -> None:
    prompter = ScriptedPrompter(
        [
            "add",
            "budget-approval",
            ENTER,
            "Lee Eun-ji",
            "2025-06-2x",
            "2025-06-25",
            "tick",
            "legal-review",
            "Signed-off redline 2025-06-13",
            "done",
        ]
    )

    edit_close_plan(request(deal), prompter)

    saved = store.load_deal(deal).close_plan
    assert saved is not None
    budget = saved.step("budget-approval")
    assert budget is not None
    assert (budget.side, budget.person, budget.target) == (
        "theirs",
        "Lee Eun-ji",
        dt.date(2025, 6, 25),
    )
    legal = saved.step("legal-review")
    assert legal is not None and legal.status == "done" and legal.done_on == TODAY
    assert prompter.notes == ["'2025-06-2x' is not a date: write it like 2025-06-30"]


def test_ctrl_c_keeps_the_step_being_typed_and_offers_it_again(deal: Path) -> None:
    first = ScriptedPrompter(["add", "budget-approval", ENTER, "Lee Eun-ji", INTERRUPT])

    with pytest.raises(PlanInterrupted, match="dealcheck plan"):
        edit_close_plan(request(deal), first)

    assert plan_draft_path(deal).is_file()
    assert store.load_deal(deal).close_plan.step("budget-approval") is None  # type: ignore[union-attr]
    again = ScriptedPrompter([True, ENTER, ENTER, "2025-06-25", "done"])

    edit_close_plan(request(deal), again)

    budget = store.load_deal(deal).close_plan.step("budget-approval")  # type: ignore[union-attr]
    assert budget is not None and budget.person == "Lee Eun-ji"  # kept from before Ctrl-C
    assert again.asked[0][1] == "Resume the step you were adding (budget-approval)?"
    assert not plan_draft_path(deal).exists()


def test_without_a_terminal_or_answers_it_says_what_to_do(deal: Path) -> None:
    with pytest.raises(UsageError, match="--answers"):
        edit_close_plan(request(deal), None)


def test_a_step_pushed_later_and_an_unstarted_one_are_flagged(deal: Path, tmp_path: Path) -> None:
    answers = write(tmp_path / "plan.yaml", "steps:\n  - {id: legal-review, target: 2025-06-26}\n")

    outcome = edit_close_plan(request(deal, answers), None)

    found = [(c.issue.value, c.step.id if c.step else None) for c in outcome.checks]
    assert found == [("lead-time", "vendor-setup"), ("moved", "legal-review")]
