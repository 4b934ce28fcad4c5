"""`dealcheck map init`: draft a mapping from an export's headers and first rows.

A column is mapped only when its header spells a name dealcheck knows (a CRM layout's
header in any UI language, a criterion's name or alias in any language the framework
declares) and its values do not veto it: ids are never a name or a level, yes/no is
never a name, numbers are an amount only when they look like money. Anything less sure
is written as `TODO` with the candidates listed, never as a mapping.
"""

from __future__ import annotations

import json

from dealcheck.batch.read.opening import open_input
from dealcheck.drafting.finding import Found, find_columns, read_sample
from dealcheck.drafting.layouts import knowledge
from dealcheck.drafting.sections import DraftWriter, stage_lines
from dealcheck.drafting.sniff import Profile
from dealcheck.language.framework import Framework


def draft_mapping(
    path: str, frameworks: list[Framework], *, crm: str | None = None, encoding: str | None = None
) -> str:
    """A commented YAML mapping draft for the file at `path`.

    Raises:
        UsageError, InputError: When the file cannot be opened or read.
    """
    known = knowledge(frameworks, crm)
    opened = open_input(path, encoding=encoding, delimiter=None)
    try:
        header = opened.header
        found = find_columns(header, known)
        profiles = {p: Profile() for f in found.values() for p in f.sure + f.near}
        stage_at = found.get("stage", Found([], [])).sure
        stage_seen = read_sample(opened.rows, profiles, found, stage_at[0] if stage_at else -1)
    finally:
        opened.close()
    writer = DraftWriter(header, profiles, found, frameworks)
    delimiter = {",": "comma", ";": "semicolon", "\t": "tab"}.get(opened.delimiter, "")
    lines = [
        f"# dealcheck mapping drafted from {path} ({opened.encoding}"
        + (f", {delimiter}-separated)." if delimiter else ")."),
        "# TODO marks what map init could not tell: fill each in (or delete the line), then",
        f"#   dealcheck map check {path} --map THIS_FILE",
        f"frameworks: {json.dumps([fw.id for fw in frameworks])}",
    ]
    if crm:
        lines.append(f"crm: {crm}")
    lines += writer.columns()
    lines += writer.formats()
    lines += stage_lines(stage_seen, known, frameworks)
    lines += writer.criteria()
    lines += writer.attributes()
    return "\n".join(lines) + "\n"


def open_todos(draft: str) -> int:
    """How many TODOs a draft leaves to fill in (commented-out lines do not count)."""
    return sum(line.split("#", 1)[0].count("TODO") for line in draft.splitlines())
