"""Load a version of a framework: an id, a file, or `git:REV:PATH` as it was at a commit.

`git:REV:PATH` lets a pull-request check compare against the base branch without a
second checkout: the framework file and the YAML files beside it (and in the team
folder, for `extends` by id) are read with `git show` into a scratch folder, and
problems are reported as `REV:PATH:LINE:COL`.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from datetime import date
from pathlib import Path, PurePosixPath

from dealcheck.errors import Location, Problem, UsageError, ValidationFailed, os_reason, say
from dealcheck.language.diff import FrameworkDiff, diff_frameworks
from dealcheck.language.framework import Framework
from dealcheck.language.loading import load_framework
from dealcheck.policy.impact import Impact, ImpactRequest, pipeline_impact

GIT_PREFIX = "git:"


def load_version(reference: str, *, team_dir: Path) -> Framework:
    """Load a framework version by id, path, or `git:REV:PATH` (PATH from the current folder).

    Raises:
        UsageError: For an unknown id, a missing file, or a revision or path git does not know.
        ValidationFailed: For a version that breaks the framework language.
    """
    if not reference.startswith(GIT_PREFIX):
        return load_framework(reference, team_dir=team_dir)
    revision, _, path = reference.removeprefix(GIT_PREFIX).partition(":")
    if not revision or not path:
        raise UsageError(say("git.reference", reference=reference))
    return _load_from_git(revision, path, team_dir)


def _load_from_git(revision: str, path: str, team_dir: Path) -> Framework:
    prefix = _git("rev-parse", "--show-prefix").strip()
    top = _git("rev-parse", "--show-toplevel").strip()
    wanted = _in_repository(prefix, path)
    folders = {str(wanted.parent)}
    if not team_dir.is_absolute():
        folders.add(str(_in_repository(prefix, str(team_dir))))
    with tempfile.TemporaryDirectory(prefix="dealcheck-git-") as scratch:
        root = Path(scratch)
        for folder in sorted(folders):
            listing = _git("-C", top, "ls-tree", "--name-only", revision, "--", f"{folder}/")
            for name in listing.splitlines():
                if name.endswith((".yaml", ".yml")):
                    target = root / name
                    target.parent.mkdir(parents=True, exist_ok=True)
                    target.write_bytes(_git_bytes("-C", top, "show", f"{revision}:{name}"))
        file = root / wanted
        if not file.is_file():
            raise UsageError(say("git.no_file", revision=revision, path=path))
        team = (
            root / _in_repository(prefix, str(team_dir)) if not team_dir.is_absolute() else team_dir
        )
        try:
            return load_framework(str(file), team_dir=team)
        except ValidationFailed as error:
            raise ValidationFailed(
                [_renamed(problem, root, revision) for problem in error.problems]
            ) from None
        except UsageError as error:
            raise UsageError(error.message.replace(f"{root}/", f"{revision}:")) from None


def _in_repository(prefix: str, path: str) -> PurePosixPath:
    joined = PurePosixPath(prefix) / PurePosixPath(path.replace("\\", "/"))
    parts: list[str] = []
    for part in joined.parts:
        if part == "..":
            if not parts:
                raise UsageError(say("git.outside", path=path))
            parts.pop()
        elif part != ".":
            parts.append(part)
    return PurePosixPath(*parts)


def _renamed(problem: Problem, root: Path, revision: str) -> Problem:
    file = problem.location.file
    if file.startswith(str(root)):
        file = f"{revision}:{Path(file).relative_to(root).as_posix()}"
    return Problem(Location(file, problem.location.line, problem.location.column), problem.message)


def _git(*args: str) -> str:
    return _git_bytes(*args).decode("utf-8", errors="replace")


def _git_bytes(*args: str) -> bytes:
    git = shutil.which("git")
    if git is None:
        raise UsageError(say("git.missing"))
    try:
        # An argument list, no shell: the revision and path are passed to git as data.
        done = subprocess.run([git, *args], capture_output=True, check=False)  # noqa: S603
    except OSError as error:
        raise UsageError(say("git.cannot_run", reason=os_reason(error))) from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", errors="replace").strip().splitlines()
        shown = " ".join(a for a in args if a != "-C" and not Path(a).is_absolute())
        raise UsageError(say("git.failed", command=shown, said=message[0] if message else "—"))
    return done.stdout


def review_change(
    old: str,
    new: str,
    *,
    team_dir: Path,
    pipeline: list[str] | None = None,
    mapping: str | None = None,
    frameworks: list[str] | None = None,
    encoding: str | None = None,
    today: date | None = None,
) -> tuple[FrameworkDiff, Impact | None]:
    """The semantic diff of two versions (ids, files or `git:REV:PATH`), and its impact.

    With a pipeline given, every deal in it is scored with both versions, read in
    `encoding` (else detected) and as of `today` (else the real day), as `score` does.

    Raises:
        UsageError, InputError, ValidationFailed: As `load_version` and `dealcheck score`.
    """
    before = load_version(old, team_dir=team_dir)
    after = load_version(new, team_dir=team_dir)
    changes = diff_frameworks(before, after)
    if not pipeline:
        return changes, None
    request = ImpactRequest(pipeline, mapping, frameworks or [], team_dir, today, encoding)
    return changes, pipeline_impact(before, after, request)
