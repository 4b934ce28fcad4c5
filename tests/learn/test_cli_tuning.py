"""`dealcheck learn --suggest / --compare-framework` through the real entry point."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from tests.batch.test_maven_sample import MAVEN_MAP, maven_data
from tests.conftest import ROOT, invoke
from tests.learn.synthetic import NON_PREDICTOR, NON_PREDICTOR_FLAG, PREDICTOR, write_export

GOLDEN = ROOT / "tests" / "golden" / "learn-tuning"


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return write_export(tmp_path_factory.mktemp("history"), 3000)


def _json(runner: CliRunner, out: Path, *args: str) -> dict[str, Any]:
    code, _, stderr = invoke(runner, "learn", *args, "--format", "json", "-o", str(out))
    assert code == 0, stderr
    report: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return report


def test_the_suggested_overlay_raises_the_predictor_and_beats_the_original_on_newer_deals(
    runner: CliRunner, history: tuple[Path, Path], tmp_path: Path
) -> None:
    export, mapping = history
    overlay = tmp_path / "learned.yaml"
    common = (str(export), "--map", str(mapping))

    suggested = _json(runner, tmp_path / "a.json", *common, "--suggest", str(overlay))
    code, out, err = invoke(runner, "framework", "validate", str(overlay))
    compared = _json(runner, tmp_path / "b.json", *common, "--compare-framework", str(overlay))

    assert (code, out) == (0, ""), err
    weights = {w["criterion"]: w for w in suggested["suggestion"]["weights"]}
    assert weights[PREDICTOR]["after"] > weights[PREDICTOR]["before"]
    assert not weights[PREDICTOR]["rescaled_only"]
    if NON_PREDICTOR in weights:
        assert weights[NON_PREDICTOR]["after"] <= weights[NON_PREDICTOR]["before"]
    assert NON_PREDICTOR_FLAG not in {f["flag"] for f in suggested["suggestion"]["red_flags"]}
    backtest = compared["backtest"]
    assert backtest["split"] == {
        "by": "date",
        "cutoff": backtest["split"]["cutoff"],
        "train": 2100,
        "test": 900,
        "test_won": backtest["split"]["test_won"],
        "undated": 0,
    }
    assert backtest["other"]["auc"]["value"] > backtest["current"]["auc"]["value"]
    assert backtest["auc_gain"]["low"] > 0
    assert backtest["brier_change"]["value"] < 0
    # The file on disk scores exactly as the suggestion did in memory.
    assert {k: v for k, v in backtest.items() if k != "compared"} == {
        k: v for k, v in suggested["backtest"].items() if k != "compared"
    }


def test_the_overlay_is_the_same_bytes_for_the_same_history(
    runner: CliRunner, history: tuple[Path, Path], tmp_path: Path
) -> None:
    export, mapping = history
    for folder in ("one", "two"):
        (tmp_path / folder).mkdir()
        code, _, err = invoke(
            runner,
            "learn",
            str(export),
            "--map",
            str(mapping),
            "--suggest",
            str(tmp_path / folder / "learned.yaml"),
        )
        assert code == 0, err

    assert (tmp_path / "one" / "learned.yaml").read_bytes() == (
        tmp_path / "two" / "learned.yaml"
    ).read_bytes()


def test_an_existing_suggestion_file_is_kept_unless_forced(
    runner: CliRunner, history: tuple[Path, Path], tmp_path: Path
) -> None:
    export, mapping = history
    overlay = tmp_path / "learned.yaml"
    overlay.write_text("# ours\n", encoding="utf-8")
    common = ("learn", str(export), "--map", str(mapping), "--suggest", str(overlay))

    code, _, err = invoke(runner, *common)
    assert code == 2
    assert err.strip().endswith(f"{overlay} already exists; pass --force to overwrite it")
    assert overlay.read_text(encoding="utf-8") == "# ours\n"

    code, _, err = invoke(runner, *common, "--force")
    assert code == 0, err
    assert overlay.read_text(encoding="utf-8").startswith("# Suggested by `dealcheck learn`")


def test_one_framework_at_a_time(
    runner: CliRunner, history: tuple[Path, Path], tmp_path: Path
) -> None:
    export, mapping = history

    code, _, err = invoke(
        runner,
        "learn",
        str(export),
        "--map",
        str(mapping),
        *("-f", "meddpicc", "-f", "bant"),
        *("--suggest", str(tmp_path / "x.yaml")),
    )

    assert code == 2
    assert "--suggest works on one framework; pick it with -f (in play: meddpicc, bant)" in err
    assert not (tmp_path / "x.yaml").exists()


def test_a_history_without_qualification_columns_says_there_is_nothing_to_fit(
    runner: CliRunner, tmp_path: Path
) -> None:
    mapping = tmp_path / "maven.map.yaml"
    mapping.write_text(MAVEN_MAP, encoding="utf-8")
    export = maven_data() / "sales_pipeline_first2000.csv"

    code, _, err = invoke(
        runner,
        "learn",
        str(export),
        "--map",
        str(mapping),
        "--suggest",
        str(tmp_path / "x.yaml"),
    )

    assert code == 2
    assert "needs criterion levels or red flags in the inputs, and they hold none" in err
    assert "Traceback" not in err
    assert not (tmp_path / "x.yaml").exists()


def test_a_missing_overlay_to_compare_is_one_clear_line(
    runner: CliRunner, history: tuple[Path, Path], tmp_path: Path
) -> None:
    export, mapping = history

    code, _, err = invoke(
        runner,
        "learn",
        str(export),
        "--map",
        str(mapping),
        "--compare-framework",
        str(tmp_path / "nope.yaml"),
    )

    assert code == 2
    assert err.strip().splitlines()[-1].endswith("nope.yaml: no such framework file")


def test_korean_sections_use_the_glossary_and_no_ids(
    runner: CliRunner, history: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    export, mapping = history
    monkeypatch.chdir(tmp_path)

    code, out, err = invoke(
        runner,
        "learn",
        str(export),
        *("--map", str(mapping), "--suggest", "learned.yaml", "--lang", "ko"),
    )

    assert code == 0, err
    part = out[out.index("제안하는 변경") : out.index("실주 사유") if "실주 사유" in out else None]
    assert "백테스트" in part and "경제적 구매자: 가중치 15 →" in part
    assert "economic-buyer" not in part and "signature-path-unknown" not in part


def _between(text: str, start: str, end: str) -> str:
    begin = text.index(start)
    return text[begin : text.index(end, begin)]


@pytest.mark.parametrize(
    ("name", "start", "end"),
    [
        ("suggest.txt", "Suggested changes\n", "Why deals were lost\n"),
        ("suggest.md", "## Suggested changes\n", "## Why deals were lost\n"),
    ],
)
def test_golden_suggestion_and_backtest_sections(
    runner: CliRunner,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    name: str,
    start: str,
    end: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    export, mapping = write_export(tmp_path, 1500)
    report = tmp_path / f"report{Path(name).suffix}"

    code, _, err = invoke(
        runner,
        "learn",
        export.name,
        *("--map", mapping.name, "--suggest", "learned.yaml", "-o", report.name),
    )

    assert code == 0, err
    rendered = _between(report.read_text(encoding="utf-8"), start, end)
    golden = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(rendered, encoding="utf-8")
    assert golden.exists(), f"missing {golden}; run with UPDATE_GOLDEN=1"
    assert rendered == golden.read_text(encoding="utf-8")


def test_the_html_report_carries_both_sections(
    runner: CliRunner, history: tuple[Path, Path], tmp_path: Path
) -> None:
    export, mapping = history
    page = tmp_path / "learn.html"

    code, _, err = invoke(
        runner,
        "learn",
        str(export),
        *("--map", str(mapping), "--suggest", str(tmp_path / "a<b>.yaml"), "-o", str(page)),
    )

    assert code == 0, err
    html = page.read_text(encoding="utf-8")
    suggest = _between(html, '<section id="suggest">', "</section>")
    backtest = _between(html, '<section id="backtest">', "</section>")
    assert "Economic buyer: weight 15 →" in suggest
    assert "a&lt;b&gt;.yaml" in suggest and "a<b>" not in html
    assert "<table>" in backtest and "AUC" in backtest
