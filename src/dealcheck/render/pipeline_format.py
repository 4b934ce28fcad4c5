"""The pipeline summary as titled tables of text, the same for terminal, Markdown and HTML.

Every renderer shows these sections in this order (the order a Monday pipeline
review runs in): forecast, coverage, the lists to act on, owners, periods, stages,
then the qualification and hygiene counts, closed deals, and what could not be read.
Ids become names in the reader's language here; the summary itself keeps ids.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from dealcheck.batch.summarise.model import ListedDeal, Money, PipelineSummary, RejectedRow, Tally
from dealcheck.i18n import MESSAGES, t
from dealcheck.mapping.model import HygieneCheck
from dealcheck.render.pipeline_plan import close_plan_section


@dataclass(frozen=True)
class Section:
    """A titled table: `numeric` says which columns are numbers (right-aligned, never wrapped)."""

    key: str
    title: str
    heads: list[str]
    numeric: list[bool]
    rows: list[list[str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


MISSING_AMOUNT = HygieneCheck.MISSING_AMOUNT.value


class Words:
    """Names and numbers in the reader's language, for one summary."""

    def __init__(self, summary: PipelineSummary, lang: str) -> None:
        self.lang = lang
        self.names = dict(summary.labels)
        codes = {c for c in summary.currencies if c}
        # One currency: amounts are plain numbers and the heading names the currency.
        self.single = len(codes) <= 1
        self.currency = next(iter(codes)) if len(codes) == 1 else ""
        # No open deal has an amount (a plain export whose open deals carry none): a
        # pipeline "worth 0" would read as a verdict on the deals, not on the data.
        missing = dict(summary.hygiene).get(MISSING_AMOUNT, 0)
        self.unpriced = missing == summary.open.deals > 0 and not any(summary.open.amounts.values())

    def open_money(self, amounts: Money) -> str:
        """An amount of the open pipeline (or its leads), or that the export gives none."""
        if self.unpriced and not any(amounts.values()):
            return t("pipeline.no_amounts", self.lang)
        return self.money(amounts) + _suffix(self)

    def name(self, key: str) -> str:
        """A criterion, stage or flag id as its name (unknown ids as they are)."""
        return self.names.get(key, key)

    def recommendation(self, key: str) -> str:
        """A recommendation id in words."""
        known = MESSAGES["en"]
        if f"recommendation.{key}" in known:
            return t(f"recommendation.{key}", self.lang)
        if f"pipeline.recommendation.{key}" in known:
            return t(f"pipeline.recommendation.{key}", self.lang)
        return key

    def forecast(self, key: str) -> str:
        """A forecast category id in words."""
        return t(f"forecast.{key}", self.lang) if f"forecast.{key}" in MESSAGES["en"] else key

    def money(self, amounts: Money) -> str:
        """Amounts, one per currency, never added across currencies."""
        if not amounts:
            return "0"
        if self.single:
            return f"{sum(amounts.values()):,.0f}"
        return " · ".join(f"{amount:,.0f} {code or '?'}" for code, amount in amounts.items())

    def money_heading(self, key: str = "pipeline.col.amount") -> str:
        """A column heading for amounts, with the currency when there is only one."""
        return t(key, self.lang) + (f" ({self.currency})" if self.currency else "")

    def reasons(self, deal: ListedDeal) -> str:
        """Why a deal is on a list, in words."""
        parts = []
        for code, value in deal.reasons:
            shown = self.recommendation(value) if code == "recommendation" else self.name(value)
            parts.append(t(f"pipeline.why.{code}", self.lang, shown))
        return "; ".join(parts)


