"""Where frameworks live: the built-ins shipped with dealcheck and a team's folder."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path

from dealcheck.errors import UsageError, say

TEAM_DIR_DEFAULT = Path("frameworks")


def builtin_dir() -> Path:
    """The folder of built-in framework files (inside the wheel, or the source tree)."""
    package = Path(__file__).resolve().parents[1]
    packaged = package / "frameworks"
    if packaged.is_dir():
        return packaged
    return package.parents[1] / "frameworks"


@dataclass(frozen=True)
class FrameworkSource:
    """A framework file and how it was found."""

    path: Path
    origin: str  # "built-in", "team" or "file"
    display: str = ""

    @property
    def name(self) -> str:
        """How error messages name this file."""
        if self.display:
            return self.display
        return f"<built-in>/{self.path.name}" if self.origin == "built-in" else str(self.path)

    @property
    def key(self) -> str:
        """Identity used to detect `extends` cycles."""
        return str(self.path.resolve())


def builtin_ids() -> list[str]:
    """Ids of the built-in frameworks."""
    return sorted(p.stem for p in builtin_dir().glob("*.yaml"))


def team_files(team_dir: Path) -> list[Path]:
    """Framework files in a team's folder (none if the folder does not exist)."""
    if not team_dir.is_dir():
        return []
    builtin = builtin_dir().resolve()
    if team_dir.resolve() == builtin:
        return []
    return sorted(p for p in team_dir.glob("*.yaml") if p.is_file())


def find_builtin(framework_id: str) -> FrameworkSource | None:
    """The built-in framework with this id, if there is one."""
    path = builtin_dir() / f"{framework_id}.yaml"
    return FrameworkSource(path, "built-in") if path.is_file() else None


def find(reference: str, *, team_dir: Path, relative_to: Path | None = None) -> FrameworkSource:
    """Find a framework by id or path.

    Args:
        reference: A framework id (`meddpicc`) or a path to a YAML file.
        team_dir: The team's framework folder, searched before the built-ins.
        relative_to: For `extends`: the folder of the extending file. Paths are
            resolved from there and must stay inside that folder or the current
            working folder, so a framework cannot pull in files from elsewhere.

    Raises:
        UsageError: When nothing matches; the message lists what is available.
    """
    looks_like_path = reference.endswith((".yaml", ".yml")) or "/" in reference or "\\" in reference
    if looks_like_path:
        return _find_path(reference, relative_to)
    for candidate in (team_dir / f"{reference}.yaml", team_dir / f"{reference}.yml"):
        if candidate.is_file() and candidate.resolve().parent != builtin_dir().resolve():
            return FrameworkSource(candidate, "team", str(candidate))
    if builtin := find_builtin(reference):
        return builtin
    known = sorted({*builtin_ids(), *(p.stem for p in team_files(team_dir))})
    close = difflib.get_close_matches(reference, known, n=1)
    if close:
        raise UsageError(say("catalog.close", id=reference, close=close[0], known=", ".join(known)))
    raise UsageError(say("catalog.unknown", id=reference, known=", ".join(known)))


def _find_path(reference: str, relative_to: Path | None) -> FrameworkSource:
    path = Path(reference)
    display = reference
    if relative_to is not None:
        if path.is_absolute():
            raise UsageError(say("catalog.extends_path", reference=reference))
        display = str(relative_to / path)
        path = (relative_to / path).resolve()
        roots = (relative_to.resolve(), Path.cwd().resolve())
        if not any(root in path.parents for root in roots):
            raise UsageError(
                say("catalog.extends_outside", reference=reference, folder=relative_to)
            )
    if not path.is_file():
        raise UsageError(say("catalog.no_file", reference=reference))
    return FrameworkSource(path, "file", display)
