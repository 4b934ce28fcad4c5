"""Where the project config is, and the UI language, without reading the config.

Kept apart from `config` (its pydantic model): a command run where there is no
`.dealcheck.yaml` (a pre-commit hook, `--version`) starts without loading pydantic.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dealcheck.language.config import ProjectConfig

CONFIG_NAME = ".dealcheck.yaml"


def find_config(start: Path | None = None) -> Path | None:
    """The nearest `.dealcheck.yaml` in `start` or a parent, stopping at a git root."""
    folder = (start or Path.cwd()).resolve()
    for candidate in (folder, *folder.parents):
        if (candidate / CONFIG_NAME).is_file():
            return candidate / CONFIG_NAME
        if (candidate / ".git").exists():
            return None
    return None


def resolve_language(option: str | None, config: ProjectConfig | None = None) -> str:
    """Pick the UI language: --lang, then the config, then the locale, then English."""
    for choice in (option, config.language if config else None):
        if choice:
            return choice
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable, "")
        if value:
            return "ko" if value.lower().startswith("ko") else "en"
    return "en"
