"""`framework new`: a starter file that extends a built-in framework."""

from __future__ import annotations

import re
from pathlib import Path

from dealcheck.errors import UsageError, say
from dealcheck.language.catalog import builtin_dir, builtin_ids
from dealcheck.language.framework import ID_PATTERN
from dealcheck.language.loading import load_framework
from dealcheck.language.schema_file import SCHEMA_FILE, shipped_text

STARTER = """\
# yaml-language-server: $schema={schema}
# A team framework built on `{parent}`. Check it with: dealcheck framework validate {path}
# See the merged result with: dealcheck framework show {path} --resolved
id: {id}
name:
  en: {id}
  ko: {id}
version: 0.1.0
extends: {parent}
description:
  en: Our team's take on {parent_name}.
  ko: 우리 팀에 맞춘 {parent_name}.

# Override an inherited criterion by id (only the keys you give change):
# criteria:
#   - id: {first_criterion}
#     weight: 25
#     critical: true

# Add a criterion: give every required key (see `dealcheck framework schema`).
# Drop inherited criteria, red flags or stages by id:
# remove: [some-id]

# Tune the recommendation rule:
# recommendation:
#   advance_at: 75
"""


def write_starter(framework_id: str, *, extends: str, folder: Path, force: bool) -> list[Path]:
    """Write `folder/ID.yaml` extending `extends`, plus the JSON Schema beside it.

    Returns:
        The files written.

    Raises:
        UsageError: For a bad id, an unknown parent, or an existing file without `force`.
    """
    if not re.match(ID_PATTERN, framework_id):
        raise UsageError(say("starter.bad_id", id=framework_id))
    if framework_id in builtin_ids():
        raise UsageError(say("starter.builtin_id", id=framework_id))
    if folder.resolve() == builtin_dir().resolve():
        raise UsageError(say("starter.builtin_folder", folder=folder))
    parent = load_framework(extends, team_dir=folder)
    target = folder / f"{framework_id}.yaml"
    if target.exists() and not force:
        raise UsageError(say("file.exists", path=target))
    folder.mkdir(parents=True, exist_ok=True)
    first = parent.criteria[0].id if parent.criteria else "some-criterion"
    target.write_text(
        STARTER.format(
            schema=SCHEMA_FILE,
            parent=extends,
            parent_name=parent.name.get("en"),
            id=framework_id,
            path=target,
            first_criterion=first,
        ),
        encoding="utf-8",
    )
    written = [target]
    schema_path = folder / SCHEMA_FILE
    if not schema_path.exists() or force:
        schema_path.write_text(shipped_text(), encoding="utf-8")
        written.append(schema_path)
    load_framework(str(target), team_dir=folder)
    return written
