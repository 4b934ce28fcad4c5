"""The wheel a user installs works on its own: built, installed in a fresh venv, run elsewhere.

One venv per test session (built once by the `installed` fixture): the wheel, plus the
runtime dependencies at the versions CI locks (requirements/ci.txt as constraints).
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from .conftest import ROOT

EXAMPLES = ROOT / "examples"
pytestmark = pytest.mark.locked


@dataclass(frozen=True)
class Installed:
    wheel: Path
    venv: Path
    work: Path  # a folder outside the checkout holding copies of the shipped examples

    def run(self, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(self.venv / "bin" / "dealcheck"), *args],
            capture_output=True,
            text=True,
            input=stdin,
            cwd=self.work,
            env=_clean_env(),
            check=False,
        )


def _clean_env() -> dict[str, str]:
    """No trace of the checkout or the test venv: no PYTHONPATH, no VIRTUAL_ENV."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env.update(COLUMNS="100", NO_COLOR="1", LANG="en_US.UTF-8", DEALCHECK_NO_CACHE="1")
    return env


def _pip(venv_python: Path | str, *args: str) -> None:
    done = subprocess.run(
        [str(venv_python), "-m", "pip", "--disable-pip-version-check", "-q", *args],
        capture_output=True,
        text=True,
        env=_clean_env(),
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]


@pytest.fixture(scope="session")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    base = tmp_path_factory.mktemp("installed-wheel")
    _pip(sys.executable, "wheel", "--no-deps", "-w", str(base / "dist"), str(ROOT))
    (wheel,) = (base / "dist").glob("dealcheck-*.whl")
    subprocess.run([sys.executable, "-m", "venv", str(base / "venv")], check=True)
    constraints = ROOT / "requirements" / "ci.txt"
    _pip(base / "venv" / "bin" / "python", "install", "-c", str(constraints), str(wheel))
    work = base / "work"
    shutil.copytree(EXAMPLES, work / "examples")
    # As the README's tour starts: the team's config from the sample.
    shutil.copy(EXAMPLES / "dealcheck.example.yaml", work / ".dealcheck.yaml")
    return Installed(wheel, base / "venv", work)


def test_the_wheel_carries_licence_types_frameworks_and_schema(installed: Installed) -> None:
    names = set(zipfile.ZipFile(installed.wheel).namelist())

    assert "dealcheck/py.typed" in names
    assert "dealcheck/schema/framework.schema.json" in names
    assert "dealcheck/frameworks/meddpicc.yaml" in names
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)


def test_the_installed_package_is_the_wheel_not_the_checkout(installed: Installed) -> None:
    done = subprocess.run(
        [
            str(installed.venv / "bin" / "python"),
            "-c",
            "import dealcheck; print(dealcheck.__file__)",
        ],
        capture_output=True,
        text=True,
        cwd=installed.work,
        env=_clean_env(),
        check=True,
    )

    assert Path(done.stdout.strip()).is_relative_to(installed.venv)


def test_framework_list_shows_the_built_ins(installed: Installed) -> None:
    done = installed.run("framework", "list", "--json")

    ids = {entry["id"] for entry in json.loads(done.stdout)}
    assert done.returncode == 0, done.stderr
    assert {"meddpicc", "bant", "why-buy-now-us", "red-flags", "icp-fit"} <= ids


def test_qualify_with_answers_saves_a_deal_and_reports(installed: Installed) -> None:
    done = installed.run(
        "qualify", "--answers", "examples/answers/acme-first-call.yaml", "--lang", "en"
    )

    saved = list((installed.work / "deals").glob("*.yaml"))
    assert done.returncode == 0, done.stderr
    assert "Acme" in done.stdout and "Traceback" not in done.stderr
    assert len(saved) == 1


def test_score_runs_on_the_shipped_example(installed: Installed) -> None:
    done = installed.run(
        "score",
        "examples/salesforce-pipeline.csv",
        "--map",
        "examples/salesforce.map.yaml",
        "-o",
        "scored.csv",
        "--rejects",
        "rejects.csv",
    )

    def records(path: Path) -> list[dict[str, str]]:
        with path.open(encoding="utf-8-sig", newline="") as file:
            return list(csv.DictReader(file))

    scored, rejected = (
        records(installed.work / "scored.csv"),
        records(installed.work / "rejects.csv"),
    )
    assert done.returncode == 0, done.stderr
    # The example carries three broken rows on purpose; every other deal is scored.
    assert len(rejected) == 3
    assert len(scored) + len(rejected) == len(records(EXAMPLES / "salesforce-pipeline.csv"))
    verdicts = {"advance", "dig-deeper", "disqualify", "not-now", "won", "lost", "closed"}
    assert {row["dealcheck_recommendation"] for row in scored} <= verdicts


def test_framework_schema_is_the_shipped_one(installed: Installed) -> None:
    done = installed.run("framework", "schema")

    assert done.returncode == 0, done.stderr
    assert done.stdout == (ROOT / "schema" / "framework.schema.json").read_text(encoding="utf-8")


USER_CODE = """\
from dealcheck import Answers, CriterionAnswer, load_framework, score

framework = load_framework("meddpicc")
card = score(framework, Answers({"champion": CriterionAnswer("partial")}), stage="discovery")
gaps: list[str] = [gap.criterion.id for gap in card.gaps]
"""


def test_users_code_type_checks_against_the_installed_package(
    installed: Installed, tmp_path: Path
) -> None:
    good = tmp_path / "good.py"
    good.write_text(USER_CODE, encoding="utf-8")
    bad = tmp_path / "bad.py"
    bad.write_text(USER_CODE + "wrong: str = card\n", encoding="utf-8")
    mypy = [
        sys.executable,
        "-m",
        "mypy",
        "--strict",
        "--no-incremental",
        "--config-file",
        os.devnull,
        "--python-executable",
        str(installed.venv / "bin" / "python"),
    ]

    checked = subprocess.run(
        [*mypy, good.name, bad.name], capture_output=True, text=True, cwd=tmp_path, check=False
    )

    # Only the deliberate mistake: without py.typed mypy would refuse the import itself.
    assert checked.stdout.splitlines()[0] == (
        'bad.py:6: error: Incompatible types in assignment (expression has type "Scorecard", '
        'variable has type "str")  [assignment]'
    ), checked.stdout
    assert "Found 1 error in 1 file" in checked.stdout
