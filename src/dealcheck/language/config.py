"""The team's project config, `.dealcheck.yaml`, found in the current folder or above."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, Field

from dealcheck.errors import Location, Problem, ValidationFailed, say
from dealcheck.language.config_path import find_config
from dealcheck.language.framework import StepTemplate

if TYPE_CHECKING:
    from dealcheck.language.yamlfile import YamlMapping

LANGUAGES = ("en", "ko")


class ProjectConfig(BaseModel):
    """Team defaults, kept in the repo beside the deals and frameworks."""

    # Built on first use: commands that find no config file never pay for it.
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    frameworks_dir: str = Field(default="frameworks", description="Folder of team frameworks.")
    frameworks: list[str] = Field(
        default_factory=lambda: ["meddpicc", "red-flags"],
        min_length=1,
        description="Frameworks `qualify` uses when no -f is given.",
    )
    language: str | None = Field(default=None, description="en or ko; default from the locale.")
    deals_dir: str = Field(default="deals", description="Folder where deal files are kept.")
    stage_names: dict[str, str] = Field(
        default_factory=dict, description="Team stage name -> framework stage id."
    )
    close_plan: list[StepTemplate] = Field(
        default_factory=list,
        description="The team's own close plan step templates, added to the frameworks' "
        "`close_plan`; one with a framework template's id replaces it.",
    )
    root: Path = Field(default=Path("."), exclude=True, description="Folder holding the config.")

    @property
    def frameworks_path(self) -> Path:
        """The team framework folder, relative to the config's folder."""
        return self.root / self.frameworks_dir

    @property
    def deals_path(self) -> Path:
        """The deals folder, relative to the config's folder."""
        return self.root / self.deals_dir


def load_config(start: Path | None = None) -> ProjectConfig:
    """Load the project config, or the defaults when there is none."""
    path = find_config(start)
    if path is None:
        return ProjectConfig(root=Path("."))
    return load_config_file(path)


def load_config_file(path: Path) -> ProjectConfig:
    """Load and validate one `.dealcheck.yaml` (paths in it are relative to its folder).

    Raises:
        ValidationFailed: Every problem, each with `FILE:LINE:COLUMN`.
    """
    # PyYAML only when there is a config to read: a cached `framework validate` needs none.
    from dealcheck.language.validation import validate_located
    from dealcheck.language.yamlfile import YamlMapping, locate, read_yaml

    tree = read_yaml(path)
    if not isinstance(tree, YamlMapping):
        raise ValidationFailed([Problem(locate(tree, ()) or _top(path), say("config.not_mapping"))])
    config = validate_located(ProjectConfig, tree, root=path.parent)
    _refuse_repeated_steps(config, tree, path)
    return config


def _refuse_repeated_steps(config: ProjectConfig, tree: YamlMapping, path: Path) -> None:
    """Each team step template id once (a second one would silently win or lose)."""
    from dealcheck.language.yamlfile import locate

    seen: set[str] = set()
    problems = []
    for n, template in enumerate(config.close_plan):
        if template.id in seen:
            where = locate(tree, ("close_plan", n, "id")) or _top(path)
            problems.append(Problem(where, say("config.step_twice", id=template.id)))
        seen.add(template.id)
    if problems:
        raise ValidationFailed(problems)


def _top(path: Path) -> Location:
    return Location(str(path), 1, 1)
