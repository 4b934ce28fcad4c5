"""The learning report as Markdown: for a pull request or a wiki page; user text escaped."""

from __future__ import annotations

from dealcheck.learn.report import LearnReport
from dealcheck.render.learn_format import Table, headline
from dealcheck.render.learn_sections import sections
from dealcheck.render.review_md import md


def learn_markdown(report: LearnReport) -> str:
    """The report as a Markdown document."""
    title, lines = headline(report)
    out = [f"# {md(title)}", "", *(f"{md(line)}  " for line in lines), ""]
    for section in sections(report):
        out += [f"## {md(section.heading)}", ""]
        if section.note:
            out += [f"_{md(section.note)}_", ""]
        if section.lines:
            out += [f"- {md(line)}" for line in section.lines] + [""]
        for table in section.tables:
            out += [*_table(table), ""]
        if section.after:
            out += [md(line) for line in section.after] + [""]
    return "\n".join(out).rstrip("\n") + "\n"


def _table(table: Table) -> list[str]:
    heads = table.heads
    rows = ["| " + " | ".join(md(h) for h in heads) + " |"]
    rows.append("|" + "".join("---:|" if i in table.numeric else "---|" for i in range(len(heads))))
    rows += ["| " + " | ".join(md(cell) for cell in row) + " |" for row in table.rows]
    return rows
