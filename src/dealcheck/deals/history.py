"""A deal's qualification history: re-score a chosen qualification, and what changed."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from dealcheck.deals.model import Deal, Qualification
from dealcheck.deals.store import load_deal
from dealcheck.errors import InputError, Message, UsageError, say
from dealcheck.language.framework import UNKNOWN, Framework, StepTemplate
from dealcheck.language.loading import load_framework
from dealcheck.scoring.assessment import Assessment, assess
from dealcheck.scoring.scorecard import closed_outcome


@dataclass(frozen=True)
class Moved:
    """A criterion (or red flag) whose answer changed between two qualifications."""

    framework: str
    item: str
    before: str
    after: str


@dataclass(frozen=True)
class Changes:
    """What changed since the previous qualification."""

    previous_date: str
    score_delta: float
    moved: list[Moved] = field(default_factory=list)


@dataclass(frozen=True)
class DealReport:
    """Everything a report or call plan shows: the deal, one qualification, its verdict."""

    path: Path
    deal: Deal
    number: int
    qualification: Qualification
    assessment: Assessment
    changes: Changes | None
    notes: list[str | Message] = field(default_factory=list)
    #: The reference date: stale evidence, slipped steps and a passed close date.
    today: dt.date = field(default_factory=dt.date.today)
    #: The team's own close plan step templates (`.dealcheck.yaml`).
    team_steps: tuple[StepTemplate, ...] = ()


def framework_ids(refs: list[str]) -> list[str]:
    """Framework references without their `@version`."""
    return [ref.rsplit("@", 1)[0] if "@" in ref else ref for ref in refs]


def load_frameworks(refs: list[str], team_dir: Path) -> list[Framework]:
    """Load frameworks by id (`id@version` accepted) or path."""
    return [load_framework(ref, team_dir=team_dir) for ref in framework_ids(refs)]


def _is_path(ref: str) -> bool:
    return ref.endswith((".yaml", ".yml")) or "/" in ref or "\\" in ref


def recorded_refs(refs: list[str], frameworks: list[Framework], deal: Path) -> list[str]:
    """What a deal file records for the frameworks loaded from `refs`.

    An id is recorded as `id@version`; a framework given by path as that path relative
    to the deal file's folder (`../team.yaml@2`), so `report` finds it from any folder.
    """
    recorded = []
    for ref, framework in zip(framework_ids(refs), frameworks, strict=True):
        if _is_path(ref):
            ref = Path(os.path.relpath(Path(ref).resolve(), deal.parent.resolve())).as_posix()
        else:
            ref = framework.id
        recorded.append(f"{ref}@{framework.version}")
    return recorded


def load_recorded(
    refs: list[str], deal: Path, team_dir: Path, steps: tuple[str | int, ...] | None
) -> tuple[list[str], list[Framework]]:
    """Load the frameworks a deal file records; also the references to load them again.

    A path is resolved from the deal file's folder and followed only inside that folder
    or the current one (as `extends` is). `steps` locates the list in the deal file.

    Raises:
        InputError: A framework that cannot be found, at `FILE:LINE:COL`.
    """
    loadable, frameworks = [], []
    for n, ref in enumerate(framework_ids(refs)):
        try:
            found = _recorded_path(ref, deal, team_dir) if _is_path(ref) else ref
            frameworks.append(load_framework(found, team_dir=team_dir))
        except UsageError as error:
            where = _located(deal, (*steps, n)) if steps is not None else f"{deal}:1:1"
            raise InputError(say("located", where=where, message=error.said)) from None
        loadable.append(found)
    return loadable, frameworks


def _recorded_path(ref: str, deal: Path, team_dir: Path) -> str:
    """A framework path recorded in a deal, as a loadable reference (else why not)."""
    file = (deal.parent / ref).resolve()
    roots = (deal.parent.resolve(), Path.cwd().resolve())
    inside = not Path(ref).is_absolute() and any(root in file.parents for root in roots)
    if inside and file.is_file():
        return str(file)
    stem = Path(ref).stem
    if any((team_dir / f"{stem}{suffix}").is_file() for suffix in (".yaml", ".yml")):
        return stem
    why = say("history.framework_outside" if not inside else "history.framework_missing")
    raise UsageError(say("history.framework_file", ref=ref, why=why, stem=stem))


def assessment_of(
    qualification: Qualification,
    frameworks: list[Framework],
    stage: str | None = None,
    as_of: dt.date | None = None,
) -> Assessment:
    """Re-score a qualification with the given frameworks.

    Evidence is judged stale on `as_of` (default: the qualification's own date).

    Raises:
        UsageError: A stage or level id the frameworks do not know.
    """
    try:
        return assess(
            frameworks,
            qualification.framework_answers(),
            stage or qualification.stage,
            as_of=as_of or qualification.date,
        )
    except ValueError as error:
        raise UsageError(str(error)) from None


def changes(previous: Qualification, current: Qualification) -> Changes:
    """Score delta and the answers that moved between two qualifications."""
    before = previous.result.score if previous.result else 0.0
    after = current.result.score if current.result else 0.0
    moved: list[Moved] = []
    for framework_id, now in current.answers.items():
        then = previous.answers.get(framework_id)
        if then is None:
            continue
        for criterion_id, record in now.criteria.items():
            old = then.criteria.get(criterion_id)
            old_level = old.level if old else UNKNOWN
            if old_level != record.level:
                moved.append(Moved(framework_id, criterion_id, old_level, record.level))
        for flag_id, flag in now.red_flags.items():
            old_flag = then.red_flags.get(flag_id, UNKNOWN)
            if old_flag != flag:
                moved.append(Moved(framework_id, flag_id, old_flag, flag))
    return Changes(previous.date.isoformat(), round(after - before, 1), moved)


def _located(path: Path, steps: tuple[str | int, ...]) -> str:
    """`FILE:LINE:COL` of a place in a deal file (read again: only on the error path)."""
    from dealcheck.deals.store import read_deal_tree
    from dealcheck.language.yamlfile import locate

    where = locate(read_deal_tree(path), steps)
    return str(where) if where is not None else f"{path}:1:1"


def _check_levels(
    path: Path, number: int, qualification: Qualification, frameworks: list[Framework]
) -> None:
    """Every recorded level exists on its criterion's scale (else a located input error)."""
    by_id = {framework.id: framework for framework in frameworks}
    for framework_id, answers in qualification.answers.items():
        framework = by_id.get(framework_id)
        if framework is None:
            continue
        for criterion in framework.criteria:
            answer = answers.criteria.get(criterion.id)
            scale = criterion.scale or framework.scale
            if answer is None or answer.level == UNKNOWN or scale.by_id(answer.level):
                continue
            steps = ("qualifications", number - 1, "answers", framework_id, "criteria")
            where = _located(path, (*steps, criterion.id, "level"))
            known = ", ".join([level.id for level in scale.root] + [UNKNOWN])
            raise InputError(
                say(
                    "history.no_level",
                    where=where,
                    criterion=criterion.id,
                    level=answer.level,
                    framework=framework_id,
                    known=known,
                )
            )


def build_report(
    path: Path,
    *,
    team_dir: Path,
    at: int | None = None,
    today: dt.date | None = None,
    team_steps: Sequence[StepTemplate] = (),
) -> DealReport:
    """Load a deal and re-score its latest (or `at`-th, 1-based) qualification.

    Evidence is judged stale on `today` (default: the real today), as `score --today`
    judges it; the close plan's slipped steps and a passed close date use it too.
    `team_steps` are the team's close plan step templates (`.dealcheck.yaml`).

    Raises:
        UsageError: The deal has no qualification, or `at` is out of range.
    """
    deal = load_deal(path)
    count = len(deal.qualifications)
    if count == 0:
        raise UsageError(say("history.none_yet", path=path))
    number = count if at is None else at
    if not 1 <= number <= count:
        raise UsageError(say("history.at", at=at, path=path, count=count))
    qualification = deal.qualifications[number - 1]
    steps = ("qualifications", number - 1, "frameworks")
    _, frameworks = load_recorded(qualification.frameworks, path, team_dir, steps)
    _check_levels(path, number, qualification, frameworks)
    notes: list[str | Message] = [
        say("report.version_then_now", then=ref, now=f"{fw.id}@{fw.version}")
        for ref, fw in zip(qualification.frameworks, frameworks, strict=True)
        if ref not in (f"{fw.id}@{fw.version}", *recorded_refs([ref], [fw], path))
    ]
    previous = deal.qualifications[number - 2] if number > 1 else None
    day = today or dt.date.today()
    return DealReport(
        path=path,
        deal=deal,
        number=number,
        qualification=qualification,
        # A deal closed since this qualification is judged as closed: won, lost or closed.
        assessment=assessment_of(
            qualification,
            frameworks,
            deal.stage if closed_outcome(deal.stage) else None,
            as_of=day,
        ),
        changes=changes(previous, qualification) if previous else None,
        notes=notes,
        today=day,
        team_steps=tuple(team_steps),
    )
