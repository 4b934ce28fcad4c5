"""The JSON report: a documented, versioned shape shared by `report` and `score`.

Schema version 1 (additions keep the version; renames or removals bump it)::

    {
      "schema_version": 1,
      "deal": {...} | null,            # basics as given (name, company, amount, …)
      "stage": "discovery" | null,
      "score": 62.5 | null, "grade": "C" | null,   # null: no framework has criteria
      "verified_share": 0.4 | null,    # weight verified by the customer; null: no source known
      "recommendation": "advance" | "dig-deeper" | "not-now" | "disqualify"
                        | "won" | "lost" | "closed",   # the last three: closed deals
      "reasons": [{"code": "...", "values": [...], "text": "..."}],
      "gaps": [{"criterion", "framework", "name", "kind": "unknown|absent|weak",
                "level", "expected", "critical", "priority"}],
      "red_flags": [{"id", "name", "framework", "effect", "points", "points_lost",
                     "from_evidence", "reason"}],
      "next_questions": [{"about", "name", "text", "known"}],
      "frameworks": [{"id", "version", "score", "raw_score", "grade" (null without
                      criteria: a stage set, red flags alone), "recommendation",
                      "criteria": [{"criterion", "name", "level" (credited),
                                    "claimed" (when credited lower), "credited_because"
                                    (belief | stale | belief-stale), "points", "max_points",
                                    "expected", "evidence", "source", "confirmed_on"}],
                      "unanswered_red_flags": [...],
                      "red_flags_tally": {"checked", "total", "raised"},
                      "unverified": [...]}]
    }
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from dealcheck.i18n import explain
from dealcheck.language.framework import UNKNOWN
from dealcheck.scoring.assessment import Assessment
from dealcheck.scoring.score import Gap, Scorecard

SCHEMA_VERSION = 1


def assessment_to_dict(
    assessment: Assessment, *, deal: Mapping[str, Any] | None = None, lang: str = "en"
) -> dict[str, Any]:
    """The JSON-ready report of an assessment, texts in `lang`."""
    names = criterion_names(assessment, lang)
    return {
        "schema_version": SCHEMA_VERSION,
        "deal": dict(deal) if deal is not None else None,
        "stage": assessment.stage_id,
        "score": assessment.score if assessment.scored else None,
        "grade": assessment.grade if assessment.scored else None,
        "recommendation": assessment.recommendation.value,
        "verified_share": None if (share := assessment.verified_share) is None else round(share, 3),
        "reasons": [
            {"code": r.code, "values": list(r.values), "text": explain(r, lang, names)}
            for r in assessment.reasons
        ],
        "stage_check": None
        if (check := assessment.stage_check) is None
        else {
            "stage": check.stage.id,
            "supported": check.supported.id,
            "missing": [c.id for c in check.missing],
            "rep_word_only": [c.id for c in check.rep_word_only],
        },
        "exit_checks": [
            {
                "id": s.check.id,
                "name": s.check.name.get(lang),
                "stage": s.stage.id,
                "happened": s.answer.happened,
                "evidence": s.answer.evidence,
                "source": s.answer.source.value if s.answer.source else None,
                "confirmed_on": s.answer.confirmed_on.isoformat()
                if s.answer.confirmed_on
                else None,
                "counts": s.counts,
            }
            for s in assessment.exit_checks
        ],
        "gaps": [_gap(g, assessment, lang) for g in assessment.gaps],
        "red_flags": [
            {
                "id": f.flag.id,
                "name": f.flag.name.get(lang),
                "framework": f.framework_id,
                "effect": f.flag.effect.value,
                "points": f.flag.points,
                "points_lost": f.points_lost,
                "from_evidence": f.from_evidence,
                "reason": f.flag.reason.get(lang),
            }
            for f in assessment.red_flags
        ],
        "next_questions": [
            {
                "about": q.about,
                "name": names.get(q.about, q.about),
                "text": q.text.get(lang),
                "known": q.known or None,
            }
            for q in assessment.next_questions
        ],
        "frameworks": [_scorecard(c, lang) for c in assessment.scorecards],
    }


def criterion_names(assessment: Assessment, lang: str) -> dict[str, str]:
    """Criterion and red flag ids -> display names, for reason sentences."""
    names: dict[str, str] = {}
    for card in assessment.scorecards:
        names.update({c.id: c.name.get(lang) for c in card.framework.criteria})
        names.update({f.id: f.name.get(lang) for f in reversed(card.framework.red_flags)})
        names.update({r.id: r.name.get(lang) for r in card.framework.recommendation.not_now})
    return names


def _gap(gap: Gap, assessment: Assessment, lang: str) -> dict[str, Any]:
    framework = next(
        c.framework.id for c in assessment.scorecards if gap.criterion in c.framework.criteria
    )
    return {
        "criterion": gap.criterion.id,
        "framework": framework,
        "name": gap.criterion.name.get(lang),
        "kind": gap.kind.value,
        "level": gap.level.id if gap.level else UNKNOWN,
        "expected": gap.expected.id,
        "critical": gap.criterion.critical,
        "priority": gap.priority,
    }


def _scorecard(card: Scorecard, lang: str) -> dict[str, Any]:
    return {
        "id": card.framework.id,
        "version": card.framework.version,
        "score": card.score if card.scored else None,
        "raw_score": card.raw_score if card.scored else None,
        "grade": card.grade if card.scored else None,
        "recommendation": card.recommendation.value,
        "criteria": [
            {
                "criterion": c.criterion.id,
                "name": c.criterion.name.get(lang),
                "level": c.level.id if c.level else UNKNOWN,
                "claimed": c.claimed.id if c.claimed else None,
                "credited_because": c.credit.value if c.credit else None,
                "points": round(c.points, 2),
                "max_points": round(c.max_points, 2),
                "expected": c.expected.id if c.expected else None,
                "evidence": c.answer.evidence,
                "source": c.answer.source.value if c.answer.source else None,
                "confirmed_on": c.answer.confirmed_on.isoformat()
                if c.answer.confirmed_on
                else None,
            }
            for c in card.criteria
        ],
        "unanswered_red_flags": card.unanswered_flags,
        "red_flags_tally": dict(card.flag_tally._asdict()),
        "unverified": card.unverified,
    }
