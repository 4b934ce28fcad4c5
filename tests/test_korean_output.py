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
    "TODO", "Markdown", "ID", "README", "CRM", "NUL",
    # the backtest's measures (learn --suggest), named as the statistics literature does
    "AUC", "Brier",
    # a key's name and the date format a prompt asks for; the seed's "TOP 3 챌린지"
    "Enter", "YYYY", "MM", "DD", "TOP",
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
    "시드 0": "the seeds are our sources, not words a rep knows",
}

HANBIT = "deals/한빛정밀-설비-예지보전.yaml"
#: What a rep types with -f, and what the config and mappings name.
FRAMEWORK_IDS = sorted(p.stem for p in (ROOT / "frameworks").glob("*.yaml"))


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


def _typed(args: list[str]) -> str:
    """What the user typed: the arguments, and the text of the files they name.

    A deal file is typed by the rep (through `qualify`); a CRM export and its mapping
    by the team. Their words (deal names, column headers, framework ids) may be shown.
    """
    texts = [" ".join(args), " ".join(FRAMEWORK_IDS)]
    for arg in args:
        path = Path(arg)
        if path.is_file():
            texts.append(path.read_text(encoding="utf-8", errors="replace"))
            if path.suffix == ".csv":
                texts.append(path.read_bytes().decode("cp949", errors="replace"))
        elif path.is_dir():
            texts += [f.read_text(encoding="utf-8") for f in sorted(path.glob("*.yaml"))]
    return "\n".join(texts)


_VOID = {"area", "br", "col", "hr", "img", "input", "link", "meta", "source", "wbr"}


class _Text(HTMLParser):
    """The text of an HTML page a reader sees (not tags, styles or attribute names)."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._hidden = 0
        self._stack: list[bool] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # The font note is English on purpose (lang="en"): it is for a machine that shows
        # Hangul as boxes, where it is the one text the reader can still read.
        self.parts += [v for k, v in attrs if k in ("aria-label", "title", "alt") and v]
        if tag in _VOID:
            return
        hidden = tag in ("style", "script") or ("lang", "en") in attrs
        self._hidden += hidden
        self._stack.append(hidden)

    def handle_endtag(self, tag: str) -> None:
        self._hidden -= self._stack.pop() if self._stack else 0

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)


def _readable(output: str) -> str:
    """What a person reads: the page text of HTML, the labels and sentences of JSON."""
    if output.lstrip().startswith("<!DOCTYPE"):
        page = _Text()
        page.feed(output)
        return "\n".join(page.parts)
    if output.lstrip().startswith(("{", "[")):
        return "\n".join(_json_prose(json.loads(output)))
    return output


#: JSON keys whose values are meant for people (the rest are ids and numbers).
_PROSE_KEYS = {
    "name",
    "label",
    "text",
    "reason",
    "reasons",
    "question",
    "questions",
    "why",
    "problem",
}


_CODE = re.compile(r"[a-z0-9]+(?:[-_][a-z0-9]+)*")


def _json_prose(node: object, key: str = "") -> Iterator[str]:
    if isinstance(node, dict):
        for k, value in node.items():
            yield from _json_prose(value, k)
    elif isinstance(node, list):
        for item in node:
            yield from _json_prose(item, key)
    elif isinstance(node, str) and key in _PROSE_KEYS and not _CODE.fullmatch(node):
        yield node  # prose; a bare code (`"reason": "find-buyer"`) sits beside its text


#: Option names, file paths, `file keys` and 'values' are what the user types, not prose.
_OPTIONS_AND_PATHS = re.compile(
    r"`[^`]*`|'[^'\n]*'|"
    r"(?<![\w-])--?[a-z][a-z-]*|[\w.~-]*[/\\][^\s'\",()]*|[\w-]+\.(yaml|csv|md|html|json)\b"
)
#: Encodings (cp949, utf-8), bytes (0xb0), percentage points (3%p), and a Korean term's original in parentheses
#: right after it (원어 병기, as in 측정 지표(Metrics)) are not English prose either.
_TECHNICAL = re.compile(
    r"(?<![\w-])(?:utf|cp)-?\d+(?!\d)|(?<!\w)0x[0-9a-f]+|%p\b"
    r"|(?<=[가-힣])\([A-Za-z][A-Za-z .-]*(?:, [A-Za-z .-]+)*(?:, [가-힣 ]+)?\)",
    re.I,
)
_IDS = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)+")


def english_fragments(output: str, typed: str) -> list[str]:
    """Latin-letter words that are neither allowed nor typed, with their line."""
    words = set(re.findall(r"[A-Za-z]+", _IDS.sub(" ", typed)))
    ids = set(_IDS.findall(typed))
    found = []
    for line in _readable(output).splitlines():
        bare = _TECHNICAL.sub(" ", _OPTIONS_AND_PATHS.sub(" ", line))
        bare = _IDS.sub(lambda m: " " if m.group(0) in ids else m.group(0), bare)
        for word in re.findall(r"[A-Za-z]+", bare):
            if word not in ALLOWED and word not in words:
                found.append(f"{word!r} in {line.strip()!r}")
    return found


def forbidden_terms(output: str, typed: str = "") -> list[str]:
    """Glossary-forbidden words outside what the user typed, with the rule each breaks."""
    said = " ".join(t for t in re.split(r"[\s·,:()\"'\[\]←→]+", output) if t not in typed)
    return [f"{term!r}: {rule}" for term, rule in FORBIDDEN.items() if term in said]


def _korean_run(folder: Path, *args: str, status: int | None = None, ids: str = "") -> str:
    code, out, err = invoke(CliRunner(), *args)
    if status is not None:
        assert code == status, out + err
    text = out + err
    typed = f"{_typed(list(args))} {ids}"
    assert "Traceback" not in text
    assert english_fragments(text, typed) == []
    assert forbidden_terms(text, typed) == []
    return text


# --- every command over the shipped examples ------------------------------------------

PLAN = """\
agreed_by: 박 과장
agreed_on: 2025-05-03
steps:
  - {id: business-case, person: 김서연, target: 2025-05-16, status: in-progress}
  - {id: security-review, person: 정보보안팀, target: 2025-06-13}
  - {id: budget-approval, person: 공장장, target: 2025-09-12}
