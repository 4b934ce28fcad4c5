"""Run framework tests: score each example deal and compare it with what the team expects."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from dealcheck.errors import DealcheckError, Location, Problem, ValidationFailed, say
from dealcheck.language import catalog
from dealcheck.language.framework import UNKNOWN, Framework
from dealcheck.language.loading import load_framework
from dealcheck.language.validation import validate_located
from dealcheck.language.yamlfile import YamlMapping, locate, read_yaml
from dealcheck.policy.examples import CONTRACT_RECOMMENDATIONS, Example, ExampleFile
from dealcheck.scoring.answers import Answers
from dealcheck.scoring.assessment import Assessment, assess
from dealcheck.scoring.scorecard import closed_outcome


@dataclass(frozen=True)
class Mismatch:
    """One expectation the example deal did not meet."""

    what: str  # recommendation, grade, score, gaps, flags or stage_supported
    expected: str
    got: str


@dataclass(frozen=True)
class ExampleResult:
    """An example deal's verdict and the expectations it missed."""

    name: str
    location: Location
    recommendation: str
    grade: str
    score: float
    mismatches: list[Mismatch]

    @property
    def passed(self) -> bool:
        """Whether every stated expectation held."""
        return not self.mismatches


@dataclass(frozen=True)
class FileResult:
    """One test file: its examples' results, or the problems that stopped it running."""

    path: str
    frameworks: list[str] = field(default_factory=list)
    examples: list[ExampleResult] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def failed(self) -> int:
        """Examples that missed an expectation."""
        return sum(not e.passed for e in self.examples)


def run_file(path: Path, *, team_dir: Path) -> FileResult:
    """Run one test file; problems in the file (or its framework) come back located."""
    try:
        tree = read_yaml(path)
        tests = validate_located(ExampleFile, tree)
        frameworks = _frameworks(tests, tree, path, team_dir)
        problems = list(_reference_problems(tests, tree, frameworks))
        if problems:
            raise ValidationFailed(problems)
    except ValidationFailed as error:
        return FileResult(str(path), problems=error.problems)
    results = [
        _run(example, locate(tree, ("examples", index)) or tree.location, frameworks)
        for index, example in enumerate(tests.examples)
    ]
    return FileResult(str(path), [f"{f.id}@{f.version}" for f in frameworks], results)


def _frameworks(
    tests: ExampleFile, tree: YamlMapping, path: Path, team_dir: Path
) -> list[Framework]:
    references = tests.references()
    loaded: list[Framework] = []
    for index, reference in enumerate(references):
        where = locate(
            tree, ("framework",) if isinstance(tests.framework, str) else ("framework", index)
        )
        try:
            looks_like_path = reference.endswith((".yaml", ".yml")) or "/" in reference
            if looks_like_path:
                reference = str(
                    catalog.find(reference, team_dir=team_dir, relative_to=path.parent).path
                )
            loaded.append(load_framework(reference, team_dir=team_dir))
        except ValidationFailed:
            raise
        except DealcheckError as error:
            raise ValidationFailed([Problem(where or tree.location, error.said)]) from None
    return loaded


