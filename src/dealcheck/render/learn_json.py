"""The learning report as JSON (ids, not names), versioned by `schema_version`.

Shape (version 1): `frameworks`, `min_deals`, `confidence`, `comparisons` (how many
comparisons share the confidence), `reading` (rows, won, lost, open, closed_unknown,
skipped, skipped_lines, unmapped, bad_dates, sources), `qualified`, `overall` (a rate),
`effects` (every comparison over all deals: kind level / target / flag, item, level,
status finding / no-effect / too-few, won_with, deals_with, rate_with, won_without,
deals_without, rate_without, difference, low, high), `stages` (per stage reached: its
rate, its findings, how many comparisons had enough deals), `calibration`
(`score_bands`, `recommendations`, `advance_vs_dig_deeper`), `loss_reasons` (reason,
deals, share, flagged: [[flag, deals]], unflagged), `lost_with_reason`, `not_in_data`
(criteria no column answers), `described`
(column, rates, other_groups, other_deals). A rate is group, won, deals, rate, low,
high, enough. Shares and differences are fractions (0.25, not 25).

With `--suggest`: `suggestion` (written, train_deals, min_deals, `weights`: criterion,
before, after, rescaled_only, split_at, won_with, deals_with, won_without,
deals_without, difference, low, high, coefficient {value, low, high, implied} or null,
levels [{level, won, deals}]; `red_flags`: flag, before, after, the same counts and
coefficient; `kept`: id, kind, reason). With a backtest: `backtest` (compared, `split`
{by date / order, cutoff, train, test, test_won, undated}, reason null / few-deals /
one-outcome, `current` and `other` {auc, brier}, auc_gain, brier_change; each figure
{value, low, high}).
"""

from __future__ import annotations

import json
from typing import Any

from dealcheck.learn.effects import Effect
from dealcheck.learn.outcomes import Rate
from dealcheck.learn.report import LearnReport
from dealcheck.render.learn_tuning import tuning_dict

SCHEMA_VERSION = 1


def _share(value: float) -> float:
    return round(value, 4)


def rate_dict(rate: Rate) -> dict[str, Any]:
    """A rate as JSON."""
    return {
        "group": rate.group,
        "won": rate.won,
        "deals": rate.deals,
        "rate": _share(rate.rate),
        "low": _share(rate.low),
        "high": _share(rate.high),
        "enough": rate.enough,
    }


def effect_dict(effect: Effect) -> dict[str, Any]:
    """A comparison as JSON."""
    return {
        "kind": effect.kind.value,
        "item": effect.item,
        "level": effect.level,
        "stage": effect.stage,
        "status": effect.status.value,
        "won_with": effect.won_with,
        "deals_with": effect.deals_with,
        "rate_with": _share(effect.rate_with),
        "won_without": effect.won_without,
        "deals_without": effect.deals_without,
        "rate_without": _share(effect.rate_without),
        "difference": _share(effect.difference),
        "low": _share(effect.low),
        "high": _share(effect.high),
    }


def learn_dict(report: LearnReport) -> dict[str, Any]:
    """The report as a JSON-ready dict."""
    reading = report.reading
    return {
        "schema_version": SCHEMA_VERSION,
        "frameworks": report.frameworks,
        "min_deals": report.min_deals,
        "confidence": report.confidence,
        "comparisons": report.comparisons,
        "reading": {
            "sources": reading.sources,
            "rows": reading.rows,
            "won": reading.won,
            "lost": reading.lost,
            "open": reading.open,
            "closed_unknown": reading.closed_unknown,
            "skipped": reading.skipped,
            "skipped_lines": reading.skipped_lines,
            "unmapped": [{"column": c, "value": v, "rows": n} for c, v, n in reading.unmapped],
            "bad_dates": reading.bad_dates,
        },
        "qualified": report.qualified,
        "overall": rate_dict(report.overall),
        "effects": [effect_dict(e) for e in report.effects],
        "stages": [
            {
                "stage": s.stage,
                "rate": rate_dict(s.rate),
                "findings": [effect_dict(e) for e in s.findings],
                "tested": s.tested,
            }
            for s in report.stages
        ],
        "calibration": {
            "score_bands": [rate_dict(r) for r in report.score_bands],
            "recommendations": [rate_dict(r) for r in report.recommendations],
            "advance_vs_dig_deeper": effect_dict(report.calibration)
            if report.calibration
            else None,
        },
        "loss_reasons": [
            {
                "reason": r.reason,
                "deals": r.deals,
                "share": _share(r.share),
                "flagged": [[flag, n] for flag, n in r.flagged],
                "unflagged": r.unflagged,
            }
            for r in report.loss_reasons
        ],
        "lost_with_reason": report.lost_with_reason,
        "not_in_data": report.not_in_data,
        "described": [
            {
                "column": g.column,
                "rates": [rate_dict(r) for r in g.rates],
                "other_groups": g.other_groups,
                "other_deals": g.other_deals,
            }
            for g in report.described
        ],
        **(tuning_dict(report.tuning) if report.tuning else {}),
    }


def learn_json(report: LearnReport) -> str:
    """The report as a JSON document (never NaN or Infinity)."""
    return json.dumps(learn_dict(report), ensure_ascii=False, indent=2, allow_nan=False) + "\n"
