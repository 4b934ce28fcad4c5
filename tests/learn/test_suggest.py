"""The suggested overlay: a reviewable file that loads as the suggested framework."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dealcheck.errors import UsageError
from dealcheck.language.loading import load_framework
from dealcheck.learn.fit import Suggestion, suggest_changes
from dealcheck.learn.suggest import write_overlay
from tests.conftest import ROOT, invoke
from tests.learn.synthetic import HALF_ODDS, PREDICTOR, synthetic_deals


@pytest.fixture(scope="module")
def learned() -> Suggestion:
    return suggest_changes(load_framework("meddpicc"), synthetic_deals(2000, flag_odds=HALF_ODDS))


def test_the_overlay_validates_through_the_real_cli_and_loads_as_the_suggestion(
    learned: Suggestion, runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    write_overlay(learned, Path("suggested.yaml"), framework="meddpicc")

    code, out, err = invoke(runner, "framework", "validate", "suggested.yaml")
    loaded = load_framework("suggested.yaml")

    assert (code, out) == (0, ""), err
    expected = learned.apply()
    assert [(c.id, c.weight) for c in loaded.criteria] == [
        (c.id, c.weight) for c in expected.criteria
    ]
    assert [(f.id, f.points) for f in loaded.red_flags] == [
        (f.id, f.points) for f in expected.red_flags
    ]


def test_the_overlay_holds_only_the_changes_each_with_its_evidence(
    learned: Suggestion, tmp_path: Path
) -> None:
    target = tmp_path / "suggested.yaml"
    write_overlay(learned, target, framework="meddpicc")
    text = target.read_text(encoding="utf-8")

    assert 'extends: "meddpicc"' in text
    assert "id: suggested\n" in text
    assert text.count("  - id: ") == len(learned.weights) + len(learned.flags)
    block = text[text.index(f"- id: {PREDICTOR}") - 700 : text.index(f"- id: {PREDICTOR}")]
    assert "won 7" in block and "at confirmed or above" in block
    assert "95 % interval" in block and "n=2000" in block
    assert f"weight: {int(learned.apply().criterion(PREDICTOR).weight)}  # was 15" in text  # type: ignore[union-attr]
    assert "questions" not in text and "evidence_prompt" not in text


def test_the_same_history_writes_the_same_bytes(learned: Suggestion, tmp_path: Path) -> None:
    again = suggest_changes(load_framework("meddpicc"), synthetic_deals(2000, flag_odds=HALF_ODDS))
    write_overlay(learned, tmp_path / "a.yaml", framework="meddpicc")
    write_overlay(again, tmp_path / "b.yaml", framework="meddpicc")

    assert (tmp_path / "a.yaml").read_bytes().replace(b"id: a\n", b"") == (
        tmp_path / "b.yaml"
    ).read_bytes().replace(b"id: b\n", b"")


def test_an_existing_file_is_kept_unless_forced(learned: Suggestion, tmp_path: Path) -> None:
    target = tmp_path / "suggested.yaml"
    target.write_text("mine\n", encoding="utf-8")

    with pytest.raises(UsageError, match="already exists; pass --force"):
        write_overlay(learned, target, framework="meddpicc")
    assert target.read_text(encoding="utf-8") == "mine\n"

    write_overlay(learned, target, framework="meddpicc", force=True)
    assert target.read_text(encoding="utf-8").startswith("# Suggested by `dealcheck learn`")


def test_a_framework_file_is_extended_by_its_path_from_the_overlay(
    learned: Suggestion, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "team").mkdir()
    (tmp_path / "out").mkdir()
    shutil.copy(ROOT / "frameworks" / "meddpicc.yaml", tmp_path / "team" / "ours.yaml")

    write_overlay(learned, Path("out/learned.yaml"), framework="team/ours.yaml")

    assert 'extends: "../team/ours.yaml"' in Path("out/learned.yaml").read_text(encoding="utf-8")
    assert load_framework("out/learned.yaml").criterion(PREDICTOR).weight > 15  # type: ignore[union-attr]


def test_the_overlay_never_replaces_the_framework_it_extends(
    learned: Suggestion, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copy(ROOT / "frameworks" / "meddpicc.yaml", tmp_path / "ours.yaml")

    with pytest.raises(UsageError, match="is the framework the suggestion builds on"):
        write_overlay(learned, Path("ours.yaml"), framework="ours.yaml", force=True)
