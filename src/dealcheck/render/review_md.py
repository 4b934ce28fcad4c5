"""The weekly pipeline review as Markdown: tables escaped, no raw HTML, no live links."""

from __future__ import annotations

import re

from dealcheck.errors import worded
from dealcheck.i18n import t
from dealcheck.render.review_format import (
    NUMERIC,
    SECTIONS,
    headline,
    more_text,
    rows,
    section_size,
)
from dealcheck.review.compare import PipelineReview
from dealcheck.visible import visible

_PUNCTUATION = re.compile(r"([\\`*_{}\[\]<>#|~])")


def md(text: str) -> str:
    """User text made inert in Markdown: punctuation backslash-escaped, one line."""
    flat = " ".join(text.replace("&", "&amp;").split())
    return visible(_PUNCTUATION.sub(r"\\\1", flat))


def review_markdown(review: PipelineReview, lang: str = "en") -> str:
    """The review as a Markdown document."""
    against, counts = headline(review, lang)
    out = [f"# {t('compare.title', lang)}", "", md(against), "", md(counts), ""]
    if review.quiet:
        out += [t("compare.nothing", lang), ""]
    for section in SECTIONS:
        heads, cells = rows(review, section, lang)
        if not cells:
            continue
        numeric = NUMERIC[section]
        total = section_size(review, section)
        out += [f"## {t(f'compare.{section}', lang)} ({total:,})", ""]
        out.append("| " + " | ".join(md(h) for h in heads) + " |")
        out.append("|" + "".join("---:|" if i in numeric else "---|" for i in range(len(heads))))
        out += ["| " + " | ".join(md(c) for c in row) + " |" for row in cells]
        more = more_text(review, section, len(cells), lang)
        out += ["", md(more)] if more else []
        out.append("")
    out += [f"> {md(worded(w, lang))}" for w in review.warnings]
    return "\n".join(out).rstrip("\n") + "\n"
