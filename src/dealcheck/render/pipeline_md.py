"""The pipeline summary as Markdown. Reads a `PipelineSummary`; computes nothing."""

from __future__ import annotations

from dealcheck.batch.summarise.model import PipelineSummary
from dealcheck.i18n import t
from dealcheck.render.pipeline_format import pipeline_sections
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


def pipeline_markdown(summary: PipelineSummary, lang: str = "en") -> str:
    """The summary as a Markdown document: the sections of `pipeline_sections`."""
    intro, sections = pipeline_sections(summary, lang)
    out = [f"# {t('pipeline.title', lang)}", ""]
    for line in intro:
        out += [escape(line), ""]
    for section in sections:
        out += [f"## {escape(section.title)}", ""]
        if section.rows:
            out.append("| " + " | ".join(escape(h) or " " for h in section.heads) + " |")
            out.append("|" + "|".join("---:" if n else "---" for n in section.numeric) + "|")
            out += ["| " + " | ".join(escape(c) for c in row) + " |" for row in section.rows]
            out.append("")
        out += [f"{escape(note)}\n" for note in section.notes]
    out += [f"- {escape(w)}" for w in summary.warnings[:10]]
    return "\n".join(out).rstrip("\n") + "\n"
