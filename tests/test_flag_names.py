"""Red flags a person can read: names required, shown instead of ids, shared flags asked once."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from dealcheck.errors import ValidationFailed
from dealcheck.interview.walk import steps_for
from dealcheck.language.catalog import builtin_dir
from dealcheck.language.loading import load_framework
from dealcheck.scoring.answers import Answers
from dealcheck.scoring.assessment import assess

from .conftest import FRAMEWORK_FIXTURES, invoke

BUILTINS = ["meddpicc", "bant", "why-buy-now-us", "red-flags", "icp-fit"]


def _write_with_flag(tmp_path: Path, flag: dict[str, object]) -> Path:
    tree = yaml.safe_load((FRAMEWORK_FIXTURES / "mini.yaml").read_text(encoding="utf-8"))
    tree["red_flags"] = [flag]
    path = tmp_path / "fw.yaml"
    path.write_text(yaml.safe_dump(tree, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def test_a_red_flag_without_a_name_is_a_located_error(tmp_path: Path) -> None:
    flag = {"id": "gone", "question": {"en": "Gone?", "ko": "떠났나요?"}, "effect": "disqualify"}
    flag["reason"] = {"en": "r", "ko": "r"}
    path = _write_with_flag(tmp_path, flag)

    with pytest.raises(ValidationFailed) as caught:
        load_framework(path)

    assert re.search(r"fw\.yaml:\d+:\d+: .*missing required key 'name'", str(caught.value))


def test_a_red_flag_name_must_be_short_in_every_language(tmp_path: Path) -> None:
    flag = {
        "id": "gone",
        "name": {
            "en": "Gone",
            "ko": "챔피언이 떠났고 후임도 없고 예산도 없고 결정권자도 만나지 못했고 경쟁사가 이미 선정되어 있음",
        },
        "question": {"en": "Gone?", "ko": "떠났나요?"},
        "effect": "disqualify",
        "reason": {"en": "r", "ko": "r"},
    }
    path = _write_with_flag(tmp_path, flag)

    with pytest.raises(ValidationFailed) as caught:
        load_framework(path)

    assert "a red flag's name is a short label" in str(caught.value)


def test_builtin_flags_sharing_an_id_are_the_same_concern_word_for_word() -> None:
    seen: dict[str, dict[str, object]] = {}
    shared = set()
    for name in BUILTINS:
        tree = yaml.safe_load((builtin_dir() / f"{name}.yaml").read_text(encoding="utf-8"))
        for flag in tree["red_flags"]:
            if flag["id"] in seen:
                shared.add(flag["id"])
                assert flag == seen[flag["id"]], f"{name}: {flag['id']} differs"
            seen[flag["id"]] = flag
    # The overlaps the default frameworks used to ask twice are now one flag each.
    assert {"champion-left", "no-economic-buyer-access", "only-believer"} <= shared
    assert "champion-gone" not in seen


def test_a_shared_flag_is_asked_once_and_counted_once() -> None:
    frameworks = [load_framework("meddpicc"), load_framework("red-flags")]
    asked = [s.flag.id for s in steps_for(frameworks) if s.flag is not None]
    assert asked.count("champion-left") == 1
    assert asked.count("no-economic-buyer-access") == 1

    # Answered once (under the first framework), it holds for both and caps once.
    answers = {"meddpicc": Answers(red_flags={"champion-left": True})}
    result = assess(frameworks, answers)
    assert [f.flag.id for f in result.red_flags] == ["champion-left"]
    assert "champion-left" not in result.scorecards[1].unanswered_flags


def _deal_with_every_flag(tmp_path: Path, frameworks: list[str]) -> Path:
    answers = {}
    for name in frameworks:
        framework = load_framework(name)
        answers[name] = {"red_flags": {f.id: "yes" for f in framework.red_flags}}
    deal = {
        "name": "한빛정밀 설비 예지보전",
        "company": "한빛정밀",
        "stage": "proposal",
        "qualifications": [
            {
                "date": "2026-11-20",
                "stage": "proposal",
                "frameworks": [f"{n}@1.0.0" for n in frameworks],
                "answers": answers,
            }
        ],
    }
    path = tmp_path / "deal.yaml"
    path.write_text(yaml.safe_dump(deal, allow_unicode=True), encoding="utf-8")
    return path


@pytest.mark.parametrize("fmt", ["text", "md", "html"])
def test_korean_reports_name_every_flag_and_show_no_flag_id(
    runner: CliRunner, tmp_path: Path, in_repo: Path, fmt: str
) -> None:
    names = ["meddpicc", "red-flags", "why-buy-now-us"]
    deal = _deal_with_every_flag(tmp_path, names)
    ids = {f.id for n in names for f in load_framework(n).red_flags}

    code, out, err = invoke(runner, "report", str(deal), "--lang", "ko", "--format", fmt)

    assert code == 0, err
    shown = html.unescape(re.sub(r'data-flag="[^"]*"', "", out))  # ids stay in attributes
    assert [i for i in ids if i in shown] == []
    assert "'기존 업체 내정(우리는 들러리)' 레드 플래그로 이 딜은 중단 대상입니다." in shown
    assert "최대 40점으로 제한" in shown


def test_json_keeps_the_flag_id_beside_its_name(
    runner: CliRunner, tmp_path: Path, in_repo: Path
) -> None:
    deal = _deal_with_every_flag(tmp_path, ["meddpicc", "red-flags"])

    code, out, _ = invoke(runner, "report", str(deal), "--lang", "ko", "--format", "json")

    assert code == 0
    flags = {f["id"]: f for f in json.loads(out)["red_flags"]}
    assert flags["champion-left"]["name"] == "챔피언 이탈"
    assert list(flags).count("champion-left") == 1
