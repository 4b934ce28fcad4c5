"""What frameworks are available: built-ins and the team folder, with their status."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from dealcheck.errors import DealcheckError, Message, Problem, ValidationFailed, say
from dealcheck.language import catalog
from dealcheck.language.framework import Framework
from dealcheck.language.loading import load_framework


@dataclass(frozen=True)
class InventoryEntry:
    """One framework file and whether it loads."""

    id: str
    origin: str
    path: str
    framework: Framework | None
    problem: str | Message | None


def inventory(team_dir: Path) -> list[InventoryEntry]:
    """Every built-in and team framework, loaded, with the first problem of broken ones."""
    sources = [
        catalog.FrameworkSource(catalog.builtin_dir() / f"{i}.yaml", "built-in")
        for i in catalog.builtin_ids()
    ]
    sources += [catalog.FrameworkSource(p, "team", str(p)) for p in catalog.team_files(team_dir)]
    return [_entry(source, team_dir) for source in sources]


def _entry(source: catalog.FrameworkSource, team_dir: Path) -> InventoryEntry:
    reference = source.path.stem if source.origin == "built-in" else str(source.path)
    try:
        framework = load_framework(reference, team_dir=team_dir)
    except ValidationFailed as error:
        return InventoryEntry(
            source.path.stem, source.origin, source.name, None, _first(error.problems[0])
        )
    except DealcheckError as error:
        return InventoryEntry(source.path.stem, source.origin, source.name, None, error.said)
    return InventoryEntry(framework.id, source.origin, source.name, framework, None)


def _first(problem: Problem) -> Message:
    """A located problem as one message, worded when it is shown."""
    return say("located", where=problem.location, message=problem.message)
