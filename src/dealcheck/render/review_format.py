"""Plain-text pieces of the weekly pipeline review, shared by its renderers (no rich here)."""

from __future__ import annotations

from dealcheck.i18n import t
from dealcheck.render.deal_format import amount_text
from dealcheck.render.pipeline_format import score_text
from dealcheck.review.compare import DealState, Movement, PipelineReview

SECTIONS = ("forecast_moves", "moved", "new_flags", "slipped", "appeared", "left")
#: Rows shown per section; a review is read by people, the full list is in the scored file.
ROW_LIMIT = 100


def delta_text(delta: float) -> str:
    """A score change readable without colour: `▲ +5.0`, `▼ −3.2`, `= 0.0`."""
    if delta > 0:
        return f"▲ +{delta:.1f}"
    if delta < 0:
        return f"▼ −{-delta:.1f}"
    return "= 0.0"


def recommendation_text(movement: Movement, lang: str) -> str:
    """`dig deeper → advance`, or the one recommendation when it did not change."""
    after = t(f"recommendation.{movement.after.recommendation}", lang)
    if not movement.recommendation_changed:
        return after
    return f"{t(f'recommendation.{movement.before.recommendation}', lang)} → {after}"


def date_text(state: DealState) -> str:
    """The close date, or an em dash."""
    return state.close_date.isoformat() if state.close_date else "—"


def money(state: DealState) -> str:
    """The deal amount with separators, or an em dash."""
    return amount_text(state.amount, None) if state.amount is not None else "—"


def headline(review: PipelineReview, lang: str) -> tuple[str, str]:
    """The review's 'before → after' line and its counts line."""
    return (
        t("compare.against", lang, before=review.before, after=review.after),
        t(
            "compare.counts",
            lang,
            common=review.common,
            appeared=len(review.appeared),
            left=len(review.left),
        ),
    )


def section_size(review: PipelineReview, section: str) -> int:
    """How many deals a section lists in full."""
    found: list[object] = getattr(review, section)
    return len(found)


def rows(
    review: PipelineReview, section: str, lang: str, limit: int = ROW_LIMIT
) -> tuple[list[str], list[list[str]]]:
    """Column titles and plain cells of one section of the review (at most `limit` rows)."""
    heads, cells = _rows(review, section, lang)
    return heads, cells[:limit]


def more_text(review: PipelineReview, section: str, shown: int, lang: str) -> str | None:
    """'… and N more' when a section has more deals than are shown."""
    hidden = section_size(review, section) - shown
    return t("compare.more", lang, hidden) if hidden > 0 else None


def _rows(review: PipelineReview, section: str, lang: str) -> tuple[list[str], list[list[str]]]:
    deal, owner = t("pipeline.col.deal", lang), t("pipeline.col.owner", lang)
    before, after = t("compare.col.before", lang), t("compare.col.after", lang)
    if section == "moved":
        return [
            deal,
            owner,
            before,
            after,
            t("compare.col.change", lang),
            t("col.recommendation", lang),
        ], [
            [
                m.after.label,
                m.after.owner,
                score_text(m.before.score),
                score_text(m.after.score),
                delta_text(m.score_delta) if m.scored else "—",
                recommendation_text(m, lang),
            ]
            for m in review.moved
        ]
    if section == "forecast_moves":
        return [deal, owner, t("pipeline.col.amount", lang), before, after], [
            [
                m.deal.label,
                m.deal.owner,
                money(m.deal),
                _category(m.was, lang),
                _category(m.now, lang),
            ]
            for m in review.forecast_moves
        ]
    if section == "new_flags":
        return [deal, owner, t("compare.col.flags", lang)], [
            [m.after.label, m.after.owner, ", ".join(m.new_flags)] for m in review.new_flags
        ]
    if section == "slipped":
        return [deal, owner, before, after, t("compare.col.days", lang)], [
            [
                m.after.label,
                m.after.owner,
                date_text(m.before),
                date_text(m.after),
                f"+{m.slipped_days}",
            ]
            for m in review.slipped
        ]
    states = review.appeared if section == "appeared" else review.left
    return [
        deal,
        owner,
        t("pipeline.col.amount", lang),
        t("pipeline.col.score", lang),
        t("pipeline.col.recommendation", lang),
        t("pipeline.col.close", lang),
    ], [
        [
            s.label,
            s.owner,
            money(s),
            score_text(s.score),
            t(f"recommendation.{s.recommendation}", lang) if s.recommendation else "",
            date_text(s),
        ]
        for s in states
    ]


def _category(category: str, lang: str) -> str:
    """A forecast category in words; "—" for a deal not in the pipeline that week."""
    return t(f"forecast.{category}", lang) if category else "—"


NUMERIC = {
    "forecast_moves": {2},
    "moved": {2, 3, 4},
    "new_flags": set(),
    "slipped": {4},
    "appeared": {2, 3},
    "left": {2, 3},
}
