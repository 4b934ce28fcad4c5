"""`dealcheck report DEAL --format html -o FILE` through the CLI."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import invoke
from tests.render.html.parsing import assert_safe, find, text_of

DEAL = "examples/deals/acme-finance-close-automation.yaml"


def test_report_html_to_a_file(runner: CliRunner, in_repo: Path, tmp_path: Path) -> None:
    page = tmp_path / "acme.html"
    code, stdout, stderr = invoke(runner, "report", DEAL, "--format", "html", "-o", str(page))
    assert (code, stdout, stderr) == (0, "", "")
    html = page.read_text(encoding="utf-8")
    assert_safe(html)
    [recommendation] = find(html, "div", id="recommendation")
    assert text_of(recommendation) == "dig deeper"


def test_report_html_to_stdout_in_korean(runner: CliRunner, in_repo: Path) -> None:
    code, stdout, _ = invoke(runner, "report", DEAL, "--format", "html", "--lang", "ko")
    assert code == 0
    assert stdout.startswith("<!DOCTYPE html>") and '<html lang="ko">' in stdout


def test_md_and_json_can_go_to_a_file(runner: CliRunner, in_repo: Path, tmp_path: Path) -> None:
    for fmt in ("md", "json"):
        target = tmp_path / f"acme.{fmt}"
        code, stdout, _ = invoke(runner, "report", DEAL, "--format", fmt, "-o", str(target))
        assert (code, stdout) == (0, "")
        assert "Acme" in target.read_text(encoding="utf-8")


def test_text_to_a_file_is_refused(runner: CliRunner, in_repo: Path, tmp_path: Path) -> None:
    code, _, stderr = invoke(
        runner, "report", DEAL, "--format", "text", "-o", str(tmp_path / "x.md")
    )
    assert code == 2 and "-o needs --format md, json or html" in stderr


@pytest.mark.parametrize(
    ("name", "starts"),
    [
        ("acme.html", "<!DOCTYPE html>"),
        ("acme.HTM", "<!DOCTYPE html>"),
        ("acme.md", "# "),
        ("acme.json", "{"),
    ],
)
def test_the_format_comes_from_the_extension(
    runner: CliRunner, in_repo: Path, tmp_path: Path, name: str, starts: str
) -> None:
    target = tmp_path / name
    code, stdout, stderr = invoke(runner, "report", DEAL, "-o", str(target))
    assert (code, stdout, stderr) == (0, "", "")
    assert target.read_text(encoding="utf-8").startswith(starts)


def test_an_unknown_extension_asks_for_a_format(
    runner: CliRunner, in_repo: Path, tmp_path: Path
) -> None:
    code, _, stderr = invoke(runner, "report", DEAL, "-o", str(tmp_path / "x.txt"))
    assert code == 2
    assert stderr.endswith("name it .md, .json or .html, or give --format md, json or html\n")
    assert not (tmp_path / "x.txt").exists()
