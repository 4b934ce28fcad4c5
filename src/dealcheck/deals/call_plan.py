"""The call plan of seed 001, built from a scored qualification (pure data, no rendering).

Four parts: the goal of this call (close the top gaps), the questions that reach it
(with why buy / why now / why us where those are weak), next actions split into ours
and the customer's, and the six-part recap "mantra" of seed 000 filled from the
evidence on record, with the missing parts marked.
"""

from __future__ import annotations

from dataclasses import dataclass

from dealcheck.deals.history import DealReport
from dealcheck.i18n import t
from dealcheck.scoring.answers import EvidenceSource
from dealcheck.scoring.score import CriterionScore, GapKind

TOP_GAPS = 3
WHY = ("why-buy", "why-now", "why-us")
# Which criteria's evidence fills each part of the mantra, best source first.
MANTRA_SOURCES: dict[str, tuple[str, ...]] = {
    "outcomes": ("identified-pain", "why-buy", "need", "pain"),
    "capabilities": ("decision-criteria", "need", "required-capabilities"),
    "metrics": ("metrics",),
    "delivery": ("decision-process", "paper-process", "timeframe"),
    "differentiation": ("why-us", "competition"),
    "proof": ("proof",),
}
MANTRA_QUESTION = {
    "outcomes": "why.buy.1",
    "capabilities": "why.us.1",
    "metrics": "why.now.1",
    "delivery": "why.now.2",
    "differentiation": "why.us.1",
    "proof": "why.us.2",
}


@dataclass(frozen=True)
class WhyTheme:
    """One of why buy / why now / why us: its state and the questions to ask."""

    theme: str
    state: str  # "ok", "weak" or "unassessed"
    questions: list[str]


@dataclass(frozen=True)
class MantraPart:
    """One part of the recap: the evidence on record, or what to ask when missing."""

    part: str
    evidence: str | None
    ask: str


@dataclass(frozen=True)
class CallPlan:
    """A one-page plan for the next call."""

    deal_name: str
    goal: str
    questions: list[str]
    why: list[WhyTheme]
    ours: list[str]
    theirs: list[str]
    mantra: list[MantraPart]


def call_plan(report: DealReport, lang: str) -> CallPlan:
    """Build the plan for the next call on a deal from its scored qualification."""
    assessment = report.assessment
    scored = {c.criterion.id: c for card in assessment.scorecards for c in card.criteria}
    top = assessment.gaps[:TOP_GAPS]
    names = ", ".join(
        f"{g.criterion.name.get(lang)} ({t(f'gap.{g.kind.value}', lang)})" for g in top
    )
    gap_ids = {g.criterion.id for g in assessment.gaps}
    ours: list[str] = []
    theirs: list[str] = []
    for gap in assessment.gaps[: TOP_GAPS * 2]:
        name = gap.criterion.name.get(lang)
        if gap.kind is GapKind.UNKNOWN:
            ours.append(t("prep.find_out", lang, name))
        elif gap.kind is GapKind.ABSENT:
            ours.append(t("prep.build", lang, name))
        else:
            level = gap.level.label.get(lang) if gap.level else ""
            ours.append(t("prep.confirm", lang, name, level))
            theirs.append(t("prep.customer_confirms", lang, name))
    ours += [t("prep.check_flag", lang, f.flag.name.get(lang)) for f in assessment.red_flags]
    for card in assessment.scorecards:
        theirs += [
            t("prep.customer_confirms", lang, card.framework.criterion(cid).name.get(lang))  # type: ignore[union-attr]
            for cid in card.unverified
        ]
    theirs.append(t("prep.customer_next", lang))
    ahead = [
        scored[q.about].criterion.name.get(lang)
        for q in assessment.next_questions
        if q.about in scored and q.about not in gap_ids
    ]
    if top:
        goal = t("prep.goal_text", lang, names)
    elif ahead:
        goal = t("prep.goal_ahead", lang, ", ".join(dict.fromkeys(ahead)))
    else:
        goal = t("prep.goal_none", lang)
    return CallPlan(
        deal_name=report.deal.name,
        goal=goal,
        questions=[q.text.get(lang) for q in assessment.next_questions],
        why=[_why(theme, scored, gap_ids, lang) for theme in WHY],
        ours=list(dict.fromkeys(ours)),
        theirs=list(dict.fromkeys(theirs)),
        mantra=[_mantra(part, scored, lang) for part in MANTRA_SOURCES],
    )


def _why(theme: str, scored: dict[str, CriterionScore], gaps: set[str], lang: str) -> WhyTheme:
    key = theme.replace("-", ".")
    fallback = [t(f"{key}.1", lang), t(f"{key}.2", lang)]
    found = scored.get(theme)
    if found is None:
        return WhyTheme(theme, "unassessed", fallback)
    if theme not in gaps and found.lost == 0:
        return WhyTheme(theme, "ok", [])
    bank = [q.get(lang) for q in found.criterion.questions]
    return WhyTheme(theme, "weak", bank or fallback)


def _mantra(part: str, scored: dict[str, CriterionScore], lang: str) -> MantraPart:
    ask = t(MANTRA_QUESTION[part], lang)
    if part == "proof":
        proofs = [
            c.answer.evidence
            for c in scored.values()
            if c.answer.evidence
            and c.answer.source is EvidenceSource.DOCUMENT
            and c.level is not None
            and not c.absent
        ]
        return MantraPart(part, "; ".join(proofs) or None, ask)
    for criterion_id in MANTRA_SOURCES[part]:
        found = scored.get(criterion_id)
        if found is None:
            continue
        if found.answer.evidence and found.level is not None and not found.absent:
            return MantraPart(part, found.answer.evidence, ask)
        ask = found.criterion.questions[0].get(lang)
        break
    return MantraPart(part, None, ask)
