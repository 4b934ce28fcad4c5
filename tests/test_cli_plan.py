"""`dealcheck plan` and `dealcheck prep` through the real Typer app."""

from __future__ import annotations

import shutil
from pathlib import Path

from typer.testing import CliRunner

from dealcheck.deals import store
from tests.conftest import FIXTURES, ROOT, invoke

FRAMEWORKS = ("--frameworks-dir", str(ROOT / "frameworks"))


def copy_deal(tmp_path: Path, name: str = "late-stage") -> Path:
    path = tmp_path / "deal.yaml"
    shutil.copy(FIXTURES / "deals" / "prep" / f"{name}.yaml", path)
    return path


def test_plan_from_answers_saves_and_shows_the_timeline(runner: CliRunner, tmp_path: Path) -> None:
    deal = copy_deal(tmp_path)
    answers = tmp_path / "plan.yaml"
    answers.write_text("steps:\n  - {id: vendor-setup, status: in-progress}\n", encoding="utf-8")

    code, out, err = invoke(
        runner, "plan", str(deal), "--answers", str(answers), "--today", "2025-06-13", *FRAMEWORKS
    )

    assert code == 0, err
    assert "Procurement" in out and "in progress" in out
    assert f"Close plan saved to {deal}" in err
    vendor = store.load_deal(deal).close_plan.step("vendor-setup")  # type: ignore[union-attr]
    assert vendor is not None and vendor.status == "in-progress"


def test_plan_answers_with_a_typo_is_a_one_line_error(runner: CliRunner, tmp_path: Path) -> None:
    deal = copy_deal(tmp_path)
    before = deal.read_text(encoding="utf-8")
    answers = tmp_path / "plan.yaml"
    answers.write_text("steps:\n  - {id: signature, staus: done}\n", encoding="utf-8")

    code, _out, err = invoke(runner, "plan", str(deal), "--answers", str(answers), *FRAMEWORKS)

    assert code == 3  # bad input (README exit codes)
    assert f"{answers}:2:" in err and "staus" in err
    assert "Traceback" not in err
    assert deal.read_text(encoding="utf-8") == before


def test_prep_in_korean_as_markdown_and_html(runner: CliRunner, tmp_path: Path) -> None:
    deal = copy_deal(tmp_path)
    page = tmp_path / "prep.html"

    code, out, err = invoke(
        runner,
        "prep",
        str(deal),
        "--format",
        "md",
        "--lang",
        "ko",
        "--today",
        "2025-06-13",
        *FRAMEWORKS,
    )
    html_code, _, html_err = invoke(
        runner,
        "prep",
        str(deal),
        "--format",
        "html",
        "-o",
        str(page),
        "--today",
        "2025-06-13",
        *FRAMEWORKS,
    )

    assert code == 0, err
    assert "## 이번 콜의 목표" in out and "'구매팀 협력사 등록' 미착수" in out
    assert html_code == 0, html_err
    assert "<h2>Goal of this call</h2>" in page.read_text(encoding="utf-8")


def test_prep_refuses_text_to_a_file(runner: CliRunner, tmp_path: Path) -> None:
    code, _out, err = invoke(
        runner, "prep", str(copy_deal(tmp_path)), "-o", str(tmp_path / "x.txt")
    )

    assert code == 2
    assert "-o needs --format md or html" in err


def test_example_plan_files_are_valid() -> None:
    from dealcheck.deals.plan_edit import PlanAnswers
    from dealcheck.language.validation import validate_located
    from dealcheck.language.yamlfile import read_yaml

    plans = sorted((ROOT / "examples" / "plans").glob("*.yaml"))
    assert plans
    for path in plans:
        assert validate_located(PlanAnswers, read_yaml(path)).steps
