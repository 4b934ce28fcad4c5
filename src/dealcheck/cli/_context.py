"""Shared option resolution for commands: team folder and language from the config."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import TYPE_CHECKING

from dealcheck.language.config_path import find_config, resolve_language

if TYPE_CHECKING:
    from dealcheck.language.config import ProjectConfig


def config() -> ProjectConfig:
    """The project config of the current folder (read once while the file is unchanged)."""
    path = find_config()
    if path is None:
        return _config(None)
    stat = path.stat()
    return _config((path, stat.st_mtime_ns, stat.st_size))


@functools.lru_cache(maxsize=4)
def _config(stamp: tuple[Path, int, int] | None) -> ProjectConfig:
    from dealcheck.language.config import load_config

    return load_config(stamp[0].parent if stamp else None)


def team_dir(option: Path | None) -> Path:
    """The team framework folder: the option, else the config's, else ./frameworks."""
    if option is not None:
        return option
    if find_config() is None:
        return Path("frameworks")
    return config().frameworks_path


_shown_in: list[str] = []


def language(option: str | None) -> str:
    """The UI language: --lang, then the config, then the locale.

    The error boundary words its messages in the language last resolved here.
    """
    if option is not None and option not in ("en", "ko"):
        from dealcheck.errors import UsageError, say

        raise UsageError(say("option.lang", given=option))
    if option is not None:
        shown_in(option)  # a broken config is then reported in the language asked for
    # Without a config file there is nothing to read (nor pydantic to load for it).
    chosen = resolve_language(option, config() if find_config() is not None else None)
    shown_in(chosen)
    return chosen


def shown_in(lang: str | None = None) -> str:
    """Record (when given) and return the language this command speaks; English by default."""
    if lang is not None:
        _shown_in[:] = [lang]
    return _shown_in[0] if _shown_in else "en"