def _reference_problems(
    tests: ExampleFile, tree: YamlMapping, frameworks: list[Framework]
) -> Iterator[Problem]:
    criteria = {c.id: fw.scale_of(c) for fw in frameworks for c in fw.criteria}
    flags = {f.id for fw in frameworks for f in fw.red_flags}
    staged = [fw for fw in frameworks if fw.stages]
    exits = {c.id for fw in frameworks for stage in fw.stages for c in stage.exit_criteria}
    judged = _judged(frameworks)
    grades = [band.grade for band in frameworks[0].grades]

    def at(path: tuple[str | int, ...], on_key: bool = False) -> Location:
        return locate(tree, path, on_key=on_key) or tree.location

    for index, example in enumerate(tests.examples):
        base: tuple[str | int, ...] = ("examples", index)
        for criterion_id, answer in example.answers.items():
            scale = criteria.get(criterion_id)
            if scale is None:
                yield Problem(
                    at((*base, "answers", criterion_id), True),
                    say("ftest.no_criterion", id=criterion_id, known=_listed(criteria)),
                )
            elif answer.level != UNKNOWN and scale.by_id(answer.level) is None:
                levels = ", ".join([*(lv.id for lv in scale.root), UNKNOWN])
                yield Problem(
                    at((*base, "answers", criterion_id)),
                    say("ftest.no_level", id=answer.level, known=levels),
                )
        for flag_id in example.red_flags:
            if flag_id not in flags:
                yield Problem(
                    at((*base, "red_flags", flag_id), True),
                    say("ftest.no_flag", id=flag_id, known=_listed(flags)),
                )
        for check_id in example.exit_criteria:
            if check_id not in exits:
                yield Problem(
                    at((*base, "exit_criteria", check_id), True),
                    f"no stage exit check {check_id!r} (checks: {_listed(exits)})",
                )
        wanted = example.expect.stage_supported
        if wanted is not None:
            spot = at((*base, "expect", "stage_supported"))
            if judged is None or example.stage is None:
                yield Problem(
                    spot,
                    "stage_supported needs the example's `stage` and a framework whose "
                    "stages have exit criteria (e.g. the-model)",
                )
            elif judged.stage(wanted) is None:
                known = ", ".join(st.id for st in judged.stages)
                yield Problem(spot, f"no stage {wanted!r} (stages: {known})")
        if (
            example.stage is not None
            and staged
            and staged[0].stage(example.stage) is None
            and closed_outcome(example.stage) is None
        ):
            known = ", ".join(s.id for s in staged[0].stages)
            yield Problem(
                at((*base, "stage")),
                say("ftest.no_stage", id=example.stage, known=known),
            )
        expect = example.expect
        if (
            expect.recommendation is not None
            and expect.recommendation not in CONTRACT_RECOMMENDATIONS
        ):
            yield Problem(
                at((*base, "expect", "recommendation")),
                say(
                    "ftest.no_recommendation",
                    id=expect.recommendation,
                    known=", ".join(CONTRACT_RECOMMENDATIONS),
                ),
            )
        if expect.grade is not None and expect.grade not in grades:
            yield Problem(
                at((*base, "expect", "grade")),
                say("ftest.no_grade", id=expect.grade, known=", ".join(grades)),
            )
        for key, known_ids in (("gaps", criteria), ("flags", flags)):
            for item_index, item in enumerate(getattr(expect, key) or []):
                if item not in known_ids:
                    yield Problem(
                        at((*base, "expect", key, item_index)),
                        say(f"ftest.no_{key}", id=item, known=_listed(known_ids)),
                    )


def _run(example: Example, where: Location, frameworks: list[Framework]) -> ExampleResult:
    answers = {
        fw.id: Answers(
            {
                c.id: example.answers[c.id].to_answer()
                for c in fw.criteria
                if c.id in example.answers
            },
            {
                f.id: None
                if example.red_flags[f.id] == UNKNOWN
                else example.red_flags[f.id] == "yes"
                for f in fw.red_flags
                if f.id in example.red_flags
            },
            {
                c.id: example.exit_criteria[c.id].to_answer()
                for stage in fw.stages
                for c in stage.exit_criteria
                if c.id in example.exit_criteria
            },
        )
        for fw in frameworks
    }
    verdict = assess(frameworks, answers, example.stage)
    gaps = [g.criterion.id for g in verdict.gaps]
    flags = [f.flag.id for f in verdict.red_flags]
    expect = example.expect
    missed: list[Mismatch] = []
    if expect.recommendation is not None and expect.recommendation != verdict.recommendation:
        missed.append(
            Mismatch("recommendation", expect.recommendation, str(verdict.recommendation))
        )
    if expect.grade is not None and expect.grade != verdict.grade:
        missed.append(Mismatch("grade", expect.grade, verdict.grade))
    if expect.score_at_least is not None and verdict.score < expect.score_at_least:
        missed.append(Mismatch("score", f">= {expect.score_at_least:g}", f"{verdict.score:g}"))
    if expect.score_below is not None and verdict.score >= expect.score_below:
        missed.append(Mismatch("score", f"< {expect.score_below:g}", f"{verdict.score:g}"))
    for what, wanted, got in (("gaps", expect.gaps, gaps), ("flags", expect.flags, flags)):
        if wanted is not None and set(wanted) != set(got):
            missed.append(Mismatch(what, _ids(wanted), _ids(got)))
    judged = _judged(frameworks)
    if expect.stage_supported is not None and judged is not None:
        wanted_stage = judged.stage(expect.stage_supported)
        got_stage = _supported(verdict, judged, example.stage)
        if wanted_stage is not None and wanted_stage.id != got_stage:
            missed.append(Mismatch("stage_supported", wanted_stage.id, got_stage or "-"))
    return ExampleResult(
        example.name, where, str(verdict.recommendation), verdict.grade, verdict.score, missed
    )


def _judged(frameworks: list[Framework]) -> Framework | None:
    """The framework whose exit criteria judge the stage (the first with any)."""
    return next((fw for fw in frameworks if any(st.exit_criteria for st in fw.stages)), None)


def _supported(verdict: Assessment, judged: Framework, stage: str | None) -> str | None:
    """The stage id the exit criteria support: the earlier one they stop at, else the deal's."""
    if verdict.stage_check is not None:
        return verdict.stage_check.supported.id
    current = judged.stage(stage) if stage else None
    return current.id if current else None


def _ids(ids: list[str]) -> str:
    return ", ".join(sorted(ids)) if ids else "-"


def _listed(ids: Iterable[str]) -> str:
    return ", ".join(sorted(ids)) or "none"
