"""Opening a qualification: the request, the deal and its draft, the basics, the stage.

Everything `qualify` settles before the first criterion is asked: which deal file (a
new deal is named after its first answer), whether to resume a draft (discarding one
takes a second "yes"), the basics (typed and saved as they are typed, or confirmed
when re-qualifying), and a stage every framework in play knows.
"""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass, field
from pathlib import Path

from dealcheck.deals import store
from dealcheck.deals.basics import BasicsSaver, ask_basics, confirm_basics
from dealcheck.deals.history import load_frameworks, recorded_refs
from dealcheck.deals.model import AnswersFile, Deal, DealBasics, Draft
from dealcheck.errors import DealcheckError, ExitCode, UsageError, say
from dealcheck.i18n import t
from dealcheck.interview.prompter import Choice, Prompter
from dealcheck.language.framework import Framework, StepTemplate


class QualifyInterrupted(DealcheckError):
    """Ctrl-C during the interview: the draft is kept; the message says how to resume."""

    exit_code = ExitCode.INTERRUPTED

    def __init__(self, message: str, lang: str = "en") -> None:
        """Keep the language the message is in, for the error boundary's wording."""
        super().__init__(message)
        self.lang = lang


def resume_language(deal_file: Path | None) -> str | None:
    """The language a draft beside `deal_file` was started in, if there is one."""
    draft = store.load_draft(deal_file) if deal_file is not None else None
    return draft.lang if draft is not None else None


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
    lang_given: bool = False
    ask_story: bool = False
    ask_people: bool = False
    #: The team's own close plan step templates (`.dealcheck.yaml`).
    team_steps: tuple[StepTemplate, ...] = ()


def resume_or_discard(prompter: Prompter, draft: Draft, request: QualifyRequest) -> bool:
    """Whether to go on with a draft found on disk; discarding it takes a second "yes".

    A draft holding only the deal basics (Ctrl-C before the first answer) is asked
    about like any other: resuming it silently would hide that it exists.
    """
    count = draft.answered()
    lang = request.lang
    started = draft.started.isoformat()
    if count:
        resume, discard = (
            t("qualify.resume", lang, started, count),
            t("qualify.discard", lang, count),
        )
    else:
        resume, discard = (
            t("qualify.resume_basics", lang, started),
            t("qualify.discard_basics", lang),
        )
    if prompter.confirm(resume, default=True):
        return True
    return not prompter.confirm(discard, default=False)


def deal_basics(
    request: QualifyRequest,
    prompter: Prompter | None,
    path: Path,
    deal: Deal | None,
    draft: Draft | None,
    given: AnswersFile | None,
    frameworks: list[Framework],
    refs: list[str],
) -> DealBasics:
    """The basics this qualification records: typed, resumed, confirmed or from the file.

    `refs` are the references `frameworks` were loaded from (ids or paths), for the draft.
    """
    stages = stage_choices(frameworks, request.lang)
    if deal is not None:
        if draft is not None:
            return draft.deal
        if prompter is None:
            return deal
        return confirm_basics(
            prompter,
            deal,
            lang=request.lang,
            stages=stages,
            today=request.today,
            stage_given=request.stage is not None,
        )
    if draft is not None and draft.basics_complete:
        return draft.deal
    if given and given.deal and draft is None:
        return given.deal
    if prompter is None:
        raise UsageError(say("qualify.needs_basics"))
    return ask_new_basics(
        request, prompter, frameworks, refs, path=path, typed=draft.deal if draft else None
    )


