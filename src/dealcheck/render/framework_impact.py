"""`framework diff --impact`: what the change does to the pipeline, as text or Markdown."""

from __future__ import annotations

from dealcheck.i18n import t
from dealcheck.policy.impact import OPEN_ORDER, Impact, Separation
from dealcheck.render.markdown import escape

Section = tuple[str, list[str]]


def impact_text(impact: Impact, lang: str) -> str:
    """The impact for a terminal, after the diff."""
    title, sections = _impact(impact, lang)
    lines = ["", title]
    for heading, items in sections:
        lines += ["", heading, *(f"  {item}" for item in items)]
    return "\n".join(lines) + "\n"


def impact_markdown(impact: Impact, lang: str) -> str:
    """The impact as Markdown for a pull request comment, after the diff."""
    title, sections = _impact(impact, lang)
    lines = ["", f"## {escape(title)}"]
    for heading, items in sections:
        lines += ["", f"### {escape(heading)}", "", *(f"- {escape(item)}" for item in items)]
    return "\n".join(lines) + "\n"


def _impact(impact: Impact, lang: str) -> tuple[str, list[Section]]:
    title = t("impact.title", lang, sources=", ".join(impact.sources))
    up = sum(s.deals for s in impact.shifts if _rank(s.after) < _rank(s.before))
    down = sum(s.deals for s in impact.shifts if _rank(s.after) > _rank(s.before))
    counts = [t("impact.counts", lang, deals=impact.deals, changed=impact.changed)]
    if impact.changed:
        counts.append(t("impact.direction", lang, up=up, down=down))
    if impact.unmatched:
        counts.append(t("impact.unmatched", lang, count=impact.unmatched))
    sections: list[Section] = [(t("impact.summary", lang), counts)]
    if impact.shifts:
        sections.append(
            (
                t("impact.shifts", lang),
                [
                    t(
                        "impact.shift",
                        lang,
                        before=_rec(s.before, lang),
                        after=_rec(s.after, lang),
                        deals=s.deals,
                        amount=f"{s.amount:,.0f}",
                    )
                    for s in impact.shifts
                ],
            )
        )
    if impact.largest:
        sections.append(
            (
                t("impact.largest", lang),
                [
                    f"{m.name}: {m.before:g} → {m.after:g} ({m.moved:+g})"
                    + (
                        f", {_rec(m.recommendation_before, lang)} → "
                        f"{_rec(m.recommendation_after, lang)}"
                        if m.recommendation_before != m.recommendation_after
                        else ""
                    )
                    for m in impact.largest
                ],
            )
        )
    if impact.separation:
        sections.append((t("impact.closed", lang), _separation(impact.separation, lang)))
    return title, sections


def _separation(found: Separation, lang: str) -> list[str]:
    verdict = {True: "impact.better", False: "impact.worse", None: "impact.same"}[found.better]
    return [
        t("impact.closed_counts", lang, won=found.won, lost=found.lost),
        t(
            "impact.means",
            lang,
            won_before=f"{found.won_mean[0]:g}",
            won_after=f"{found.won_mean[1]:g}",
            lost_before=f"{found.lost_mean[0]:g}",
            lost_after=f"{found.lost_mean[1]:g}",
        ),
        t(
            "impact.ranked",
            lang,
            before=f"{100 * found.ranked_right[0]:.0f}",
            after=f"{100 * found.ranked_right[1]:.0f}",
        ),
        t(verdict, lang),
    ]


def _rank(recommendation: str) -> int:
    return OPEN_ORDER.index(recommendation) if recommendation in OPEN_ORDER else len(OPEN_ORDER)


def _rec(recommendation: str, lang: str) -> str:
    return t(f"recommendation.{recommendation}", lang)
