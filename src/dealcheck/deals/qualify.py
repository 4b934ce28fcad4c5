"""The qualify flow: open or create a deal, resume its draft, ask, score, save.

Interactive (a `Prompter`) and non-interactive (`--answers FILE` / `--no-input`) runs
go through the same steps; only where the answers come from differs.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from dealcheck.deals import store
from dealcheck.deals.answers_file import check_answers, read_answers
from dealcheck.deals.history import (
    DealReport,
    assessment_of,
    build_report,
    changes,
    load_frameworks,
    load_recorded,
    recorded_refs,
)
from dealcheck.deals.model import AnswersFile, Deal, DealBasics, Draft, Qualification, Result
from dealcheck.deals.opening import (
    QualifyInterrupted,
    QualifyRequest,
    check_stage,
    deal_basics,
    open_deal,
    resume_command,
    resume_language,
    resume_or_discard,
    stage_of,
)
from dealcheck.deals.people_asks import people_section
from dealcheck.deals.reconcile import from_keyed, reconcile, to_keyed
from dealcheck.deals.story_asks import ask_story
from dealcheck.errors import InputError, UsageError, say
from dealcheck.i18n import t
from dealcheck.interview.prompter import Prompter
from dealcheck.interview.walk import Answer, Key, exit_steps, interview, steps_for
from dealcheck.language.framework import Framework
from dealcheck.scoring.answers import CriterionAnswer

__all__ = ["QualifyInterrupted", "QualifyOutcome", "QualifyRequest", "qualify", "resume_language"]


@dataclass(frozen=True)
class QualifyOutcome:
    """The saved deal's report (new qualification, verdict, changes), and what was dropped.

    `saved` is False when a run without prompts changed nothing: no qualification was
    appended and `report` is the latest one on file.
    """

    report: DealReport
    dropped: list[str]
    resumed: bool
    saved: bool = True


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
    read = read_answers(request.answers_file)
    given = read[0] if read else None
    path, deal, draft = open_deal(request, given, prompter)
    # A new deal's draft was just typed in this run; any other draft was found on disk.
    typed_now = request.deal_file is None and draft is not None
    with store.locked(path):
        if deal is None and path.exists():
            raise UsageError(say("qualify.exists", path=path))
        draft = store.load_draft(path) if draft is None else draft
        if draft is not None and draft.lang and not request.lang_given:
            request = replace(request, lang=draft.lang)
        if (
            draft is not None
            and prompter is not None
            and not typed_now
            and not resume_or_discard(prompter, draft, request)
        ):
            store.remove_draft(path)
            draft = None
        last = deal.qualifications[-1] if deal and deal.qualifications else None
        if draft is not None and not request.frameworks:
            refs, frameworks = load_recorded(draft.frameworks, path, request.team_dir, None)
        elif deal is not None and last is not None and not request.frameworks:
            steps = ("qualifications", len(deal.qualifications) - 1, "frameworks")
            refs, frameworks = load_recorded(last.frameworks, path, request.team_dir, steps)
        else:
            refs = request.frameworks or request.default_frameworks
            frameworks = load_frameworks(refs, request.team_dir)
        check_stage(request, frameworks)
        if read is not None and request.answers_file is not None:
            check_answers(read[0], read[1], request.answers_file, frameworks, request.today)
        basics = deal_basics(request, prompter, path, deal, draft, given, frameworks, refs)
        stage = stage_of(request, given, draft, basics)
        kept, dropped = reconcile(to_keyed(draft.answers) if draft else {}, frameworks)
        if given:
            file_answers, _ = reconcile(to_keyed(given.answers), frameworks)
            kept.update(file_answers)
        defaults, _ = reconcile(to_keyed(last.answers) if last else {}, frameworks)
        new_draft = Draft(
            started=draft.started if draft else request.today,
            deal=DealBasics.model_validate(basics.model_dump(include=set(DealBasics.model_fields))),
            stage=stage,
            frameworks=recorded_refs(refs, frameworks, path),
            answers=from_keyed(kept, frameworks),
            lang=request.lang,
            # What a resumed draft holds beyond the answers stays in it while they are asked.
            story=draft.story if draft else None,
            next_step=draft.next_step if draft else None,
            story_asked=draft.story_asked if draft else 0,
            contacts=draft.contacts if draft else None,
            contact_at=draft.contact_at if draft else None,
            people_done=draft.people_done if draft else False,
            unfinished=draft.unfinished if draft else None,
        )
        if prompter is not None:
            for item in dropped:
                prompter.note(t("qualify.dropped", request.lang, item))
            answers = _ask(request, prompter, path, new_draft, frameworks, kept, defaults)
            # A draft with people or a story was interrupted there: finish it, without the flag.
            if request.ask_people or new_draft.contacts is not None:
                keep = new_draft.model_copy(update={"answers": from_keyed(answers, frameworks)})
                new_draft, given = people_section(request, prompter, path, keep, given, deal)
            if request.ask_story or (draft is not None and draft.story is not None):
                given = _ask_story(
                    request, prompter, path, new_draft, answers, frameworks, given, deal, draft
                )
        else:
            answers = {**defaults, **kept}
        return _finish(
            path,
            deal,
            new_draft,
            frameworks,
            answers,
            request,
            dropped,
            draft is not None,
            interactive=prompter is not None,
            given=given,
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

    def save(answers: dict[Key, Answer], unfinished: Key | None) -> None:
        update = {"answers": from_keyed(answers, frameworks), "unfinished": unfinished}
        store.save_draft(path, draft.model_copy(update=update))

    exits = exit_steps(frameworks, draft.stage, {**defaults, **kept})
    # Earlier stages' checks already met are not asked again, but stay in the answers.
    asked = {step.key for step in exits}
    met = {k: v for k, v in defaults.items() if k[1] == "exit_criteria" and k not in asked}
    try:
        return interview(
            steps_for(frameworks) + exits,
            prompter,
            lang=request.lang,
            today=request.today,
            defaults=defaults,
            given={**met, **kept},
            on_answer=save,
            resume_at=draft.unfinished,
        )
    except (KeyboardInterrupt, EOFError):
        saved = store.load_draft(path)
        count = saved.answered() if saved else 0
        raise QualifyInterrupted(
            t("qualify.interrupted", request.lang, count, resume_command(path, request)),
            request.lang,
        ) from None


def _finish(
    path: Path,
    deal: Deal | None,
    draft: Draft,
    frameworks: list[Framework],
    answers: dict[Key, Answer],
    request: QualifyRequest,
    dropped: list[str],
    resumed: bool,
    *,
    interactive: bool,
    given: AnswersFile | None = None,
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
        raise InputError(
            say("located", where=request.answers_file or path, message=error.said)
        ) from None
    qualification.result = Result(
        score=assessment.score,
        grade=assessment.grade,
        recommendation=assessment.recommendation.value,
    )
    base = deal if deal is not None else Deal(**draft.deal.model_dump())
    previous = base.qualifications[-1] if base.qualifications else None
    updates = given.value_updates() if given else {}
    unchanged = all(getattr(base, name) == value for name, value in updates.items())
    if (
        not interactive
        and previous is not None
        and unchanged
        and _same(previous, qualification, base, draft)
    ):
        latest = build_report(
            path, team_dir=request.team_dir, team_steps=request.team_steps, today=request.today
        )
        return QualifyOutcome(report=latest, dropped=dropped, resumed=resumed, saved=False)
    saved = base.model_copy(
        update={
            "stage": draft.stage or base.stage,
            "close_date": draft.deal.close_date,
            "amount": draft.deal.amount,
            "qualifications": [*base.qualifications, qualification],
            **updates,
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
        team_steps=request.team_steps,
        today=request.today,
    )
    return QualifyOutcome(report=report, dropped=dropped, resumed=resumed)


def _ask_story(
    request: QualifyRequest,
    prompter: Prompter,
    path: Path,
    draft: Draft,
    answers: dict[Key, Answer],
    frameworks: list[Framework],
    given: AnswersFile | None,
    deal: Deal | None,
    resumed: Draft | None,
) -> AnswersFile:
    """`--story`: the value story and next step after the criteria, kept in the draft."""
    keep = draft.model_copy(update={"answers": from_keyed(answers, frameworks)})

    def save(values: dict[str, Any]) -> None:
        store.save_draft(path, keep.model_copy(update=values))

    story = (resumed.story if resumed else None) or (deal.story if deal else None)
    step = (resumed.next_step if resumed else None) or (deal.next_step if deal else None)
    try:
        start = resumed.story_asked if resumed else 0
        values = ask_story(prompter, request.lang, story, step, save, start)
    except (KeyboardInterrupt, EOFError):
        raise QualifyInterrupted(
            t("qualify.interrupted", request.lang, keep.answered(), resume_command(path, request)),
            request.lang,
        ) from None
    return (given or AnswersFile()).model_copy(update=values)


def _same(previous: Qualification, current: Qualification, deal: Deal, draft: Draft) -> bool:
    """Nothing to record: same frameworks, stage, answers and deal basics."""
    return (
        previous.frameworks == current.frameworks
        and previous.stage == current.stage
        and previous.answers == current.answers
        and (deal.close_date, deal.amount) == (draft.deal.close_date, draft.deal.amount)
    )