def ask_new_basics(
    request: QualifyRequest,
    prompter: Prompter,
    frameworks: list[Framework],
    refs: list[str],
    *,
    path: Path | None = None,
    typed: DealBasics | None = None,
) -> DealBasics:
    """Ask a new deal's basics, saving each to the draft as it is typed.

    Without `path` (a brand-new deal), the deal's file is named after the first answer.
    The draft records `refs` (what `frameworks` were loaded from) as a deal file does: a
    framework given by path as that path relative to the deal's folder, so a resume or
    `report` finds it from any folder.
    """
    where: list[Path] = [path] if path is not None else []

    def save(basics: DealBasics) -> None:
        if not where:
            target = store.deal_path(request.deals_dir, basics.name)
            if target.exists():
                raise UsageError(say("qualify.exists", path=target))
            where.append(target)
        store.save_draft(
            where[0],
            Draft(
                started=request.today,
                deal=basics,
                stage=basics.stage,
                frameworks=recorded_refs(refs, frameworks, where[0]),
                lang=request.lang,
                basics_complete=False,
            ),
        )

    saver: BasicsSaver = save
    try:
        return ask_basics(
            prompter,
            lang=request.lang,
            stages=stage_choices(frameworks, request.lang),
            default_stage=request.stage,
            typed=typed,
            on_change=saver,
        )
    except (KeyboardInterrupt, EOFError):
        if not where:
            raise
        raise QualifyInterrupted(
            t("qualify.interrupted_basics", request.lang, resume_command(where[0], request)),
            request.lang,
        ) from None


def resume_command(path: Path, request: QualifyRequest) -> str:
    """What to type to resume: the deal file (the draft remembers frameworks and language)."""
    return f"dealcheck qualify {path}"


def check_stage(request: QualifyRequest, frameworks: list[Framework]) -> None:
    """Refuse a `--stage` no framework knows, with the closest stage id."""
    if request.stage is None:
        return
    stage = request.stage_names.get(request.stage, request.stage)
    known = list(dict.fromkeys(s.id for f in frameworks for s in f.stages))
    if not known or stage in known:
        return
    close = difflib.get_close_matches(stage, known, n=1)
    lang = request.lang
    hint = t("qualify.stage_hint", lang, close[0]) if close else ""
    if lang != "en":  # the id to type, with the name a Korean rep knows the stage by
        names = {s.id: s.name.get(lang) for f in frameworks for s in f.stages}
        known = [f"{k!r}({names[k]})" for k in known]
    raise UsageError(t("qualify.no_stage", lang, request.stage, hint, ", ".join(known)))


def open_deal(
    request: QualifyRequest, given: AnswersFile | None, prompter: Prompter | None
) -> tuple[Path, Deal | None, Draft | None]:
    """The deal's path and file (None for a new deal), and a draft read early."""
    if request.deal_file is not None:
        path = request.deal_file
        if path.exists():
            return path, store.load_deal(path), None
        draft = store.load_draft(path)
        if draft is None:
            raise UsageError(say("qualify.no_deal_no_draft", path=path))
        return path, None, draft
    if given and given.deal:
        return store.deal_path(request.deals_dir, given.deal.name), None, None
    if prompter is None:
        raise UsageError(say("qualify.needs_basics"))
    refs = request.frameworks or request.default_frameworks
    frameworks = load_frameworks(refs, request.team_dir)
    check_stage(request, frameworks)
    basics = ask_new_basics(request, prompter, frameworks, refs)
    path = store.deal_path(request.deals_dir, basics.name)
    draft = Draft(
        started=request.today,
        deal=basics,
        stage=basics.stage,
        frameworks=recorded_refs(refs, frameworks, path),
        lang=request.lang,
    )
    return path, None, draft


def stage_of(
    request: QualifyRequest, given: AnswersFile | None, draft: Draft | None, basics: DealBasics
) -> str | None:
    """The stage to qualify against: --stage, the answers file, the draft, then the deal."""
    stage = request.stage or (given.stage if given else None) or (draft.stage if draft else None)
    stage = stage or basics.stage
    return request.stage_names.get(stage, stage) if stage else None


def stage_choices(frameworks: list[Framework], lang: str) -> list[Choice]:
    """The stages of the first framework that has any, as menu choices."""
    lead = next((f for f in frameworks if f.stages), None)
    return [Choice(s.id, s.name.get(lang)) for s in lead.stages] if lead else []
