"""Scoring rows fast: one `assess` per distinct (stage, levels, red flags) combination.

Real pipelines repeat a few hundred combinations of answers across thousands of
deals, so the verdict for each combination is computed once and reused. The cache is
bounded (cleared when full) so memory stays flat whatever the input holds.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from dealcheck.answers import Answers, CriterionAnswer, EvidenceSource
from dealcheck.assessment import Assessment, assess, assess_overall
from dealcheck.framework import UNKNOWN, Framework

CACHE_LIMIT = 4096
LevelKey = tuple[str, ...]
FlagKey = tuple[bool | None, ...]


@dataclass(frozen=True, slots=True)
class Verdict:
    """The compact result of scoring one combination of answers."""

    score: float
    grade: str
    recommendation: str
    gaps: tuple[str, ...]
    red_flags: tuple[str, ...]
    score_cell: str
    gaps_cell: str
    flags_cell: str
    report: dict[str, Any] | None


class VerdictCache:
    """Memoised `assess` over flat level and flag tuples.

    Args:
        frameworks: The frameworks, in order.
        lang: Language of report texts (JSON output).
        with_report: Keep the JSON report (deal left null) in each verdict.
    """

    def __init__(self, frameworks: Sequence[Framework], lang: str, *, with_report: bool) -> None:
        from dealcheck.report_json import assessment_to_dict

        self.frameworks = list(frameworks)
        self.lang = lang
        self.with_report = with_report
        self._to_dict = assessment_to_dict
        self.criteria_slots = [(n, c.id) for n, fw in enumerate(frameworks) for c in fw.criteria]
        self.flag_slots = [(n, f.id) for n, fw in enumerate(frameworks) for f in fw.red_flags]
        self._cache: dict[tuple[Any, ...], Verdict] = {}
        self._old: dict[tuple[Any, ...], Verdict] = {}
        # Answers without evidence are the same few objects (one per level), shared.
        self._plain_answers: dict[str, CriterionAnswer] = {}
        self.computed = 0

    def get(
        self,
        stage: str | None,
        levels: LevelKey,
        flags: FlagKey,
        evidence: tuple[str, ...] | None = None,
    ) -> Verdict:
        """The verdict for a stage id and flat level / flag tuples (slot order)."""
        key = (stage, levels, flags, evidence)
        found = self._cache.get(key)
        if found is None:
            # Two generations keep the frequent combinations across a turnover.
            found = self._old.get(key) or self._compute(stage, levels, flags, evidence)
            if len(self._cache) >= CACHE_LIMIT:
                self._old, self._cache = self._cache, {}
            self._cache[key] = found
        return found

    def _compute(
        self, stage: str | None, levels: LevelKey, flags: FlagKey, evidence: tuple[str, ...] | None
    ) -> Verdict:
        self.computed += 1
        criteria: list[dict[str, CriterionAnswer]] = [{} for _ in self.frameworks]
        red_flags: list[dict[str, bool | None]] = [{} for _ in self.frameworks]
        plain = self._plain_answers
        for slot, (fw, criterion_id) in enumerate(self.criteria_slots):
            text = evidence[slot] if evidence else ""
            if text:
                criteria[fw][criterion_id] = CriterionAnswer(levels[slot], text, EvidenceSource.CRM)
            elif levels[slot] != UNKNOWN:
                answer = plain.get(levels[slot])
                if answer is None:
                    answer = plain[levels[slot]] = CriterionAnswer(levels[slot])
                criteria[fw][criterion_id] = answer
        for slot, (fw, flag_id) in enumerate(self.flag_slots):
            red_flags[fw][flag_id] = flags[slot]
        answers = {
            fw.id: Answers(criteria[n], red_flags[n]) for n, fw in enumerate(self.frameworks)
        }
        # Without a report, only the overall verdict is read: skip the scorecards.
        result = (assess if self.with_report else assess_overall)(self.frameworks, answers, stage)
        gaps = tuple(dict.fromkeys(g.criterion.id for g in result.gaps))
        triggered = tuple(f.flag.id for f in result.red_flags)
        return Verdict(
            score=result.score,
            grade=result.grade,
            recommendation=result.recommendation.value,
            gaps=gaps,
            red_flags=triggered,
            score_cell=f"{result.score:g}",
            gaps_cell="; ".join(gaps),
            flags_cell="; ".join(triggered),
            report=self._to_dict(result, deal=None, lang=self.lang)
            if isinstance(result, Assessment)
            else None,
        )
