"""Batch verdicts (cached per framework part) agree with the full assessment."""

from __future__ import annotations

import random
from datetime import date

import pytest

from dealcheck.language.framework import UNKNOWN
from dealcheck.language.loading import load_framework
from dealcheck.scoring.answers import Answers, CriterionAnswer, EvidenceSource
from dealcheck.scoring.assessment import assess
from dealcheck.scoring.verdicts import NO_PROOF, Proof, VerdictCache


@pytest.mark.parametrize(
    ("names", "with_report"),
    [
        (["meddpicc", "red-flags"], False),
        # Shares red flags (only-believer) with red-flags: one answer, counted once.
        (["why-buy-now-us", "red-flags", "bant"], False),
        (["meddpicc", "red-flags"], True),
    ],
)
def test_cached_verdicts_match_assess_on_builtin_frameworks(
    names: list[str], with_report: bool
) -> None:
    frameworks = [load_framework(name) for name in names]
    today = date(2026, 11, 23)
    cache = VerdictCache(frameworks, "en", with_report=with_report, as_of=today)
    # Who confirmed each answer and when: none, the rep's belief, the customer recently or
    # long ago (stale at every stage), a document.
    proofs: list[Proof] = [
        NO_PROOF,
        NO_PROOF,
        ("belief", None),
        ("customer", date(2026, 11, 20)),
        ("customer", date(2025, 1, 1)),
        ("document", None),
    ]
    levels = [UNKNOWN, *(level.id for level in frameworks[0].scale.root)]
    stages = [None, *(stage.id for stage in frameworks[0].stages)]
    outcomes = [None, None, None, None, "won", "lost", "closed"]
    rng = random.Random(4)
    for _ in range(300 if with_report else 3000):
        stage = rng.choice(stages)
        outcome = rng.choice(outcomes)
        chosen = tuple(rng.choice(levels) for _ in cache.criteria_slots)
        flags = tuple(rng.choice([None, False, True, None, None]) for _ in cache.flag_slots)
        proved = (
            tuple(rng.choice(proofs) for _ in cache.criteria_slots) if rng.random() < 0.7 else None
        )
        verdict = cache.get(stage, chosen, flags, None, outcome, proved)

        criteria: list[dict[str, CriterionAnswer]] = [{} for _ in frameworks]
        red_flags: list[dict[str, bool | None]] = [{} for _ in frameworks]
        for slot, ((n, criterion), level) in enumerate(
            zip(cache.criteria_slots, chosen, strict=True)
        ):
            source, when = proved[slot] if proved else NO_PROOF
            criteria[n][criterion] = CriterionAnswer(
                level, "", EvidenceSource(source) if source else None, when
            )
        for (n, flag), said in zip(cache.flag_slots, flags, strict=True):
            red_flags[n][flag] = said
        full = assess(
            frameworks,
            {fw.id: Answers(criteria[n], red_flags[n]) for n, fw in enumerate(frameworks)},
            outcome or stage,
            today,
        )
        assert (verdict.score, verdict.grade, verdict.recommendation) == (
            full.score,
            full.grade,
            full.recommendation.value,
        )
        assert verdict.gaps == tuple(dict.fromkeys(g.criterion.id for g in full.gaps))
        assert verdict.red_flags == tuple(f.flag.id for f in full.red_flags)
        if outcome:
            assert verdict.recommendation == outcome
