"""Verdicts of flat answer tuples, through `assess` where the evidence rules or a report need it.

`learn` and the rows of a batch run that name an answer's source or date, or that
print a JSON report, are scored here: with neither, the compiled tables (`tables`)
give the verdict; with either, `assess` itself does (each framework's part kept per
answer, since many deals answer one framework alike). Verdicts are kept per
combination in a bounded cache: memory stays flat whatever the input holds.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from datetime import date
from typing import Any

from dealcheck.language.framework import UNKNOWN, Framework
from dealcheck.scoring.answers import Answers, CriterionAnswer, EvidenceSource, plain_answer
from dealcheck.scoring.assessment import Assessment, Overall, assess, closed, combine
from dealcheck.scoring.score import ScoreParts, score_parts
from dealcheck.scoring.scorecard import Recommendation
from dealcheck.scoring.tables import Verdict, VerdictTables

CACHE_LIMIT = 4096
#: Per-framework parts kept (each holds a scorecard's criteria: keep it small).
PART_CACHE_LIMIT = 512
LevelKey = tuple[str, ...]
FlagKey = tuple[bool | None, ...]
#: Who confirmed an answer (an `EvidenceSource` value, or "") and when (or None).
Proof = tuple[str, date | None]
ProofKey = tuple[Proof, ...]
NO_PROOF: Proof = ("", None)


class VerdictCache:
    """Memoised `assess` over flat level and flag tuples.

    Args:
        frameworks: The frameworks, in order.
        lang: Language of report texts (JSON output).
        with_report: Keep the JSON report (deal left null) in each verdict.
        as_of: The day evidence dates are judged on (stale evidence); None: never stale.
    """

    def __init__(
        self,
        frameworks: Sequence[Framework],
        lang: str,
        *,
        with_report: bool,
        as_of: date | None = None,
    ) -> None:
        from dealcheck.scoring.report_json import assessment_to_dict

        self.frameworks = list(frameworks)
        self.lang = lang
        self.with_report = with_report
        self.as_of = as_of
        self._to_dict = assessment_to_dict
        self.criteria_slots = [(n, c.id) for n, fw in enumerate(frameworks) for c in fw.criteria]
        self.flag_slots = [(n, f.id) for n, fw in enumerate(frameworks) for f in fw.red_flags]
        slots_of: dict[str, list[int]] = {}
        for slot, (_, flag_id) in enumerate(self.flag_slots):
            slots_of.setdefault(flag_id, []).append(slot)
        # Red flags several frameworks share: one answer (the first given) for all.
        self._shared_flags = [slots for slots in slots_of.values() if len(slots) > 1]
        self._cache: dict[tuple[Any, ...], Verdict] = {}
        self._old: dict[tuple[Any, ...], Verdict] = {}
        self._each = range(len(self.frameworks))
        self._criteria_of = _spans([len(fw.criteria) for fw in self.frameworks])
        self._flags_of = _spans([len(fw.red_flags) for fw in self.frameworks])
        self._parts: dict[tuple[Any, ...], ScoreParts] = {}
        self._tables = VerdictTables(self.frameworks)

    def get(
        self,
        stage: str | None,
        levels: LevelKey,
        flags: FlagKey,
        evidence: tuple[str, ...] | None = None,
        outcome: str | None = None,
        proofs: ProofKey | None = None,
    ) -> Verdict:
        """The verdict for a stage id and flat level / flag tuples (slot order).

        `outcome` (won, lost or closed) marks a closed deal: it becomes the
        recommendation, and the stage is not used.
        """
        key = (stage, levels, flags, evidence, outcome, proofs)
        found = self._cache.get(key)
        if found is None:
            # Two generations keep the frequent combinations across a turnover.
            found = self._old.get(key) or self._compute(
                None if outcome else stage, levels, flags, evidence, outcome, proofs
            )
            if len(self._cache) >= CACHE_LIMIT:
                self._old, self._cache = self._cache, {}
            self._cache[key] = found
        return found

    def _compute(
        self,
        stage: str | None,
        levels: LevelKey,
        flags: FlagKey,
        evidence: tuple[str, ...] | None,
        outcome: str | None,
        proofs: ProofKey | None = None,
    ) -> Verdict:
        flags = self._one_answer_per_flag(flags)
        if not self.with_report and (not proofs or all(p == NO_PROOF for p in proofs)):
            return self._tabled(stage, levels, flags, outcome)
        result: Assessment | Overall
        if self.with_report:
            answers = self._answers(levels, flags, evidence, proofs)
            result = assess(self.frameworks, answers, outcome or stage, self.as_of)
        else:
            # Evidence sources and dates: each framework's part is shared by every
            # combination that answers that framework alike.
            result = closed(
                combine(
                    self.frameworks,
                    [self._part(n, stage, levels, flags, proofs) for n in self._each],
                ),
                Recommendation(outcome) if outcome else None,
            )
        return Verdict(
            result.score,
            result.grade,
            result.recommendation.value,
            tuple(dict.fromkeys(g.criterion.id for g in result.gaps)),
            tuple(f.flag.id for f in result.red_flags),
            self._to_dict(result, deal=None, lang=self.lang)
            if isinstance(result, Assessment)
            else None,
        )

    def _tabled(
        self, stage: str | None, levels: LevelKey, flags: FlagKey, outcome: str | None
    ) -> Verdict:
        """A verdict from the compiled tables."""
        verdict = self._tables.scored(stage, levels, flags)
        return verdict._replace(recommendation=outcome) if outcome else verdict

    def _one_answer_per_flag(self, flags: FlagKey) -> FlagKey:
        if not self._shared_flags:
            return flags
        merged = list(flags)
        for slots in self._shared_flags:
            said = next((flags[s] for s in slots if flags[s] is not None), None)
            for slot in slots:
                merged[slot] = said
        return tuple(merged)

    def _part(
        self,
        n: int,
        stage: str | None,
        levels: LevelKey,
        flags: FlagKey,
        proofs: ProofKey | None = None,
    ) -> ScoreParts:
        framework = self.frameworks[n]
        (first, last), (first_flag, last_flag) = self._criteria_of[n], self._flags_of[n]
        key = (
            n,
            stage if framework.stages else None,
            levels[first:last],
            flags[first_flag:last_flag],
            proofs[first:last] if proofs else None,
        )
        part = self._parts.get(key)
        if part is None:
            answers = Answers(
                {
                    criterion_id: _answer(level, "", proof)
                    for (_, criterion_id), level, proof in zip(
                        self.criteria_slots[first:last],
                        key[2],
                        key[4] or [NO_PROOF] * (last - first),
                        strict=True,
                    )
                    if level != UNKNOWN
                },
                {
                    flag_id: said
                    for (_, flag_id), said in zip(
                        self.flag_slots[first_flag:last_flag], key[3], strict=True
                    )
                },
            )
            part = score_parts(framework, answers, key[1], self.as_of)
            if len(self._parts) >= PART_CACHE_LIMIT:
                self._parts.clear()
            self._parts[key] = part
        return part

    def _answers(
        self,
        levels: LevelKey,
        flags: FlagKey,
        evidence: tuple[str, ...] | None,
        proofs: ProofKey | None = None,
    ) -> dict[str, Answers]:
        criteria: list[dict[str, CriterionAnswer]] = [{} for _ in self.frameworks]
        red_flags: list[dict[str, bool | None]] = [{} for _ in self.frameworks]
        for slot, (fw, criterion_id) in enumerate(self.criteria_slots):
            text = evidence[slot] if evidence else ""
            if text or levels[slot] != UNKNOWN:
                proof = proofs[slot] if proofs else NO_PROOF
                criteria[fw][criterion_id] = _answer(levels[slot], text, proof)
        for slot, (fw, flag_id) in enumerate(self.flag_slots):
            red_flags[fw][flag_id] = flags[slot]
        return {fw.id: Answers(criteria[n], red_flags[n]) for n, fw in enumerate(self.frameworks)}


def _answer(level: str, text: str, proof: Proof) -> CriterionAnswer:
    """A row's answer: evidence-less answers are the shared `plain_answer` objects.

    Evidence text whose author is not given has no source (unknown): not the rep's word
    (a `crm` source), not verified.
    """
    source, when = proof
    if not (text or source or when):
        return plain_answer(level)
    return CriterionAnswer(level, text, EvidenceSource(source) if source else None, when)


def _spans(sizes: list[int]) -> list[tuple[int, int]]:
    """Consecutive (start, end) slices of the given sizes."""
    ends = list(itertools.accumulate(sizes))
    return [(end - size, end) for size, end in zip(sizes, ends, strict=True)]
