"""A Korean rep writes amounts in 억 and 만: deal files, answers files, --quota and a
CP949 CRM export read `5억`, `3억 5천만`, `1,200만원`; `3억 5000` is refused with why.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dealcheck.deals import store
from tests.conftest import FRAMEWORK_FIXTURES, ROOT, invoke

MINI = ["-f", "mini", "--frameworks-dir", str(FRAMEWORK_FIXTURES)]
KO_MAP = str(ROOT / "examples" / "hubspot-ko.map.yaml")
HEADER = (
    "레코드 ID,거래 이름,연결된 회사,금액,통화,거래 단계,마감일,생성일,거래 담당자,다음 단계,"
    "페인 포인트,예산 확보,의사결정권자 접촉,챔피언,가격 비교 목적"
)


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / ".git").mkdir()  # stop the config search here
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _deal(folder: Path, amount: str) -> Path:
    path = folder / "hanbit.yaml"
    path.write_text(
        "name: 한빛 설비 예지보전\ncompany: 한빛정밀\n"
        f"amount: {amount}\ncurrency: KRW\nstage: discovery\nowner: 김서연\n"
        "qualifications:\n  - date: 2026-11-20\n    frameworks: [mini@1.0.0]\n"
        "    answers: {mini: {criteria: {pain: partial}}}\n",
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize(
    ("written", "amount"),
    [("5억", 500_000_000), ("3억 5천만원", 350_000_000), ('"1,200만원"', 12_000_000)],
)
def test_a_deal_file_reads_korean_amounts(
    runner: CliRunner, workdir: Path, written: str, amount: int
) -> None:
    deal = _deal(workdir, written)

    code, out, err = invoke(runner, "report", str(deal), "--format", "json", *MINI[2:])
    assert code == 0, err
    assert json.loads(out)["deal"]["amount"] == amount
    code, text, err = invoke(runner, "report", str(deal), "--lang", "ko", *MINI[2:])
    assert code == 0, err
    assert f"{amount:,} KRW" in text


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "en",
            "error: {deal}:3:9: amount: '3억 5000' is not an amount ('5000' after 억 can be "
            "read two ways (5000만 or 5000): write its unit, or the whole amount in digits); "
            "e.g. 120000, 1,200,000.50, 5억, 3억 5천만",
        ),
        (
            "ko",
            "오류: {deal}:3:9: amount: 금액으로 읽을 수 없습니다: '3억 5000' (억 뒤의 '5000': "
            "5000만인지 5000인지 알 수 없습니다. 단위를 붙이거나 전체 금액을 숫자로 적으세요). "
            "예: 120000, 1,200,000.50, 5억, 3억 5천만",
        ),
    ],
)
def test_an_ambiguous_amount_in_a_deal_file_is_one_located_line(
    runner: CliRunner, workdir: Path, lang: str, expected: str
) -> None:
    deal = _deal(workdir, "3억 5000")
    before = deal.read_bytes()

    code, _, err = invoke(runner, "report", str(deal), "--lang", lang, *MINI[2:])

    assert code == 3
    assert err.strip().splitlines() == [expected.format(deal=deal)]
    assert deal.read_bytes() == before


def test_an_answers_file_amount_in_eok_is_saved_as_a_number(
    runner: CliRunner, workdir: Path
) -> None:
    answers = workdir / "answers.yaml"
    answers.write_text(
        "deal: {name: 한빛 설비, amount: 3억 5천만원, currency: KRW, stage: discovery}\n"
        "answers: {mini: {criteria: {pain: assumed}}}\n",
        encoding="utf-8",
    )

    code, _, err = invoke(runner, "qualify", "--answers", str(answers), *MINI)

    assert code == 0, err
    saved = workdir / "deals" / "한빛-설비.yaml"
    assert store.load_deal(saved).amount == 350_000_000
    assert "amount: 350000000" in saved.read_text(encoding="utf-8")


def test_a_cp949_export_reads_korean_amounts_and_rejects_an_ambiguous_one(
    runner: CliRunner, workdir: Path
) -> None:
    rows = [
        ("1", "5억", 500_000_000.0),
        ("2", "3억 5천만원", 350_000_000.0),
        ("3", '"1,200만원"', 12_000_000.0),
        ("4", "3억 5000", None),
    ]
    lines = [
        f"{n},딜 {n},회사 {n},{amount},KRW,미팅 예약,2026-12-30,2026-11-08,이준호,데모,,확인,예,예,아니요"
        for n, amount, _ in rows
    ]
    export = workdir / "export.csv"
    export.write_bytes(("\n".join([HEADER, *lines]) + "\n").encode("cp949"))
    rejects = workdir / "rejects.csv"

    code, out, err = invoke(
        runner,
        "score",
        str(export),
        "--map",
        KO_MAP,
        "--format",
        "json",
        "-o",
        "-",
        "--rejects",
        str(rejects),
        "--quota",
        "15억",
        "--today",
        "2026-11-25",
    )

    assert code == 0, err
    report = json.loads(out)
    assert [d["deal"]["amount"] for d in report["deals"]] == [a for _, _, a in rows if a]
    assert report["summary"]["coverage"][0]["quota"] == 1_500_000_000
    with rejects.open(encoding="utf-8-sig", newline="") as handle:
        (rejected,) = list(csv.DictReader(handle))
    assert rejected["금액"] == "3억 5000"
    assert "'5000' after 억 can be read two ways" in rejected["dealcheck_reason"]


def test_the_korean_summary_says_why_an_amount_was_refused(
    runner: CliRunner, workdir: Path
) -> None:
    line = (
        "1,딜 1,회사 1,3억 5000,KRW,미팅 예약,2026-12-30,2026-11-08,이준호,데모,,확인,예,예,아니요"
    )
    export = workdir / "export.csv"
    export.write_bytes((f"{HEADER}\n{line}\n").encode("cp949"))

    code, out, err = invoke(
        runner, "score", str(export), "--map", KO_MAP, "--lang", "ko", "--today", "2026-11-25"
    )

    assert code == 0, err
    shown = " ".join(out.split())  # the terminal wraps the line
    assert "export.csv:2: 금액으로 읽을 수 없습니다: '3억 5000' (억 뒤의 '5000':" in shown
    assert "two ways" not in shown
