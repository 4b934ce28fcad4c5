"""The compiled score tables give `assess`'s verdict on any combination of answers.

Batch scoring reads a row's verdict from per-stage tables instead of building
scorecards. On 10,000 seeded random combinations (levels, unknowns, red flags, stages,
closed outcomes) of every built-in framework, alone and all combined, the batch
verdict (through `VerdictCache`, as a batch run gets it) is the one `assess` gives.
"""

from __future__ import annotations

import random

import pytest

from dealcheck.language.catalog import builtin_ids
from dealcheck.language.framework import UNKNOWN, Framework
from dealcheck.language.loading import load_framework
from dealcheck.scoring.answers import Answers, plain_answer
from dealcheck.scoring.assessment import assess
from dealcheck.scoring.verdicts import VerdictCache

COMBINATIONS = 10_000
SETS = [[framework_id] for framework_id in builtin_ids()] + [builtin_ids()]


def _stages(frameworks: list[Framework]) -> list[str | None]:
    """Stage ids every framework with stages knows (and None: the targets)."""
    staged = [{s.id for s in fw.stages} for fw in frameworks if fw.stages]
    common = set.intersection(*staged) if staged else set()
    return [None, *sorted(common)]


@pytest.mark.parametrize("ids", SETS, ids=["+".join(ids) for ids in SETS])
def test_table_verdicts_are_assess_verdicts(ids: list[str]) -> None:
    frameworks = [load_framework(framework_id) for framework_id in ids]
    cache = VerdictCache(frameworks, "en", with_report=False)
    rng = random.Random(f"tables {ids}")
    stages = _stages(frameworks)
    scales = [
        [level.id for level in fw.scale_of(c).root] + [UNKNOWN] * 2
        for fw in frameworks
        for c in fw.criteria
    ]
    seen = set()
    for _ in range(COMBINATIONS):
        stage = rng.choice(stages)
        outcome = rng.choice([None] * 8 + ["won", "lost"])
        levels = tuple(rng.choice(scale) for scale in scales)
        flags = tuple(rng.choice([True, False, None]) for _ in cache.flag_slots)

        verdict = cache.get(None if outcome else stage, levels, flags, outcome=outcome)

        answers = {fw.id: Answers() for fw in frameworks}
        for (n, criterion_id), level in zip(cache.criteria_slots, levels, strict=True):
            if level != UNKNOWN:
                answers[frameworks[n].id].criteria[criterion_id] = plain_answer(level)
        for (n, flag_id), said in zip(cache.flag_slots, flags, strict=True):
            answers[frameworks[n].id].red_flags[flag_id] = said
        expected = assess(frameworks, answers, outcome or stage)
        assert (
            verdict.score,
            verdict.grade,
            verdict.recommendation,
            verdict.gaps,
            verdict.red_flags,
        ) == (
            expected.score,
            expected.grade,
            expected.recommendation.value,
            tuple(dict.fromkeys(g.criterion.id for g in expected.gaps)),
            tuple(f.flag.id for f in expected.red_flags),
        ), (stage, outcome, levels, flags)
        seen.add(verdict.recommendation)
    # The combinations reach closed outcomes and more than one open verdict.
    assert {"won", "lost"} < seen and len(seen) >= 3
