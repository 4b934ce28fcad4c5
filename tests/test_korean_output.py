"""Under --lang ko the tool speaks Korean: no English fragments, no glossary-forbidden words.

Every command runs through the real app over the shipped examples, in a folder whose
config says `language: ko`. Latin-letter words in what it prints are English fragments
unless they are in the short allowlist below, or were typed by the user: present in the
files the command read (deal names, CRM columns, framework ids) or its arguments.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from .conftest import ROOT, invoke, lock_held_elsewhere

#: Latin words Korean output may hold, and why:
ALLOWED = {
    # product and method names (GLOSSARY-ko.md keeps them, e.g. "Why Buy(왜 사는가)")
    "dealcheck", "MEDDPICC", "BANT", "ICP", "ROI", "Why", "Buy", "Now", "Us",
    # file formats and technical names a Korean team writes in Latin letters
    "CSV", "HTML", "JSON", "JSONL", "YAML", "UTF", "CP", "BOM", "Excel", "git", "pid",
    "TODO", "Markdown",
    # language codes (--lang ko)
    "ko", "en",
    # currency codes and grades
    "KRW", "USD", "EUR", "A", "B", "C", "D", "F",
}  # fmt: skip

#: Words GLOSSARY-ko.md rules out, with the rule.
FORBIDDEN = {
    "거래": "one word for a deal: 딜",
    "영업 기회": "one word for a deal: 딜",
    "고객님": "a customer's manager is asked with the title, not 고객님",
    "성사": "closed won is 수주",
    "마감일": "the close date is 예상 계약일",
    "적격성": "the qualification stage is 영업기회 검증",
    "모름입니다": "unknown is 파악되지 않음",
    "을(를)": "no particle hedged on a value",
    "이(가)": "no particle hedged on a value",
    "은(는)": "no particle hedged on a value",
    "error:": "the error prefix is 오류:",
}

HANBIT = "deals/한빛정밀-설비-예지보전.yaml"


@pytest.fixture
def korean_team(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A team folder with the shipped examples and a config that says `language: ko`."""
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    config = (ROOT / "examples" / "dealcheck.example.yaml").read_text(encoding="utf-8")
    (tmp_path / ".dealcheck.yaml").write_text(
        config.replace("language: en", "language: ko"), encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _typed_words(folder: Path, args: list[str]) -> set[str]:
    """Latin words the user typed: in the arguments and the example files they name."""
    words = set(re.findall(r"[A-Za-z]+", " ".join(args)))
    for path in [*folder.glob("examples/**/*"), *folder.glob("deals/*")]:
        if path.is_file() and "frameworks" not in path.parts:
            words |= set(
                re.findall(r"[A-Za-z]+", path.read_text(encoding="utf-8", errors="replace"))
            )
    return words


class _Text(HTMLParser):
    """The text of an HTML page a reader sees (not tags, styles or attribute names)."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._hidden += tag in ("style", "script")
        self.parts += [v for k, v in attrs if k in ("aria-label", "title", "alt") and v]

    def handle_endtag(self, tag: str) -> None:
        self._hidden -= tag in ("style", "script")

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)


def _readable(output: str) -> str:
    """What a person reads: the page text of HTML, the labels and sentences of JSON."""
    if output.lstrip().startswith("<!DOCTYPE"):
        page = _Text()
        page.feed(output)
        return "\n".join(page.parts)
    if output.lstrip().startswith("{"):
        return "\n".join(_json_prose(json.loads(output)))
    return output


#: JSON keys whose values are meant for people (the rest are ids and numbers).
_PROSE_KEYS = {"name", "label", "text", "reason", "reasons", "question", "questions", "why"}


def _json_prose(node: object, key: str = "") -> Iterator[str]:
    if isinstance(node, dict):
        for k, value in node.items():
            yield from _json_prose(value, k)
    elif isinstance(node, list):
        for item in node:
            yield from _json_prose(item, key)
    elif isinstance(node, str) and key in _PROSE_KEYS:
        yield node


def english_fragments(output: str, typed: set[str]) -> list[str]:
    """Latin-letter words that are neither allowed nor typed, with their line."""
    found = []
    for line in _readable(output).splitlines():
        bare = re.sub(r"(?<!\S)(--?[a-z][a-z-]*|\S*[/\\.]\S*\.(yaml|csv|md|html|json))", " ", line)
        for word in re.findall(r"[A-Za-z]+", bare):
            if word not in ALLOWED and word not in typed:
                found.append(f"{word!r} in {line.strip()!r}")
    return found


def forbidden_terms(output: str) -> list[str]:
    """Glossary-forbidden words, with the rule each breaks."""
    return [f"{term!r}: {rule}" for term, rule in FORBIDDEN.items() if term in output]


def _korean_run(folder: Path, *args: str, status: int | None = None) -> str:
    code, out, err = invoke(CliRunner(), *args)
    if status is not None:
        assert code == status, out + err
    text = out + err
    assert "Traceback" not in text
    assert english_fragments(text, _typed_words(folder, list(args))) == []
    assert forbidden_terms(text) == []
    return text


# --- errors and refusals ------------------------------------------------------------

ERROR_RUNS = [
    pytest.param(["report", "nothing.yaml"], 2, "딜 파일이 없습니다", id="missing deal"),
    pytest.param(
        ["report", "examples/salesforce.map.yaml"], 3, "딜 파일이 아닙니다", id="not a deal"
    ),
    pytest.param(
        ["qualify", "--answers", "nothing.yaml"], 2, "파일이 없습니다", id="missing answers"
    ),
    pytest.param(
        ["qualify", "--answers", "examples/answers/hanbit-first-call.yaml", "-f", "bant"],
        3,
        "쓰지 않는 프레임워크",
        id="answers for a framework not in play",
    ),
    pytest.param(
        [
            "qualify",
            "--answers",
            "examples/answers/hanbit-first-call.yaml",
            "--stage",
            "negotation",
        ],
        2,
        "없는 단계",
        id="misspelt stage",
    ),
]


@pytest.mark.parametrize(("args", "status", "said"), ERROR_RUNS)
def test_errors_are_korean(korean_team: Path, args: list[str], status: int, said: str) -> None:
    text = _korean_run(korean_team, *args, status=status)

    assert text.startswith("오류: ") and said in text


def test_a_locked_deal_is_refused_in_korean(korean_team: Path) -> None:
    answers = "examples/answers/hanbit-first-call.yaml"
    _korean_run(korean_team, "qualify", "--answers", answers, status=0)

    with lock_held_elsewhere(korean_team / HANBIT) as holder:
        text = _korean_run(korean_team, "qualify", HANBIT, "--no-input", status=4)

    assert f"다른 dealcheck 프로세스에서 열려 있습니다(pid {holder.pid})" in text


def test_english_stays_the_default(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)

    code, _, err = invoke(CliRunner(), "report", "nothing.yaml")

    assert (code, err) == (2, "error: nothing.yaml: no such deal file\n")


def test_the_scanner_catches_english() -> None:
    typed = {"Acme"}

    found = english_fragments("Acme · 점수 61 · score 61 · --lang ko · deals/x.yaml", typed)

    assert found == ["'score' in 'Acme · 점수 61 · score 61 · --lang ko · deals/x.yaml'"]
    assert forbidden_terms("거래 이름 · 고객님 개인에게") != []
