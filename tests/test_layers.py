"""The package's layers point one way: a wing imports only the wings below it.

The file list reads as the data flows (STYLE.md): the framework language, then scoring,
then the wings that use them (interview, deals, batch), then the renderers, then the
commands. Imports made only for type checking do not count: they run no code.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "dealcheck"

# What every wing may use: the error hierarchy, its wording and the file helpers.
_BASE = {"errors", "visible", "i18n", "files", "bounded"}
# The framework language and scoring, and the wings built on them, bottom up.
_CORE = _BASE | {"language", "scoring"}
_BELOW_BATCH = _CORE | {"deals", "mapping"}
_ABOVE_BATCH = _BELOW_BATCH | {"batch"}
_BELOW_RENDER = _ABOVE_BATCH | {"drafting", "review", "policy", "learn"}

# Each wing, with the wings it may import at run time.
ALLOWED: dict[str, set[str]] = {
    "errors": {"i18n"},  # to word a Message when it is shown
    "i18n_pipeline": set(),
    "i18n_qualify": set(),
    "i18n_learn": set(),
    "i18n_errors": set(),
    "i18n_tuning": set(),
    "i18n": {"i18n_pipeline", "i18n_qualify", "i18n_learn", "i18n_errors", "i18n_tuning"},
    "files": {"errors"},
    "visible": set(),
    "bounded": set(),
    "language": {"errors", "visible", "files", "__init__"},
    "scoring": _BASE | {"language"},
    "interview": _CORE,
    "deals": _CORE | {"interview"},
    "mapping": _CORE | {"deals"},  # the mapping language: no export reading
    "batch": _BELOW_BATCH,
    "drafting": _ABOVE_BATCH,  # map init, map check, validate
    "review": _ABOVE_BATCH,  # score --compare
    "learn": _ABOVE_BATCH,
    "policy": _ABOVE_BATCH | {"review"},  # a policy's impact is a review of two runs
    "render": _BELOW_RENDER,
    "cli": _BELOW_RENDER | {"render", "interview", "__init__"},
    "__init__": {"language", "scoring"},
    "__main__": {"__init__", "cli", "errors"},
}


def _wing(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _runtime_imports(tree: ast.AST) -> list[tuple[int, str]]:
    type_only: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            type_only.update(id(inner) for stmt in node.body for inner in ast.walk(stmt))
    found = []
    for node in ast.walk(tree):
        if id(node) in type_only:
            continue
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("dealcheck"):
            found.append((node.lineno, node.module))
        elif isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names if a.name.startswith("dealcheck")]
    return found


def _modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_a_module_imports_only_the_layers_below_its_wing(path: Path) -> None:
    relative = path.relative_to(PACKAGE).with_suffix("")
    wing = relative.parts[0]
    tree = ast.parse(path.read_text(encoding="utf-8"))

    upward = [
        f"{relative}.py:{line} imports {module}"
        for line, module in _runtime_imports(tree)
        if _wing(module) != wing and _wing(module) not in ALLOWED[wing]
    ]

    assert upward == []


def test_every_wing_has_a_place_in_the_layers() -> None:
    wings = {p.relative_to(PACKAGE).with_suffix("").parts[0] for p in _modules()}

    assert wings <= set(ALLOWED), "add the new wing to ALLOWED, below what it uses"


def test_the_check_catches_an_upward_import() -> None:
    tree = ast.parse(
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from dealcheck.cli import app\n"
        "def f():\n    from dealcheck.cli._console import out\n"
    )

    assert _runtime_imports(tree) == [(5, "dealcheck.cli._console")]
