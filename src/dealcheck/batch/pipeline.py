"""`dealcheck score` as a library call: inputs in, scored file and summary out.

Every row read ends up counted once, as scored or as rejected (with its line and
reason); `PipelineSummary.rows == scored + rejected` always holds.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import NamedTuple

from dealcheck.batch.close_plan.rows import PlanDates
from dealcheck.batch.read.deal_files import deal_mapping, flatten_records, open_deal_folder
from dealcheck.batch.read.opened import Opened
from dealcheck.batch.read.opening import open_input
from dealcheck.batch.read.quota import Quota
from dealcheck.batch.row_loop import Progress, score_rows
from dealcheck.batch.score.hygiene import HygieneRules
from dealcheck.batch.score.row_plan import RowPlan
from dealcheck.batch.summarise.builder import SummaryBuilder
from dealcheck.batch.summarise.forecast import forecast_rules
from dealcheck.batch.summarise.model import PipelineSummary
from dealcheck.batch.write.outputs import RejectsWriter, ScoredWriter
from dealcheck.errors import UsageError, say, worded
from dealcheck.i18n import t
from dealcheck.language.framework import Framework, RedFlagEffect, StepTemplate
from dealcheck.language.yamlfile import YamlMapping
from dealcheck.mapping.binding import bind
from dealcheck.mapping.blind import refuse_blind
from dealcheck.mapping.model import LOST, WON, Mapping
from dealcheck.scoring.verdicts import VerdictCache

_DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab"}


class RowLoop(NamedTuple):
    """The arguments of `score_rows` for one input, in its order, but rejects and progress."""

    opened: Opened
    plan: RowPlan
    hygiene: HygieneRules
    summary: SummaryBuilder
    writer: ScoredWriter | None


@dataclass
class ScoreJob:
    """What to score and how."""

    inputs: list[str]
    frameworks: list[Framework]
    mapping: Mapping | None
    mapping_tree: YamlMapping | None = None
    today: date = field(default_factory=date.today)
    encoding: str | None = None
    delimiter: str | None = None
    lang: str = "en"
    with_reports: bool = False
    basics_only: bool = False
    mapping_name: str | None = None
    quota: Quota = field(default_factory=dict)
    #: The team's close plan step templates, for a mapping's plan columns.
    team_steps: tuple[StepTemplate, ...] = ()


def score_pipeline(
    job: ScoreJob,
    writer: ScoredWriter | None,
    rejects: RejectsWriter | None = None,
    progress: Progress | None = None,
) -> PipelineSummary:
    """Score every row of every input; write scored rows and rejects as they come.

    Raises:
        UsageError: A CSV input without a mapping, or a missing input.
        InputError: An input that cannot be read at all.
        ValidationFailed: A mapping that does not fit an input's header or the frameworks.
    """
    settings = job.mapping or Mapping()
    summary = SummaryBuilder(
        [fw.id for fw in job.frameworks],
        job.today,
        settings.hygiene.closing_soon_days,
        forecast_rules(settings.forecast, job.frameworks),
        frozenset(c.id for fw in job.frameworks for c in fw.criteria if c.critical),
        frozenset(
            f.id
            for fw in job.frameworks
            for f in fw.red_flags
            if f.effect is RedFlagEffect.DISQUALIFY
        ),
    )
    summary.quota = dict(job.quota)
    summary.basics_only = job.basics_only
    cache = VerdictCache(job.frameworks, job.lang, with_report=job.with_reports, as_of=job.today)
    sources_known = True
    plan_dates = PlanDates(job)
    for path in job.inputs:
        opened = _open(path, job)
        try:
            mapping, tree = job.mapping, job.mapping_tree
            crm_columns = True
            if opened.kind == "deals" or opened.deal_records:
                mapping, tree = deal_mapping(job.frameworks), None
                crm_columns = False
            if mapping is None:
                raise UsageError(say("score.needs_map", source=opened.name))
            binding = bind(mapping, tree, opened.header, job.frameworks, opened.name)
            summary.sources.append(_describe(opened))
            summary.warnings += [worded(w, job.lang) for w in binding.warnings]
            if job.basics_only:
                binding.feeds.clear()
                binding.flags.clear()
            elif crm_columns:
                blind = refuse_blind(binding, job.frameworks, opened.name, job.mapping_name)
                summary.warnings += [worded(w, job.lang) for w in blind]
            plan = RowPlan(
                binding,
                mapping,
                job.frameworks,
                cache,
                with_evidence=job.with_reports,
                basics_only=job.basics_only,
            )
            opened, out = plan_dates.add_column(opened, writer, binding, mapping, tree, plan.basics)
            sources_known = sources_known and plan.knows_sources
            hygiene = HygieneRules(
                mapping.hygiene, job.today, has_next_step=binding.roles["next_step"] >= 0
            )
            if out is not None:
                out.header(opened.header)
            loop = RowLoop(opened, plan, hygiene, summary, out)
            if not _score_split(loop, rejects, progress):
                score_rows(*loop, rejects, progress)
        finally:
            opened.close()
    frozen = summary.freeze()
    # An export that says what level each criterion reached, but not who confirmed it,
    # cannot have the evidence rules (rep belief, verified weight) applied: say so.
    scored = not job.basics_only and any(f.criteria for f in job.frameworks)
    unknown = scored and not sources_known
    notes = [t("pipeline.sources_unknown", job.lang)] if unknown else []
    return replace(
        frozen,
        labels=display_names(job.frameworks, job.lang, job.mapping),
        warnings=[*frozen.warnings, *notes],
        criteria=[c.id for fw in job.frameworks for c in fw.criteria],
        close_plan=plan_dates.summary(),
    )


def display_names(
    frameworks: list[Framework], lang: str, mapping: Mapping | None = None
) -> dict[str, str]:
    """Criterion, red flag and stage ids -> their names in `lang`, for the summary.

    Where no framework has stages (red flags alone), a stage id is named by the CRM
    stages the mapping sends to it: the team's own words for it.
    """
    names: dict[str, str] = {}
    for framework in reversed(frameworks):
        names.update({stage.id: stage.name.get(lang) for stage in framework.stages})
        names.update({flag.id: flag.name.get(lang) for flag in framework.red_flags})
        names.update({c.id: c.name.get(lang) for c in framework.criteria})
    if mapping is not None and not any(framework.stages for framework in frameworks):
        crm_names: dict[str, list[str]] = {}
        for crm_name, target in mapping.stages.items():
            if target.strip().casefold() not in (WON, LOST):
                crm_names.setdefault(target.strip().casefold(), []).append(crm_name)
        names.update({stage: " / ".join(said) for stage, said in crm_names.items()})
    return names


def _score_split(loop: RowLoop, rejects: RejectsWriter | None, progress: Progress | None) -> bool:
    """Score a large CSV file on two cores; False when it is for one process."""
    from dealcheck.batch.split import workers as parallel

    if not parallel.can_split(loop.opened, loop.writer, rejects is not None):
        return False
    return parallel.score_split(loop, progress)


def _open(path: str, job: ScoreJob) -> Opened:
    folder = Path(path)
    if path != "-" and folder.is_dir():
        return open_deal_folder(folder, job.frameworks)
    opened = open_input(path, encoding=job.encoding, delimiter=job.delimiter)
    if opened.deal_records:
        return flatten_records(opened, job.frameworks)
    return opened


def _describe(opened: Opened) -> str:
    parts = [opened.kind, opened.encoding]
    if opened.delimiter:
        parts.append(_DELIMITER_NAMES.get(opened.delimiter, repr(opened.delimiter)))
    parts += opened.notes
    return f"{opened.name} ({', '.join(parts)})"
