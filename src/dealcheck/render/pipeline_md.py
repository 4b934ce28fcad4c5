"""The pipeline summary as Markdown. Reads a `PipelineSummary`; computes nothing."""

from __future__ import annotations

from dealcheck.batch.summary import PipelineSummary, Tally
from dealcheck.i18n import t
from dealcheck.render.pipeline_format import count_sections, localized, tally_sections
from dealcheck.visible import visible


def escape(text: str) -> str:
    """Make text safe inside a Markdown table cell: no stray pipes, no raw HTML, no links."""
    for raw, safe in _ESCAPES:
        text = text.replace(raw, safe)
    return visible(text)


_ESCAPES = (
    ("\\", "\\\\"),
    ("&", "&amp;"),
    ("<", "&lt;"),
    (">", "&gt;"),
    ("|", "\\|"),
    ("[", "\\["),
    ("]", "\\]"),
    ("`", "\\`"),
    ("\n", " "),
    ("\r", " "),
)


def _code(text: str) -> str:
    # Inside a code span only a backtick (or a line break) could end it early.
    return visible(text.replace("`", "'").replace("\n", " ").replace("\r", " "))


def pipeline_markdown(summary: PipelineSummary, lang: str = "en") -> str:
    """The summary as a Markdown document."""
    summary = localized(summary, lang)
    out = [f"# {t('pipeline.title', lang)}", ""]
    out.append(
        t(
            "pipeline.counts",
            lang,
            rows=summary.rows,
            scored=summary.scored,
            rejected=summary.rejected,
        )
    )
    out += [
        "",
        escape(
            t(
                "pipeline.sources",
                lang,
                sources="; ".join(summary.sources),
                frameworks=", ".join(summary.frameworks),
                today=summary.today.isoformat(),
            )
        ),
        "",
    ]
    for title, tallies in tally_sections(summary, lang):
        out += _tallies(title, tallies, lang)
    for title, counts in count_sections(summary, lang):
        out += [f"## {title}", "", "| | # |", "|---|---:|"]
        out += [f"| {escape(k)} | {n:,} |" for k, n in counts] + [""]
    if summary.at_risk:
        heads = [
            t(f"pipeline.col.{h}", lang)
            for h in ("deal", "owner", "amount", "score", "recommendation", "close")
        ]
        out += [
            f"## {t('pipeline.at_risk', lang)}",
            "",
            "| " + " | ".join(heads) + " |",
            "|---|---|---:|---:|---|---|",
        ]
        for deal in summary.at_risk:
            label = deal.name or " · ".join(x for x in (deal.deal_id, deal.company) if x)
            close = deal.close_date.isoformat() if deal.close_date else "—"
            out.append(
                f"| {escape(label)} | {escape(deal.owner)} | {deal.amount:,.0f} | "
                f"{deal.score:g} | {t('recommendation.' + deal.recommendation, lang)} | {close} |"
            )
        out.append("")
    if summary.rejected:
        out += [f"## {t('pipeline.rejected', lang, count=summary.rejected)}", ""]
        out += [f"- {escape(code)}: {n:,}" for code, n in summary.reject_reasons]
        out += [
            f"- `{_code(r.source)}:{r.line}` {escape(r.reason)}" for r in summary.reject_examples
        ]
        out.append("")
    return "\n".join(out)


def _tallies(title: str, tallies: dict[str, Tally], lang: str) -> list[str]:
    lines = [
        f"## {title}",
        "",
        f"| | {t('pipeline.deals', lang)} | {t('pipeline.amount', lang)} |",
        "|---|---:|---:|",
    ]
    lines += [f"| {escape(k)} | {v.deals:,} | {v.amount:,.0f} |" for k, v in tallies.items()]
    return [*lines, ""]
