"""Loading frameworks: located validation errors, `extends`, cycles and paths."""

from __future__ import annotations

from pathlib import Path

import pytest

from dealcheck.errors import UsageError, ValidationFailed
from dealcheck.language.loading import load_framework

from .conftest import FRAMEWORK_FIXTURES

BAD = FRAMEWORK_FIXTURES / "bad"
TEAM = FRAMEWORK_FIXTURES / "team"


@pytest.mark.parametrize(
    ("fixture", "expected"),
    [
        (
            "unknown-key.yaml",
            "unknown-key.yaml:25:5: unknown key 'critcal'; did you mean 'critical'?",
        ),
        ("missing-key.yaml", "missing-key.yaml:30:5: missing required key 'evidence_prompt'"),
        (
            "bad-level-reference.yaml",
            "bad-level-reference.yaml:44:25: no level 'parital' on this scale",
        ),
        ("missing-translation.yaml", "missing-translation.yaml:31:11: missing ko text"),
        (
            "cap-without-points.yaml",
            "cap-without-points.yaml:55:5: red_flags.1: a `cap` red flag needs `points`",
        ),
        (
            "wrong-type.yaml",
            "wrong-type.yaml:15:13: criteria.0.weight: Input should be a valid number",
        ),
        ("bad-version.yaml", "bad-version.yaml:4:10: version: '1.0' is not a semantic version"),
        (
            "unknown-stage-criterion.yaml",
            "unknown-stage-criterion.yaml:41:30: no criterion 'metrics'",
        ),
        ("grades-unordered.yaml", "grades-unordered.yaml:70:3: list grade bands from the highest"),
        ("not-a-mapping.yaml", "not-a-mapping.yaml:1:1: a framework file is a mapping"),
    ],
)
def test_framework_errors_name_file_line_and_column(fixture: str, expected: str) -> None:
    with pytest.raises(ValidationFailed) as caught:
        load_framework(BAD / fixture)

    messages = [str(p) for p in caught.value.problems]
    assert any(
        m.startswith(str(BAD / expected.split(":")[0])) and expected.split(":", 1)[1] in m
        for m in messages
    ), messages


def test_every_problem_is_reported_not_just_the_first(tmp_path: Path) -> None:
    text = (FRAMEWORK_FIXTURES / "mini.yaml").read_text(encoding="utf-8")
    broken = text.replace("weight: 40", "weight: -1").replace(
        'critical: true\n    question: {en: "Who', 'critcal: true\n    question: {en: "Who'
    )
    path = tmp_path / "two.yaml"
    path.write_text(broken, encoding="utf-8")

    with pytest.raises(ValidationFailed) as caught:
        load_framework(path)

    assert len(caught.value.problems) == 2


def test_extends_overrides_adds_and_removes_by_id() -> None:
    framework = load_framework(TEAM / "acme.yaml")

    assert framework.id == "acme"
    assert [c.id for c in framework.criteria] == ["pain", "champion", "timing"]
    champion = framework.criterion("champion")
    assert champion is not None and champion.weight == 50 and champion.critical
    assert champion.question.get("ko") == "누가 우리를 대신해 설득하나요?"
    assert [f.id for f in framework.red_flags] == ["price-only", "champion-left"]
    assert framework.recommendation.advance_at == 75
    assert framework.recommendation.disqualify_when_absent == 2
    proposal = framework.stage("proposal")
    assert proposal is not None and proposal.expects == {"champion": "partial"}


def test_extends_cycle_is_an_error_at_the_extends_line() -> None:
    with pytest.raises(
        ValidationFailed, match=r"cycle-b.yaml:4:10: extends cycle: cycle-a -> cycle-b -> cycle-a"
    ):
        load_framework(TEAM / "cycle-a.yaml")


def test_extends_may_not_leave_the_framework_folder() -> None:
    with pytest.raises(ValidationFailed, match=r"escape.yaml:4:10: extends: .* points outside"):
        load_framework(TEAM / "escape.yaml")


def test_remove_of_an_id_that_is_not_inherited_is_an_error() -> None:
    with pytest.raises(
        ValidationFailed, match=r"remove-unknown.yaml:5:16: remove: 'metrics' is not an inherited"
    ):
        load_framework(TEAM / "remove-unknown.yaml")


def test_norway_problem_words_stay_text() -> None:
    framework = load_framework(TEAM / "norway.yaml")

    assert framework.id == "no"
    assert framework.name.get() == "no"
    assert framework.description is not None
    assert framework.description.get("en") == "off" and framework.description.get("ko") == "yes"


def test_unknown_framework_id_lists_the_known_ones(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match=r"no framework 'medpic'; did you mean 'meddpicc'"):
        load_framework("medpic", team_dir=tmp_path)


def test_team_folder_framework_is_found_by_id(tmp_path: Path) -> None:
    (tmp_path / "mini.yaml").write_text(
        (FRAMEWORK_FIXTURES / "mini.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )

    assert load_framework("mini", team_dir=tmp_path).id == "mini"


def test_text_falls_back_to_english_then_any_language() -> None:
    framework = load_framework(FRAMEWORK_FIXTURES / "mini.yaml")

    assert framework.name.get("ko") == "미니"
    assert framework.name.get("ja") == "Mini"