def pipeline_sections(summary: PipelineSummary, lang: str) -> tuple[list[str], list[Section]]:
    """The lines under the title, and the sections, for every renderer."""
    words = Words(summary, lang)
    closed = sum(tally.deals for tally in summary.closed.values())
    intro = [
        t(
            "pipeline.counts",
            lang,
            rows=summary.rows,
            scored=summary.scored,
            rejected=summary.rejected,
        ),
        t(
            "pipeline.sources",
            lang,
            sources="; ".join(_source(s, lang) for s in summary.sources),
            frameworks=", ".join(summary.frameworks),
            today=summary.today.isoformat(),
        ),
        t(
            "pipeline.open_closed",
            lang,
            deals=summary.open.deals,
            amount=words.open_money(summary.open.amounts),
            closed=closed,
        ),
    ]
    if summary.leads.deals:
        intro.append(
            t(
                "pipeline.leads",
                lang,
                deals=summary.leads.deals,
                amount=words.open_money(summary.leads.amounts),
            )
        )
    if summary.basics_only:
        intro.append(t("pipeline.basics_only", lang))
    every_open = summary.open.deals  # leads are out of gaps, flags and hygiene too
    sections: list[Section | None] = [
        _unreadable(summary, lang),
        _forecast(summary, words),
        _coverage(summary, words),
        _deals("commit-at-risk", t("pipeline.commit_at_risk", lang), summary.commit_at_risk, words),
        _deals("remove", t("pipeline.remove", lang), summary.remove_from_forecast, words),
        _deals(
            "at-risk",
            t("pipeline.at_risk", lang, days=summary.closing_soon_days),
            summary.at_risk,
            words,
        ),
        _deals("update-close", t("pipeline.update_close", lang), summary.update_close_date, words),
        _owners(summary, words),
        _periods(summary, words),
        _stages(summary, words),
    ]
    if not summary.basics_only:
        sections += [
            _tallies(
                "recommendation",
                t("pipeline.by_recommendation", lang),
                {words.recommendation(k): v for k, v in summary.by_recommendation.items()},
                words,
            ),
            _tallies("grade", t("pipeline.by_grade", lang), summary.by_grade, words),
            _counts("gaps", t("pipeline.gaps", lang), summary.gaps, every_open, words),
            _counts(
                "red-flags",
                t("pipeline.red_flags", lang),
                summary.red_flags,
                every_open,
                words,
            ),
        ]
    hygiene = [
        (t(f"hygiene.{k}", lang) if f"hygiene.{k}" in MESSAGES["en"] else k, n)
        for k, n in summary.hygiene
    ]
    sections += [
        _counts("hygiene", t("pipeline.hygiene", lang), hygiene, every_open, None),
        close_plan_section(summary, words),
        _tallies(
            "closed",
            t("pipeline.closed", lang),
            {words.recommendation(k): v for k, v in summary.closed.items()},
            words,
        ),
        _rejects(summary, lang),
        _unmapped(summary, lang),
    ]
    return intro, [s for s in sections if s is not None and (s.rows or s.notes)]


def _suffix(words: Words) -> str:
    return f" {words.currency}" if words.currency else ""


_DELIMITERS = re.compile(r"\b(comma|semicolon|tab)\)")


def _source(description: str, lang: str) -> str:
    return _DELIMITERS.sub(lambda m: t(f"pipeline.delimiter.{m.group(1)}", lang) + ")", description)


def _unreadable(summary: PipelineSummary, lang: str) -> Section:
    return Section(
        "unreadable",
        t("pipeline.unreadable", lang),
        [t(f"pipeline.col.{h}", lang) for h in ("column", "rows", "examples")],
        [False, True, False],
        [
            [u.column, f"{u.rows:,}", ", ".join(repr(e) for e in u.examples)]
            for u in summary.unreadable
        ],
        [t("pipeline.unreadable_note", lang)] if summary.unreadable else [],
    )


