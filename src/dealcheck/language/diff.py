"""A semantic diff of two versions of a framework: what changes for the deals, not the YAML.

Both sides are compared after `extends` is resolved, so a change in a parent shows in
every child. Weights are compared as each criterion's share of the 100 points, because
raising one weight lowers every other criterion's share.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from dealcheck.language.framework import (
    Criterion,
    Framework,
    GradeBand,
    Level,
    RedFlag,
    Stage,
    Text,
)
from dealcheck.language.rules import texts_in

SHARE_PRECISION = 1  # decimals of a share of the 100 points worth reporting

TextKey = tuple[str | int, ...]


@dataclass(frozen=True)
class ShareChange:
    """A criterion's share of the 100 points (and criticality) before and after."""

    criterion: Criterion
    before: float | None  # None: the criterion is new
    after: float | None  # None: the criterion was removed
    critical_before: bool
    critical_after: bool


@dataclass(frozen=True)
class ExpectationChange:
    """The minimum level a criterion must reach by a stage (or the target without a stage)."""

    criterion: Criterion
    stage: Stage | None  # None: the framework's target, used when a deal has no stage
    before: Level | None
    after: Level | None


@dataclass(frozen=True)
class ScaleChange:
    """A level added to, removed from, or moved on a scale."""

    criterion: Criterion | None  # None: the framework's default scale
    before: Level | None
    after: Level | None


@dataclass(frozen=True)
class StageChange:
    """A stage added or removed."""

    before: Stage | None
    after: Stage | None


@dataclass(frozen=True)
class AliasChange:
    """CRM stage names a stage gained or lost: deals with those names change stage."""

    stage: Stage
    added: list[str]
    removed: list[str]


@dataclass(frozen=True)
class FlagChange:
    """A red flag added, removed, or with a different effect."""

    before: RedFlag | None
    after: RedFlag | None


@dataclass(frozen=True)
class BandChange:
    """A grade band's lowest score before and after (None: the band is new or gone)."""

    grade: str
    before: float | None
    after: float | None


@dataclass(frozen=True)
class RuleChange:
    """A recommendation threshold or switch before and after."""

    setting: str
    before: float | int | bool | list[object]
    after: float | int | bool | list[object]


@dataclass(frozen=True)
class TextChange:
    """A user-visible text that reads differently in one language.

    `where` is the path of ids into the framework, e.g. ("criteria", "champion",
    "questions", 1); renderers name it in the reader's language.
    """

    lang: str
    where: TextKey
    before: str
    after: str


@dataclass(frozen=True)
class FrameworkDiff:
    """Everything that differs between two resolved versions of a framework."""

    old: Framework
    new: Framework
    shares: list[ShareChange] = field(default_factory=list)
    scale: list[ScaleChange] = field(default_factory=list)
    expectations: list[ExpectationChange] = field(default_factory=list)
    stages: list[StageChange] = field(default_factory=list)
    aliases: list[AliasChange] = field(default_factory=list)
    flags: list[FlagChange] = field(default_factory=list)
    grades: list[BandChange] = field(default_factory=list)
    rule: list[RuleChange] = field(default_factory=list)
    texts: list[TextChange] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        """Whether nothing a deal or a reader would notice changed."""
        return not any(
            (
                self.shares,
                self.scale,
                self.expectations,
                self.stages,
                self.aliases,
                self.flags,
                self.grades,
                self.rule,
                self.texts,
            )
        )


def diff_frameworks(old: Framework, new: Framework) -> FrameworkDiff:
    """Compare two resolved frameworks; see `FrameworkDiff` for what is compared."""
    return FrameworkDiff(
        old=old,
        new=new,
        shares=_shares(old, new),
        scale=_scales(old, new),
        expectations=_expectations(old, new),
        stages=[
            StageChange(was, now)
            for was, now in _pairs(old.stages, new.stages)
            if was is None or now is None
        ],
        aliases=[
            AliasChange(
                now,
                [a for a in now.aliases if a not in was.aliases],
                [a for a in was.aliases if a not in now.aliases],
            )
            for was, now in _pairs(old.stages, new.stages)
            if was is not None and now is not None and set(was.aliases) != set(now.aliases)
        ],
        flags=[
            FlagChange(was, now)
            for was, now in _pairs(old.red_flags, new.red_flags)
            if was is None or now is None or (was.effect, was.points) != (now.effect, now.points)
        ],
        grades=_grades(old.grades, new.grades),
        rule=[
            RuleChange(name, getattr(old.recommendation, name), getattr(new.recommendation, name))
            for name in type(new.recommendation).model_fields
            if getattr(old.recommendation, name) != getattr(new.recommendation, name)
        ],
        texts=_texts_changed(old, new),
    )