"""

HUBSPOT = ["examples/hubspot-ko-pipeline.csv", "--map", "examples/hubspot-ko.map.yaml"]

COMMANDS = [
    ["report", HANBIT],
    ["report", HANBIT, "--format", "md"],
    ["report", HANBIT, "--format", "json"],
    ["report", HANBIT, "--format", "html"],
    ["prep", HANBIT, "--today", "2025-05-05"],
    ["prep", HANBIT, "--today", "2025-05-05", "--format", "md"],
    ["prep", HANBIT, "--today", "2025-05-05", "--format", "html"],
    ["plan", HANBIT, "--answers", "plan.yaml", "--today", "2025-05-05"],
    ["qualify", HANBIT, "--no-input"],
    ["archive", HANBIT, "--keep", "1"],
    ["score", *HUBSPOT, "--today", "2026-11-23"],
    ["score", *HUBSPOT, "--today", "2026-11-23", "--format", "md"],
    ["score", *HUBSPOT, "--today", "2026-11-23", "--format", "html"],
    ["map", "check", *HUBSPOT],
    ["learn", *HUBSPOT],
    ["learn", *HUBSPOT, "--format", "md"],
    ["learn", *HUBSPOT, "--format", "html"],
    ["learn", *HUBSPOT, "--format", "json"],
    ["validate", "examples/hubspot-ko.map.yaml", ".dealcheck.yaml"],
    ["framework", "list"],
    ["framework", "new", "team-meddpicc"],
    ["map", "init", "examples/hubspot-ko-pipeline.csv", "-f", "bant", "-o", "draft.map.yaml"],
    ["framework", "validate", *(str(p) for p in sorted((ROOT / "frameworks").glob("*.yaml")))],
    ["framework", "test", str(ROOT / "frameworks" / "tests")],
    # by path, so that the texts they change (in English too) are the authors'
    [
        "framework",
        "diff",
        str(ROOT / "frameworks" / "meddpicc.yaml"),
        str(ROOT / "frameworks" / "bant.yaml"),
    ],
]


@pytest.fixture
def qualified(korean_team: Path) -> Path:
    """The Korean example deal, qualified once (its answers, in Korean, are the rep's)."""
    (korean_team / "plan.yaml").write_text(PLAN, encoding="utf-8")
    _korean_run(korean_team, "qualify", "--answers", "examples/answers/hanbit-first-call.yaml")
    return korean_team


@pytest.mark.parametrize("args", COMMANDS, ids=lambda args: " ".join(args[:4]))
def test_korean_commands_print_no_english(qualified: Path, args: list[str]) -> None:
    text = _korean_run(qualified, *args)

    machine_only = text.startswith("{") and not _readable(text)  # JSON with no prose in it
    assert machine_only or re.search("[가-힣]", _readable(text))


@pytest.mark.parametrize("framework", sorted(p.stem for p in (ROOT / "frameworks").glob("*.yaml")))
def test_framework_show_is_korean_but_for_ids(korean_team: Path, framework: str) -> None:
    # The ids (criteria, levels, red flags) are what a framework author types; all else is Korean.
    source = (ROOT / "frameworks" / f"{framework}.yaml").read_text(encoding="utf-8")
    ids = " ".join(re.findall(r"\bid: ([\w-]+)", source))
    code, out, err = invoke(CliRunner(), "framework", "show", framework)

    # A long id folds at the table's edge ("decision-maker-never-in-ro" / "om").
    found = english_fragments(out + err, f"{framework} {ids}")
    assert [f for f in found if f.split("'")[1] not in ids] == []
    assert forbidden_terms(out + err) == []


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


def test_refusing_to_score_blind_is_korean(korean_team: Path) -> None:
    blind = korean_team / "blind.map.yaml"
    mapping = (korean_team / "examples" / "hubspot-ko.map.yaml").read_text(encoding="utf-8")
    blind.write_text(mapping.split("\ncriteria:")[0] + "\n", encoding="utf-8")

    text = _korean_run(
        korean_team, "score", "examples/hubspot-ko-pipeline.csv", "--map", str(blind), status=2
    )

    assert "점수를 매기지 않겠습니다" in text


def test_broken_files_are_reported_in_korean_where_they_are(korean_team: Path) -> None:
    bad = sorted((ROOT / "tests" / "fixtures" / "frameworks" / "bad").glob("*.yaml"))

    text = _korean_run(korean_team, "framework", "validate", *map(str, bad), status=1)

    lines = text.splitlines()
    assert len(lines) == len(bad) + 1
    assert all(re.match(r"\S+\.yaml:\d+:\d+: .*[가-힣]", line) for line in lines[:-1])
    assert lines[-1] == f"파일 {len(bad)}개 점검: 문제 있는 파일 {len(bad)}개"


def test_a_broken_config_and_mapping_are_reported_in_korean(korean_team: Path) -> None:
    mapping = korean_team / "bad.map.yaml"
    mapping.write_text(
        "frameworks: [bant]\ncolumns: {name: 이름}\ncriteria: {bant: {budgt: {column: 예산}}}\ncrm: x\n",
        encoding="utf-8",
    )

    # The ids to choose from are listed as they are typed.
    bant = "budget authority need timeframe"
    text = _korean_run(korean_team, "validate", str(mapping), status=1, ids=bant)

    assert "없는 기준입니다: 'budgt'" in text


def test_a_framework_version_change_is_noted_in_korean(qualified: Path) -> None:
    deal = qualified / HANBIT
    deal.write_text(deal.read_text("utf-8").replace("meddpicc@1.0.0", "meddpicc@0.9.0"), "utf-8")

    text = _korean_run(qualified, "report", HANBIT, status=0)

    assert "당시에는 meddpicc@0.9.0, 지금은 meddpicc@1.0.0 버전입니다" in text


def test_a_broken_team_framework_is_listed_in_korean(korean_team: Path) -> None:
    (korean_team / "frameworks").mkdir()
    (korean_team / "frameworks" / "broken.yaml").write_text("id: broken\n", encoding="utf-8")

    # As JSON: a narrow table folds the quoted key across lines.
    text = _korean_run(korean_team, "framework", "list", "--json", status=0, ids="broken")

    assert "필수 키가 없습니다" in text


def test_a_future_confirmation_is_refused_in_korean(korean_team: Path) -> None:
    answers = korean_team / "future.yaml"
    given = (korean_team / "examples" / "answers" / "hanbit-first-call.yaml").read_text(
        encoding="utf-8"
    )
    answers.write_text(given.replace("2026-11-12", "2099-01-01"), encoding="utf-8")

    text = _korean_run(korean_team, "qualify", "--answers", str(answers), status=3)

    assert "미래 날짜입니다" in text


def test_strict_scoring_fails_in_korean(korean_team: Path) -> None:
    text = _korean_run(
        korean_team, "score", *HUBSPOT, "--strict", "--today", "2026-11-23", status=1
    )

    assert "오류: 거부된 행 1개 (--strict)" in text


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


def test_the_scanner_catches_english_and_forbidden_words() -> None:
    typed = "name: Acme\nframeworks: [red-flags]"
    line = "Acme · red-flags · 점수 61 · score 61 · --lang ko · deals/x.yaml · red flags"

    found = english_fragments(line, typed)

    assert [f.split(" in ")[0] for f in found] == ["'score'", "'red'", "'flags'"]
    assert forbidden_terms("거래 이름 · 고객님 개인에게", "columns: {name: 거래 이름}") == [
        "'고객님': a customer's manager is asked with the title, not 고객님"
    ]


def test_the_korean_catalogue_has_no_english_or_forbidden_words() -> None:
    # Covers what the runs above cannot reach: interactive prompts, rare errors. What the
    # user types (commands, keys, option values) is quoted in `backticks`.
    from dealcheck.i18n import MESSAGES

    english = {
        key: found
        for key, text in MESSAGES["ko"].items()
        if (found := english_fragments(re.sub(r"\{[^}]*\}", " ", text), ""))
    }
    forbidden = {
        key: found for key, text in MESSAGES["ko"].items() if (found := forbidden_terms(text))
    }

    assert english == {}
    assert forbidden == {}