def _forecast(summary: PipelineSummary, words: Words) -> Section:
    lang = words.lang
    rows = [
        [words.forecast(k), f"{v.deals:,}", words.money(v.amounts)]
        for k, v in summary.forecast.items()
    ]
    notes = []
    if summary.forecast and not words.unpriced:  # the first line says there are none
        opened = words.open_money(summary.open.amounts)
        if summary.weighted:
            weighted = words.money(summary.weighted) + _suffix(words)
            notes.append(t("pipeline.totals", lang, open=opened, weighted=weighted))
        else:
            notes.append(t("pipeline.totals_open", lang, open=opened))
    notes += [
        t(
            "pipeline.disagreement",
            lang,
            crm=words.forecast(d.crm),
            ours=words.forecast(d.dealcheck),
            deals=d.tally.deals,
            amount=words.money(d.tally.amounts) + _suffix(words),
        )
        for d in summary.crm_disagreements
    ]
    return Section(
        "forecast",
        t("pipeline.forecast", lang),
        [t("pipeline.col.forecast", lang), t("pipeline.deals", lang), words.money_heading()],
        [False, True, True],
        rows,
        notes,
    )


def _coverage(summary: PipelineSummary, words: Words) -> Section:
    lang = words.lang
    heads = ["owner", "period", "quota", "pipeline", "forecast", "coverage"]
    rows = [
        [
            c.owner or t("pipeline.team", lang),
            c.period,
            f"{c.quota:,.0f} {c.currency}".strip(),
            f"{c.pipeline:,.0f}",
            f"{words.forecast('commit')} {c.commit:,.0f}",
            f"{c.ratio:.1f}×" if c.ratio is not None else "—",
        ]
        for c in summary.coverage
    ]
    return Section(
        "coverage",
        t("pipeline.coverage", lang),
        [t(f"pipeline.col.{h}", lang) for h in heads],
        [False, False, True, True, True, True],
        rows,
    )


def _deals(key: str, title: str, deals: list[ListedDeal], words: Words) -> Section:
    lang = words.lang
    heads = ["deal", "owner", "amount", "score", "recommendation", "close", "why"]
    rows = [
        [
            d.label,
            d.owner,
            words.money({d.currency: d.amount}),
            score_text(d.score),
            words.recommendation(d.recommendation),
            d.close_date.isoformat() if d.close_date else "—",
            words.reasons(d),
        ]
        for d in deals
    ]
    titles = [t(f"pipeline.col.{h}", lang) for h in heads]
    titles[2] = words.money_heading()
    return Section(key, title, titles, [False, False, True, True, False, False, False], rows)


def score_text(score: float | None) -> str:
    """A score as a table shows it: "—" when nothing was scored."""
    return "—" if score is None else f"{score:g}"


def distinct_labels(deals: list[ListedDeal]) -> list[str]:
    """The deals' labels; deals whose label repeats in the list also show their id.

    Where a list of names is all that tells deals apart (an owner's deals to discuss,
    the heat map's columns), two deals named alike ("가온식품 도입 건" twice) must read
    as two. A table row has the owner, amount and close date beside the name.
    """
    labels = [d.label for d in deals]
    repeated = {label for label, count in Counter(labels).items() if count > 1}
    return [
        f"{label} ({d.deal_id or f'{d.source}:{d.line}'})" if label in repeated else label
        for label, d in zip(labels, deals, strict=True)
    ]


def _owners(summary: PipelineSummary, words: Words) -> Section:
    lang = words.lang
    heads = [t(f"pipeline.col.{h}", lang) for h in ("owner", "open")]
    heads += [words.money_heading()]
    heads += [words.forecast(c) for c in ("commit", "best-case", "pipeline")]
    heads += [t(f"pipeline.col.{h}", lang) for h in ("gaps", "belief", "discuss")]
    rows = []
    for owner in summary.by_owner:
        split = [
            words.money(owner.forecast[c].amounts) if c in owner.forecast else "0"
            for c in ("commit", "best-case", "pipeline")
        ]
        belief = f"{100 * owner.belief_share:.0f}%" if owner.belief_share is not None else "—"
        rows.append(
            [
                owner.owner or "—",
                f"{owner.open.deals:,}",
                words.money(owner.open.amounts),
                *split,
                ", ".join(f"{words.name(g)} ({n})" for g, n in owner.gaps),
                belief,
                "; ".join(distinct_labels(owner.discuss)),
            ]
        )
    numeric = [False, True, True, True, True, True, False, True, False]
    return Section("owners", t("pipeline.by_owner", lang), heads, numeric, rows)