def share(framework: Framework, criterion: Criterion) -> float:
    """A criterion's share of the 100 points."""
    total = sum(c.weight for c in framework.criteria)
    return 100.0 * criterion.weight / total if total else 0.0


def _shares(old: Framework, new: Framework) -> list[ShareChange]:
    before = {c.id: c for c in old.criteria}
    after = {c.id: c for c in new.criteria}
    changes: list[ShareChange] = []
    for criterion_id in [*after, *(i for i in before if i not in after)]:
        was, now = before.get(criterion_id), after.get(criterion_id)
        was_share = round(share(old, was), SHARE_PRECISION) if was else None
        now_share = round(share(new, now), SHARE_PRECISION) if now else None
        was_critical = bool(was and was.critical)
        now_critical = bool(now and now.critical)
        if was_share != now_share or was_critical != now_critical:
            shown = now or was
            assert shown is not None
            changes.append(ShareChange(shown, was_share, now_share, was_critical, now_critical))
    return changes


def _scales(old: Framework, new: Framework) -> list[ScaleChange]:
    changes = list(_scale_changes(None, old.scale.root, new.scale.root))
    for criterion in new.criteria:
        was = old.criterion(criterion.id)
        if was is not None and (was.scale or criterion.scale):
            changes += _scale_changes(
                criterion, old.scale_of(was).root, new.scale_of(criterion).root
            )
    return changes


def _scale_changes(
    criterion: Criterion | None, before: list[Level], after: list[Level]
) -> Iterator[ScaleChange]:
    old = {level.id: level for level in before}
    new = {level.id: level for level in after}
    for level_id in [*new, *(i for i in old if i not in new)]:
        was, now = old.get(level_id), new.get(level_id)
        if was is None or now is None or (was.value, was.absent) != (now.value, now.absent):
            yield ScaleChange(criterion, was, now)


def _expectations(old: Framework, new: Framework) -> list[ExpectationChange]:
    changes: list[ExpectationChange] = []
    old_stages = {s.id: s for s in old.stages}
    for criterion in new.criteria:
        was = old.criterion(criterion.id)
        if was is None:
            continue
        before, after = old.target_level(was), new.target_level(criterion)
        if before.id != after.id:
            changes.append(ExpectationChange(criterion, None, before, after))
    for stage in new.stages:
        old_stage = old_stages.get(stage.id)
        if old_stage is None:
            continue
        ids = [*stage.expects, *(i for i in old_stage.expects if i not in stage.expects)]
        for criterion_id in ids:
            level_before, level_after = (
                old_stage.expects.get(criterion_id),
                stage.expects.get(criterion_id),
            )
            if level_before == level_after:
                continue
            was = old.criterion(criterion_id)
            now = new.criterion(criterion_id)
            if now is None:
                continue  # a removed criterion is reported once, with its share
            changes.append(
                ExpectationChange(
                    now,
                    stage,
                    old.scale_of(was).by_id(level_before) if was and level_before else None,
                    new.scale_of(now).by_id(level_after) if now and level_after else None,
                )
            )
    return changes


def _pairs(before: list[Any], after: list[Any]) -> Iterator[tuple[Any, Any]]:
    """(old, new) per id, new order first; None on the side an id is missing from."""
    old = {item.id: item for item in before}
    new = {item.id: item for item in after}
    for item_id in [*new, *(i for i in old if i not in new)]:
        yield old.get(item_id), new.get(item_id)


def _grades(before: list[GradeBand], after: list[GradeBand]) -> list[BandChange]:
    old = {band.grade: band.min for band in before}
    new = {band.grade: band.min for band in after}
    return [
        BandChange(grade, old.get(grade), new.get(grade))
        for grade in [*new, *(g for g in old if g not in new)]
        if old.get(grade) != new.get(grade)
    ]


def _texts_changed(old: Framework, new: Framework) -> list[TextChange]:
    before = dict(texts_in(old, by_id=True))
    after = dict(texts_in(new, by_id=True))
    languages = list(dict.fromkeys([*new.languages, *old.languages]))
    changes: list[TextChange] = []
    for where, text in after.items():
        was = before.get(where)
        if was is None:
            continue
        for lang in languages:
            old_text, new_text = _in(was, lang), _in(text, lang)
            if old_text != new_text:
                changes.append(TextChange(lang, where, old_text, new_text))
    return changes


def _in(text: Text, lang: str) -> str:
    if isinstance(text.root, str):
        return text.root
    return text.root.get(lang, "")
