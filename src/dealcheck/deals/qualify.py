"""The qualify flow: open or create a deal, resume its draft, ask, score, save.

Interactive (a `Prompter`) and non-interactive (`--answers FILE` / `--no-input`) runs
go through the same steps; only where the answers come from differs.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from dealcheck.deals import store
from dealcheck.deals.basics import ask_basics
from dealcheck.deals.history import (
    DealReport,
    assessment_of,
    changes,
    framework_ids,
    load_frameworks,
)
from dealcheck.deals.model import AnswersFile, Deal, DealBasics, Draft, Qualification, Result
from dealcheck.deals.reconcile import from_keyed, reconcile, to_keyed
from dealcheck.errors import DealcheckError, ExitCode, InputError, UsageError
from dealcheck.i18n import t
from dealcheck.interview.prompter import Choice, Prompter
from dealcheck.interview.walk import Answer, Key, interview, steps_for
from dealcheck.language.framework import Framework
from dealcheck.language.validation import validate_located
from dealcheck.language.yamlfile import read_yaml
from dealcheck.scoring.answers import CriterionAnswer


class QualifyInterrupted(DealcheckError):
    """Ctrl-C during the interview: the draft is kept; the message says how to resume."""

    exit_code = ExitCode.INTERRUPTED


@dataclass(frozen=True)
class QualifyRequest:
    """What `dealcheck qualify` was asked to do."""

    deal_file: Path | None
    frameworks: list[str]
    default_frameworks: list[str]
    deals_dir: Path
    team_dir: Path
    lang: str = "en"
    stage: str | None = None
    answers_file: Path | None = None
    stage_names: dict[str, str] = field(default_factory=dict)
    today: dt.date = field(default_factory=dt.date.today)


@dataclass(frozen=True)
class QualifyOutcome:
    """The saved deal's report (new qualification, verdict, changes), and what was dropped."""

    report: DealReport
    dropped: list[str]
    resumed: bool


def qualify(request: QualifyRequest, prompter: Prompter | None) -> QualifyOutcome:
    """Run one qualification and append it to the deal file.

    Args:
        request: The command's options.
        prompter: How to ask; None runs without prompts (`--answers` / `--no-input`).

    Raises:
        UsageError: Missing deal file, unknown framework, stage or level.
        LockedError: Another dealcheck process works on this deal.
        QualifyInterrupted: Ctrl-C; the draft holds every answer given.
    """
    given = _answers_file(request.answers_file)
    path, deal, draft = _open(request, given, prompter)
    with store.locked(path):
        if deal is None and path.exists():
            raise UsageError(f"{path} already exists; to re-qualify it: dealcheck qualify {path}")
        draft = store.load_draft(path) if draft is None else draft
        if draft is not None and prompter is not None:
            question = t(
                "qualify.resume", request.lang, draft.started.isoformat(), draft.answered()
            )
            if draft.answered() and not prompter.confirm(question, default=True):
                draft = None
        last = deal.qualifications[-1] if deal and deal.qualifications else None
        refs = (
            request.frameworks
            or (framework_ids(draft.frameworks) if draft else None)
            or (framework_ids(last.frameworks) if last else request.default_frameworks)
        )
        frameworks = load_frameworks(refs, request.team_dir)
        basics = deal if deal is not None else draft.deal if draft else None
        if basics is None:
            if given and given.deal:
                basics = given.deal
            elif prompter is None:
                raise UsageError(
                    "a new deal needs its basics: give a deal file, or `deal:` in --answers"
                )
            else:
                basics = ask_basics(
                    prompter,
                    lang=request.lang,
                    stages=_stages(frameworks, request.lang),
                    default_stage=request.stage,
                )
        stage = _stage(request, given, draft, basics)
        kept, dropped = reconcile(to_keyed(draft.answers) if draft else {}, frameworks)
        if given:
            file_answers, unknown = reconcile(to_keyed(given.answers), frameworks)
            if unknown:
                raise InputError(f"{request.answers_file}: no such question: {', '.join(unknown)}")
            kept.update(file_answers)
        defaults, _ = reconcile(to_keyed(last.answers) if last else {}, frameworks)
        new_draft = Draft(
            started=draft.started if draft else request.today,
            deal=DealBasics.model_validate(basics.model_dump(include=set(DealBasics.model_fields))),
            stage=stage,
            frameworks=[f"{f.id}@{f.version}" for f in frameworks],
            answers=from_keyed(kept, frameworks),
        )
        if prompter is not None:
            for item in dropped:
                prompter.note(t("qualify.dropped", request.lang, item))
            answers = _ask(request, prompter, path, new_draft, frameworks, kept, defaults)
        else:
            answers = {**defaults, **kept}
        return _finish(
            path, deal, new_draft, frameworks, answers, request, dropped, draft is not None
        )