def _periods(summary: PipelineSummary, words: Words) -> Section:
    lang = words.lang
    categories = ("commit", "best-case", "pipeline", "omitted")
    heads = [t("pipeline.col.period", lang), t("pipeline.deals", lang)]
    heads += [words.forecast(c) for c in categories]
    rows = []
    for period, split in summary.by_period.items():
        rows.append(
            [
                period or t("pipeline.no_close", lang),
                f"{sum(v.deals for v in split.values()):,}",
                *(words.money(split[c].amounts) if c in split else "0" for c in categories),
            ]
        )
    return Section("periods", t("pipeline.by_period", lang), heads, [False] + [True] * 5, rows)


def _stages(summary: PipelineSummary, words: Words) -> Section:
    lang = words.lang
    aging = {a.stage: a for a in summary.aging}
    heads = [t("pipeline.col.stage", lang), t("pipeline.deals", lang), words.money_heading()]
    heads += [t(f"pipeline.col.{h}", lang) for h in ("days_in_stage", "age", "stuck")]
    rows = []
    for stage, tally in summary.by_stage.items():
        age = aging.get(stage)
        rows.append(
            [
                words.name(stage),
                f"{tally.deals:,}",
                words.money(tally.amounts),
                f"{age.days_in_stage:,.0f}" if age and age.days_in_stage is not None else "—",
                f"{age.age_days:,.0f}" if age and age.age_days is not None else "—",
                f"{age.stuck:,}" if age else "—",  # a lead stage: no aging
            ]
        )
    return Section(
        "stages", t("pipeline.by_stage", lang), heads, [False, True, True, True, True, True], rows
    )


def _tallies(key: str, title: str, tallies: dict[str, Tally], words: Words) -> Section:
    rows = [[words.name(k), f"{v.deals:,}", words.money(v.amounts)] for k, v in tallies.items()]
    heads = ["", t("pipeline.deals", words.lang), words.money_heading()]
    return Section(key, title, heads, [False, True, True], rows)


def _counts(
    key: str, title: str, counts: list[tuple[str, int]], total: int, words: Words | None
) -> Section:
    rows = [
        [words.name(k) if words else k, f"{n:,}", f"{100 * n / max(total, 1):.0f}"]
        for k, n in counts
    ]
    return Section(key, title, ["", "#", "%"], [False, True, True], rows)


def _rejects(summary: PipelineSummary, lang: str) -> Section:
    known = MESSAGES["en"]
    rows = [
        [
            t(f"pipeline.reject.{code}", lang) if f"pipeline.reject.{code}" in known else code,
            f"{n:,}",
        ]
        for code, n in summary.reject_reasons
    ]
    # Examples as lines, not table cells: a reason is read whole, with where it was.
    notes = [f"{r.source}:{r.line}: {_reason(r, lang)}" for r in summary.reject_examples[:10]]
    return Section(
        "rejected",
        t("pipeline.rejected", lang, count=summary.rejected),
        ["", "#"],
        [False, True],
        rows if summary.rejected else [],
        notes if summary.rejected else [],
    )


_QUOTED = re.compile(r"'[^']*'")


def _reason(rejected: RejectedRow, lang: str) -> str:
    """A reject reason: as read in English; in another language, its message.

    A reason with no message (a CSV reading problem) shows its category and value.
    """
    reason = rejected.reason
    if lang == "en":
        return reason
    if rejected.message is not None:
        return rejected.message.in_language(lang)
    from dealcheck.batch.row_loop import reject_code

    code = reject_code(reason)
    quoted = _QUOTED.search(reason)
    label = t(f"pipeline.reject.{code}", lang)
    return f"{label}: {quoted.group(0)}" if quoted else label


def _unmapped(summary: PipelineSummary, lang: str) -> Section:
    rows = [[value, f"{n:,}"] for _, value, n in summary.unmapped_values]
    return Section(
        "unmapped",
        t("pipeline.unmapped", lang),
        [t("pipeline.col.value", lang), t("pipeline.col.rows", lang)],
        [False, True],
        rows,
    )
