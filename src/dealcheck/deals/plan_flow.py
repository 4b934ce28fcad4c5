"""`dealcheck plan`: add, edit and tick close plan steps, interactively or from a file.

The deal file is changed under its lock and saved after every finished change, so
Ctrl-C loses at most the step being typed, and not even that: each answer of a new
step is kept in a draft beside the deal, offered again on the next run.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from dealcheck.deals import store
from dealcheck.deals.close_plan import ClosePlan, PlanCheck, PlanStep, plan_checks, step_templates
from dealcheck.deals.history import load_frameworks, load_recorded
from dealcheck.deals.model import Deal
from dealcheck.deals.plan_edit import PlanAnswers, StepEdit, apply_answers, apply_edit
from dealcheck.errors import DealcheckError, ExitCode, UsageError, say
from dealcheck.i18n import t
from dealcheck.interview.prompter import Choice, Prompter
from dealcheck.language.framework import StepTemplate
from dealcheck.language.validation import validate_located
from dealcheck.language.yamlfile import read_yaml

CUSTOM = "<custom>"
STATUSES = ("not-started", "in-progress", "done", "blocked")


class PlanInterrupted(DealcheckError):
    """Ctrl-C in `dealcheck plan`: finished steps are saved; the one being typed is a draft."""

    exit_code = ExitCode.INTERRUPTED


@dataclass(frozen=True)
class PlanRequest:
    """What `dealcheck plan` was asked to do."""

    deal_file: Path
    team_dir: Path
    default_frameworks: list[str]
    lang: str = "en"
    answers_file: Path | None = None
    today: dt.date = field(default_factory=dt.date.today)
    #: The team's own step templates (`.dealcheck.yaml`), over the frameworks'.
    team_steps: tuple[StepTemplate, ...] = ()


@dataclass(frozen=True)
class PlanOutcome:
    """The saved deal and what changed."""

    path: Path
    deal: Deal
    templates: list[StepTemplate]
    changes: list[str]
    checks: list[PlanCheck] = field(default_factory=list)


def plan_draft_path(path: Path) -> Path:
    """The draft of a step being added, beside the deal file."""
    return path.with_name(f".{path.stem}.plan-draft.yaml")


def edit_close_plan(request: PlanRequest, prompter: Prompter | None) -> PlanOutcome:
    """Change a deal's close plan and save it.

    Raises:
        UsageError: No deal file, a bad answers file, or no prompter and no answers.
        LockedError: Another dealcheck process works on this deal.
        PlanInterrupted: Ctrl-C; every finished change is saved.
    """
    path = request.deal_file
    answers = _answers(request.answers_file) if request.answers_file else None
    with store.locked(path):
        deal = store.load_deal(path)
        if deal.qualifications:
            steps = ("qualifications", len(deal.qualifications) - 1, "frameworks")
            refs = deal.qualifications[-1].frameworks
            _, frameworks = load_recorded(refs, path, request.team_dir, steps)
        else:
            frameworks = load_frameworks(request.default_frameworks, request.team_dir)
        templates = step_templates(frameworks, request.team_steps)
        if answers is not None:
            deal.close_plan, changes = apply_answers(
                deal.close_plan, answers, templates, request.today
            )
            store.save_deal(path, deal)
        elif prompter is None:
            raise UsageError(t("plan.no_terminal", request.lang))
        else:
            walk = _Walk(path, deal, templates, prompter, request)
            try:
                walk.run()
            except KeyboardInterrupt:
                raise PlanInterrupted(t("plan.interrupted", request.lang, path)) from None
            changes = walk.changes
    expected = any(
        "close-plan" in fw.requirements(fw.stage(deal.stage) if deal.stage else None)
        for fw in frameworks
    )
    checks = plan_checks(
        deal.close_plan,
        close_date=deal.close_date,
        templates=templates,
        expected=expected,
        today=request.today,
    )
    return PlanOutcome(path, deal, templates, changes, checks)


def _answers(path: Path) -> PlanAnswers:
    if not path.is_file():
        raise UsageError(say("plan.no_answers_file", path=path))
    return validate_located(PlanAnswers, read_yaml(path))


class _Walk:
    """One interactive session over a deal's close plan."""

    def __init__(
        self,
        path: Path,
        deal: Deal,
        templates: list[StepTemplate],
        ask: Prompter,
        request: PlanRequest,
    ) -> None:
        self.path, self.deal, self.templates, self.ask = path, deal, templates, ask
        self.lang, self.today = request.lang, request.today
        self.changes: list[str] = []

    @property
    def plan(self) -> ClosePlan:
        if self.deal.close_plan is None:
            self.deal.close_plan = ClosePlan()
        return self.deal.close_plan

    def run(self) -> None:
        draft = self._load_draft()
        if draft is not None and self.ask.confirm(
            t("plan.resume", self.lang, draft.name or draft.id)
        ):
            self._add(draft)
        plan_draft_path(self.path).unlink(missing_ok=True)
        actions = ("add", "edit", "tick", "agree", "done")
        while True:
            choices = [Choice(a, t(f"plan.{a}", self.lang)) for a in actions]
            action = self.ask.select(t("plan.menu", self.lang), choices, default="add")
            if action == "done":
                return
            if action == "add":
                self._add(None)
            elif action == "agree":
                self._agree()
            else:
                self._change(action)

    def _add(self, draft: StepEdit | None) -> None:
        lang = self.lang
        if draft is None:
            used = {s.id for s in self.plan.steps}
            choices = [Choice(t.id, t.name.get(lang)) for t in self.templates if t.id not in used]
            choices.append(Choice(CUSTOM, t("plan.custom", lang)))
            picked = self.ask.select(t("plan.which_template", lang), choices)
            if picked == CUSTOM:
                name = self._text(t("plan.ask_name", lang), "", required=True)
                draft = StepEdit(id=self._new_id(name), name=name)
            else:
                draft = StepEdit(id=picked)
            self._save_draft(draft)
        template = next((x for x in self.templates if x.id == draft.id), None)
        side = draft.side or (template.side if template else "theirs")
        sides = [Choice(s, t(f"side.{s}", lang)) for s in ("ours", "theirs")]
        draft.side = self.ask.select(t("plan.ask_side", lang), sides, default=side)  # type: ignore[assignment]
        self._save_draft(draft)
        draft.person = self._text(t("plan.ask_person", lang), draft.person or "")
        self._save_draft(draft)
        lead = template.lead_days if template else 14
        default = draft.target or self.today + dt.timedelta(days=lead)
        draft.target = self._date(t("plan.ask_target", lang), default)
        self._save_draft(draft)
        self._commit(draft)
        plan_draft_path(self.path).unlink(missing_ok=True)

    def _change(self, action: str) -> None:
        lang = self.lang
        steps = [s for s in self.plan.steps if action == "edit" or s.status != "done"]
        if not steps:
            self.ask.note(t("plan.nothing_open", lang))
            return
        step = self._pick(steps)
        if action == "tick":
            evidence = self._text(t("plan.ask_evidence", lang), step.evidence or "")
            self._commit(StepEdit(id=step.id, status="done", evidence=evidence))
            return
        person = self._text(t("plan.ask_person", lang), step.person or "")
        target = self._date(t("plan.ask_target", lang), step.target or self.today)
        statuses = [Choice(s, t(f"status.{s}", lang)) for s in STATUSES]
        status = self.ask.select(t("plan.ask_status", lang), statuses, default=step.status)
        evidence = self._text(t("plan.ask_evidence", lang), step.evidence or "")
        edit = StepEdit(id=step.id, person=person, target=target, status=status, evidence=evidence)  # type: ignore[arg-type]
        self._commit(edit)

    def _agree(self) -> None:
        champion = next((c.name for c in self.deal.contacts if c.role.value == "champion"), "")
        who = self._text(
            t("plan.ask_agreed_by", self.lang), self.plan.agreed_by or champion, required=True
        )
        self.plan.agreed_by, self.plan.agreed_on = who, self.today
        store.save_deal(self.path, self.deal)
        self.changes.append("agreed")

    def _commit(self, edit: StepEdit) -> None:
        self.changes.append(f"{edit.id}: {apply_edit(self.plan, edit, self.templates, self.today)}")
        store.save_deal(self.path, self.deal)

    def _pick(self, steps: list[PlanStep]) -> PlanStep:
        names = {x.id: x.name.get(self.lang) for x in self.templates}
        choices = [
            Choice(
                s.id,
                f"{s.name or names.get(s.id, s.id)} · {s.target or '—'} · {t(f'status.{s.status}', self.lang)}",
            )
            for s in steps
        ]
        chosen = self.ask.select(t("plan.which_step", self.lang), choices)
        return next(s for s in steps if s.id == chosen)

    def _text(self, message: str, default: str, *, required: bool = False) -> str:
        while True:
            answer = self.ask.text(message, default=default).strip()
            if answer or not required:
                return answer
            self.ask.note(t("plan.required", self.lang))

    def _date(self, message: str, default: dt.date) -> dt.date:
        while True:
            answer = self.ask.text(message, default=default.isoformat()).strip()
            try:
                return dt.date.fromisoformat(answer)
            except ValueError:
                self.ask.note(t("plan.bad_date", self.lang, answer))

    def _new_id(self, name: str) -> str:
        base = store.slugify(name)
        base = base if base.isascii() and base[:1].isalnum() else "step"
        used = {s.id for s in self.plan.steps}
        candidate, number = base, 2
        while candidate in used:
            candidate, number = f"{base}-{number}", number + 1
        return candidate

    def _load_draft(self) -> StepEdit | None:
        draft = plan_draft_path(self.path)
        if not draft.is_file():
            return None
        try:
            return validate_located(StepEdit, read_yaml(draft))
        except Exception:  # an unreadable draft is not worth stopping for
            return None

    def _save_draft(self, draft: StepEdit) -> None:
        data = draft.model_dump(mode="json", exclude_none=True)
        store.write_atomic(plan_draft_path(self.path), store.dump(data))