def _ask(
    request: QualifyRequest,
    prompter: Prompter,
    path: Path,
    draft: Draft,
    frameworks: list[Framework],
    kept: dict[Key, Answer],
    defaults: dict[Key, Answer],
) -> dict[Key, Answer]:
    store.save_draft(path, draft)

    def save(answers: dict[Key, Answer]) -> None:
        store.save_draft(
            path, draft.model_copy(update={"answers": from_keyed(answers, frameworks)})
        )

    try:
        return interview(
            steps_for(frameworks),
            prompter,
            lang=request.lang,
            today=request.today,
            defaults=defaults,
            given=kept,
            on_answer=save,
        )
    except (KeyboardInterrupt, EOFError):
        saved = store.load_draft(path)
        count = saved.answered() if saved else 0
        raise QualifyInterrupted(t("qualify.interrupted", request.lang, count, path)) from None


def _finish(
    path: Path,
    deal: Deal | None,
    draft: Draft,
    frameworks: list[Framework],
    answers: dict[Key, Answer],
    request: QualifyRequest,
    dropped: list[str],
    resumed: bool,
) -> QualifyOutcome:
    for framework in frameworks:  # every question gets an explicit answer, `unknown` included
        for c in framework.criteria:
            answers.setdefault((framework.id, "criteria", c.id), CriterionAnswer())
        for f in framework.red_flags:
            answers.setdefault((framework.id, "red_flags", f.id), None)
    qualification = Qualification(
        date=request.today,
        stage=draft.stage,
        frameworks=draft.frameworks,
        answers=from_keyed(answers, frameworks),
    )
    try:
        assessment = assessment_of(qualification, frameworks)
    except UsageError as error:
        raise InputError(f"{request.answers_file or path}: {error.message}") from None
    qualification.result = Result(
        score=assessment.score,
        grade=assessment.grade,
        recommendation=assessment.recommendation.value,
    )
    base = deal if deal is not None else Deal(**draft.deal.model_dump())
    previous = base.qualifications[-1] if base.qualifications else None
    saved = base.model_copy(
        update={
            "stage": draft.stage or base.stage,
            "qualifications": [*base.qualifications, qualification],
        }
    )
    store.save_deal(path, saved)
    store.remove_draft(path)
    report = DealReport(
        path=path,
        deal=saved,
        number=len(saved.qualifications),
        qualification=qualification,
        assessment=assessment,
        changes=changes(previous, qualification) if previous else None,
        notes=[t("report.dropped", request.lang, ", ".join(dropped))] if dropped else [],
    )
    return QualifyOutcome(report=report, dropped=dropped, resumed=resumed)


def _open(
    request: QualifyRequest, given: AnswersFile | None, prompter: Prompter | None
) -> tuple[Path, Deal | None, Draft | None]:
    """The deal's path and file (None for a new deal), and a draft read early."""
    if request.deal_file is not None:
        path = request.deal_file
        if path.exists():
            return path, store.load_deal(path), None
        draft = store.load_draft(path)
        if draft is None:
            raise UsageError(f"{path}: no such deal file (and no draft to resume)")
        return path, None, draft
    if given and given.deal:
        return store.deal_path(request.deals_dir, given.deal.name), None, None
    if prompter is None:
        raise UsageError("a new deal needs its basics: give a deal file, or `deal:` in --answers")
    frameworks = load_frameworks(request.frameworks or request.default_frameworks, request.team_dir)
    basics = ask_basics(
        prompter,
        lang=request.lang,
        stages=_stages(frameworks, request.lang),
        default_stage=request.stage,
    )
    path = store.deal_path(request.deals_dir, basics.name)
    if path.exists():
        raise UsageError(f"{path} already exists; to re-qualify it: dealcheck qualify {path}")
    draft = Draft(
        started=request.today,
        deal=basics,
        stage=basics.stage,
        frameworks=[f"{f.id}@{f.version}" for f in frameworks],
    )
    return path, None, draft


def _answers_file(path: Path | None) -> AnswersFile | None:
    if path is None:
        return None
    if not path.is_file():
        raise UsageError(f"--answers {path}: no such file")
    return validate_located(AnswersFile, read_yaml(path))


def _stage(
    request: QualifyRequest, given: AnswersFile | None, draft: Draft | None, basics: DealBasics
) -> str | None:
    stage = request.stage or (given.stage if given else None) or (draft.stage if draft else None)
    stage = stage or basics.stage
    return request.stage_names.get(stage, stage) if stage else None


def _stages(frameworks: list[Framework], lang: str) -> list[Choice]:
    lead = next((f for f in frameworks if f.stages), None)
    return [Choice(s.id, s.name.get(lang)) for s in lead.stages] if lead else []
