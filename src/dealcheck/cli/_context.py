"""Shared option resolution for commands: team folder and language from the config."""

from __future__ import annotations

from pathlib import Path

from dealcheck.config import ProjectConfig, find_config, load_config, resolve_language


def config() -> ProjectConfig:
    """The project config of the current folder."""
    return load_config()


def team_dir(option: Path | None) -> Path:
    """The team framework folder: the option, else the config's, else ./frameworks."""
    if option is not None:
        return option
    if find_config() is None:
        return Path("frameworks")
    return config().frameworks_path


def language(option: str | None) -> str:
    """The UI language: --lang, then the config, then the locale."""
    if option is not None and option not in ("en", "ko"):
        from dealcheck.errors import UsageError

        raise UsageError(f"--lang {option!r}: use en or ko")
    return resolve_language(option, config())
