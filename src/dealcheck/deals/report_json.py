"""The JSON report of one deal file: the scored qualification, plus the deal's own story.

`report --format json` adds to the shared shape of `scoring.report_json` (which
`score` also writes per row) what only a deal file holds. Additions keep
`schema_version` 1::

    {
      ...the keys of scoring.report_json...,
      "today": "2025-06-13",            # the reference date (--today)
      "story": {...} | null,            # as in the deal file: before, after, metric,
                                        # value_driver, capabilities, delivery,
                                        # differentiators, proof_points
      "next_step": {...} | null,        # as in the deal file: text, date, kind, side, source
      "contacts": [{"name", "title", "role", "met", "met_on", "power", "influence",
                    "personal_win", "sells_for_us",
                    "champion_test_failed": ["power" | "influence" | "win" | "sells"]}],
      "people": {"alerts": [{"code", "about": [...], "text"}],
                 "meet_next": [{"person", "reason", "text"}]},
      "close_plan": {"expected": bool, "agreed_by": str | null, "agreed_on": date | null,
                     "steps": [{"id", "name", "side", "person", "target", "first_target",
                                "status", "evidence", "done_on", "lead_days",
                                "after_close", "history": [...]}],
                     "checks": [{"code", "step", "dates": [...], "days", "text"}]}
    }

`code` values: close plan checks `no-plan`, `not-agreed`, `close-before-plan`,
`lead-time`, `slipped`, `moved`, `process-unbacked`; people alerts `no-contacts`,
`single-threaded`, `economic-buyer-not-met`, `no-economic-buyer`, `no-champion`,
`champion-fails`; `reason` of meet_next: `buyer`, `find-buyer`, `test-champion`,
`find-champion`, `blocker`, `second-thread`, `widen`. `text` is in the report's language.
"""

from __future__ import annotations

from typing import Any

from dealcheck.deals.close_plan import ordered
from dealcheck.deals.coaching import deal_alerts, requirements_of, step_name, templates_of
from dealcheck.deals.history import DealReport
from dealcheck.deals.people import champion_test, meet_next
from dealcheck.scoring.report_json import assessment_to_dict


def deal_report_to_dict(report: DealReport, lang: str) -> dict[str, Any]:
    """The JSON-ready report of a deal file's qualification, texts in `lang`."""
    deal = report.deal
    data = assessment_to_dict(report.assessment, deal=deal.basics(), lang=lang)
    alerts = deal_alerts(report, lang, report.today)
    data["today"] = report.today.isoformat()
    data["story"] = deal.story.model_dump(mode="json") if deal.story else None
    data["next_step"] = deal.next_step.model_dump(mode="json") if deal.next_step else None
    data["contacts"] = [
        {**c.model_dump(mode="json"), "champion_test_failed": champion_test(c)}
        for c in deal.contacts
    ]
    data["people"] = {
        "alerts": [
            {"code": a.kind.value, "about": list(a.about), "text": line}
            for a, line in zip(alerts.people, alerts.people_lines, strict=True)
        ],
        "meet_next": [
            {
                "person": pick.person or None,
                "reason": pick.reason.removeprefix("meet.").replace("_", "-"),
                "text": line,
            }
            for pick, line in zip(meet_next(deal.contacts), alerts.meet_next, strict=True)
        ],
    }
    data["close_plan"] = _close_plan(report, lang, alerts.plan, alerts.plan_lines)
    return data


def _close_plan(
    report: DealReport, lang: str, checks: list[Any], lines: list[str]
) -> dict[str, Any]:
    plan = report.deal.close_plan
    templates = templates_of(report)
    by_id = {t.id: t for t in templates}
    steps = []
    for step in ordered(plan) if plan else []:
        template = by_id.get(step.id)
        first = step.first_target()
        steps.append(
            {
                "id": step.id,
                "name": step_name(step, templates, lang),
                "side": step.side,
                "person": step.person,
                "target": step.target.isoformat() if step.target else None,
                "first_target": first.isoformat() if first else None,
                "status": step.status,
                "evidence": step.evidence,
                "done_on": step.done_on.isoformat() if step.done_on else None,
                "lead_days": template.lead_days if template else None,
                "after_close": template.after_close if template else False,
                "history": [h.model_dump(mode="json") for h in step.history],
            }
        )
    found = [
        {
            "code": check.issue.value,
            "step": check.step.id if check.step else None,
            "dates": [d.isoformat() for d in check.dates],
            "days": check.days or None,
            "text": line,
        }
        for check, line in zip(checks, lines, strict=False)
    ]
    # A line beyond the checks is the decision process marked confirmed without a plan.
    found += [
        {"code": "process-unbacked", "step": None, "dates": [], "days": None, "text": line}
        for line in lines[len(checks) :]
    ]
    return {
        "expected": "close-plan" in requirements_of(report),
        "agreed_by": (plan.agreed_by or None) if plan else None,
        "agreed_on": plan.agreed_on.isoformat() if plan and plan.agreed_on else None,
        "steps": steps,
        "checks": found,
    }
