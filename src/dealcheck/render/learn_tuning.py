"""The suggestion and backtest sections of the learning report, and their JSON.

Computes nothing: every figure comes from the `Tuning` (`learn/tuning.py`). The
sections are laid out by the terminal, Markdown and HTML renderers like the others.
"""

from __future__ import annotations

from typing import Any

from dealcheck.i18n import t
from dealcheck.learn.fit import Coefficient, Suggestion
from dealcheck.learn.names import level_key
from dealcheck.learn.rates import RateGap
from dealcheck.learn.separation import Estimate, Separation
from dealcheck.learn.tuning import Tuning
from dealcheck.render.learn_format import SUGGEST_SECTION, Section, Table, percent


def tuning_sections(tuning: Tuning, lang: str, names: dict[str, str]) -> list[Section]:
    """The suggestion (with `--suggest`) and the backtest (when there was one)."""
    found = []
    if tuning.suggestion is not None:
        found.append(_suggestion(tuning, tuning.suggestion, lang, names))
    if tuning.compared is not None:
        found.append(_backtest(tuning, lang))
    return found


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def _gap_values(gap: RateGap, lang: str) -> dict[str, Any]:
    low, high = gap.interval
    return {
        "rate_with": percent(gap.rate_with),
        "deals_with": gap.deals_with,
        "rate_without": percent(gap.rate_without),
        "deals_without": gap.deals_without,
        "difference": t("learn.points", lang, value=gap.difference * 100),
        "interval": t("learn.interval", lang, low=low * 100, high=high * 100),
    }


def _suggestion(
    tuning: Tuning, suggestion: Suggestion, lang: str, names: dict[str, str]
) -> Section:
    split = tuning.split
    note = t(
        "tuning.suggest_note",
        lang,
        train=len(split.train),
        test=len(split.test),
        min=suggestion.min_deals,
        tested=suggestion.tested,
    )
    section = Section(SUGGEST_SECTION, t("tuning.suggest", lang), note)
    if not suggestion.changed:
        section.lines.append(t("tuning.nothing", lang, deals=suggestion.deals))
    elif tuning.written is not None:
        section.lines.append(t("tuning.written", lang, path=str(tuning.written)))
    rescaled = []
    for change in suggestion.weights:
        cid = change.criterion.id
        name = names.get(cid, cid)
        before, after = _number(change.criterion.weight), _number(change.after)
        if change.coefficient is None:
            rescaled.append(f"{name} {before} → {after}")
            continue
        level = names.get(level_key(cid, change.split_at), change.split_at)
        section.lines.append(
            t(
                "tuning.weight",
                lang,
                criterion=name,
                before=before,
                after=after,
                level=level,
                **_gap_values(change.evidence, lang),
            )
        )
    for flag in suggestion.flags:
        section.lines.append(
            t(
                "tuning.flag",
                lang,
                flag=names.get(flag.flag.id, flag.flag.id),
                before=_number(flag.flag.points or 0),
                after=_number(flag.after),
                **_gap_values(flag.evidence, lang),
            )
        )
    if rescaled:
        section.lines.append(t("tuning.rescaled", lang, items=", ".join(rescaled)))
    reasons = [k.reason for k in suggestion.kept]
    section.after.append(
        t(
            "tuning.kept",
            lang,
            within=reasons.count("within-interval") + reasons.count("same-after-rounding"),
            few=reasons.count("too-few-deals"),
            policy=reasons.count("policy-effect"),
        )
    )
    return section


