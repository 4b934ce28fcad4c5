"""Shell completion of framework ids and stage ids (run only when the shell asks)."""

from __future__ import annotations

from pathlib import Path

import typer


def framework_ids(ctx: typer.Context, incomplete: str) -> list[str]:
    """Built-in and team framework ids starting with what was typed."""
    from dealcheck.language import catalog

    ids = {*catalog.builtin_ids(), *(p.stem for p in catalog.team_files(_team_dir(ctx)))}
    return sorted(i for i in ids if i.startswith(incomplete))


def stage_ids(ctx: typer.Context, incomplete: str) -> list[str]:
    """Stage ids of the frameworks named with -f (else the config's), in pipeline order."""
    from dealcheck.cli._context import config
    from dealcheck.errors import DealcheckError
    from dealcheck.language.loading import load_framework

    chosen = ctx.params.get("framework") or list(config().frameworks)
    stages: list[str] = []
    for reference in chosen:
        try:
            framework = load_framework(reference, team_dir=_team_dir(ctx))
        except DealcheckError:  # a broken framework completes nothing rather than failing
            continue
        stages += [s.id for s in framework.stages if s.id not in stages]
    return [s for s in stages if s.startswith(incomplete)]


def _team_dir(ctx: typer.Context) -> Path:
    from dealcheck.cli._context import team_dir

    option = ctx.params.get("frameworks_dir")
    return team_dir(Path(option) if option else None)