def _backtest(tuning: Tuning, lang: str) -> Section:
    split, result = tuning.split, tuning.backtest
    current = tuning.framework.name.get(lang)
    other = tuning.compared or ""
    section = Section(
        "backtest",
        t("tuning.backtest", lang, current=current, other=other),
        t("tuning.backtest_note", lang),
    )
    won = sum(d.won for d in split.test)
    if split.by == "date":
        section.lines.append(
            t(
                "tuning.split_date",
                lang,
                train=len(split.train),
                cutoff=str(split.cutoff),
                test=len(split.test),
                won=won,
            )
        )
    else:
        section.lines.append(
            t("tuning.split_order", lang, train=len(split.train), test=len(split.test), won=won)
        )
    if split.undated and split.by == "date":
        section.lines.append(t("tuning.undated", lang, undated=split.undated))
    if result is None or result.comparison is None:
        reason = result.reason if result else "few-deals"
        section.lines.append(
            t("tuning.one_outcome", lang)
            if reason == "one-outcome"
            else t(
                "tuning.few",
                lang,
                min=tuning.min_deals,
                train=len(split.train),
                test=len(split.test),
            )
        )
        return section
    figures = result.comparison
    heads = [
        t("tuning.col.framework", lang),
        "AUC",
        t("tuning.col.interval", lang),
        t("tuning.col.brier", lang),
        t("tuning.col.interval", lang),
    ]
    rows = [
        [current, *_pair(figures.current.auc), *_pair(figures.current.brier)],
        [other, *_pair(figures.other.auc), *_pair(figures.other.brier)],
        [
            t("tuning.difference", lang),
            *_pair(figures.auc_gain, signed=True),
            *_pair(figures.brier_change, signed=True),
        ],
    ]
    section.tables.append(Table(heads, rows, frozenset({1, 2, 3, 4})))
    gain = figures.auc_gain
    verdict = (
        "tuning.better" if gain.low > 0 else "tuning.worse" if gain.high < 0 else "tuning.same"
    )
    section.after.append(
        t(
            verdict,
            lang,
            other=other,
            gain=f"{gain.value:+.3f}",
            low=f"{gain.low:+.3f}",
            high=f"{gain.high:+.3f}",
        )
    )
    return section


def _pair(estimate: Estimate, *, signed: bool = False) -> list[str]:
    shown = "{:+.3f}" if signed else "{:.3f}"
    return [
        shown.format(estimate.value),
        f"{shown.format(estimate.low)} – {shown.format(estimate.high)}",
    ]


def tuning_dict(tuning: Tuning) -> dict[str, Any]:
    """The suggestion and the backtest as JSON (ids; shares as fractions)."""
    split, result = tuning.split, tuning.backtest
    found: dict[str, Any] = {}
    if tuning.suggestion is not None:
        found["suggestion"] = _suggestion_dict(tuning.suggestion, tuning)
    if tuning.compared is not None:
        figures = result.comparison if result else None
        found["backtest"] = {
            "compared": tuning.compared,
            "split": {
                "by": split.by,
                "cutoff": str(split.cutoff) if split.cutoff else None,
                "train": len(split.train),
                "test": len(split.test),
                "test_won": sum(d.won for d in split.test),
                "undated": split.undated,
            },
            "reason": result.reason if result else "few-deals",
            "current": _separation(figures.current) if figures else None,
            "other": _separation(figures.other) if figures else None,
            "auc_gain": _estimate(figures.auc_gain) if figures else None,
            "brier_change": _estimate(figures.brier_change) if figures else None,
        }
    return found


def _suggestion_dict(suggestion: Suggestion, tuning: Tuning) -> dict[str, Any]:
    return {
        "written": str(tuning.written) if tuning.written else None,
        "train_deals": suggestion.deals,
        "min_deals": suggestion.min_deals,
        "weights": [
            {
                "criterion": w.criterion.id,
                "before": w.criterion.weight,
                "after": w.after,
                "rescaled_only": w.coefficient is None,
                "split_at": w.split_at,
                **_gap_dict(w.evidence),
                "coefficient": _coefficient(w.coefficient) if w.coefficient else None,
                "levels": [{"level": r.level, "won": r.won, "deals": r.deals} for r in w.levels],
            }
            for w in suggestion.weights
        ],
        "red_flags": [
            {
                "flag": f.flag.id,
                "before": f.flag.points,
                "after": f.after,
                **_gap_dict(f.evidence),
                "coefficient": _coefficient(f.coefficient),
            }
            for f in suggestion.flags
        ],
        "kept": [{"id": k.id, "kind": k.kind, "reason": k.reason} for k in suggestion.kept],
    }


def _gap_dict(gap: RateGap) -> dict[str, Any]:
    low, high = gap.interval
    return {
        "won_with": gap.won_with,
        "deals_with": gap.deals_with,
        "won_without": gap.won_without,
        "deals_without": gap.deals_without,
        "difference": round(gap.difference, 4),
        "low": round(low, 4),
        "high": round(high, 4),
    }


def _coefficient(coefficient: Coefficient) -> dict[str, float]:
    return {
        "value": round(coefficient.value, 4),
        "low": round(coefficient.low, 4),
        "high": round(coefficient.high, 4),
        "implied": round(coefficient.implied, 4),
    }


def _separation(separation: Separation) -> dict[str, Any]:
    return {"auc": _estimate(separation.auc), "brier": _estimate(separation.brier)}


def _estimate(estimate: Estimate) -> dict[str, float]:
    return {
        "value": round(estimate.value, 4),
        "low": round(estimate.low, 4),
        "high": round(estimate.high, 4),
    }
