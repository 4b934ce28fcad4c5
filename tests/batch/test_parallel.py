"""Scoring a large file on two cores gives byte for byte what one pass gives."""

from __future__ import annotations

import dataclasses
import random
from pathlib import Path
from typing import Any

import pytest

from dealcheck.batch.pipeline import ScoreJob, score_pipeline
from dealcheck.batch.read.opening import open_input
from dealcheck.batch.split import cuts
from dealcheck.batch.split import workers as parallel
from dealcheck.batch.summarise.builder import PipelineSummary
from dealcheck.batch.write.outputs import JsonLinesWriter
from dealcheck.language.framework import Framework
from dealcheck.mapping.loading import load_mapping
from tests.batch.conftest import MINI_HEADER, TODAY, run

NO_SPLIT = str(1 << 40)


def _export(path: Path, encoding: str, rows: int = 3000, *, seed: int = 7) -> None:
    """Hangul, formulas, quoted multi-line cells, blank lines and every kind of reject."""
    rng = random.Random(seed)
    lines = [MINI_HEADER]
    for n in range(rows):
        kind = n % 23
        pain = rng.choice(["", "Slow month-end close", '"Two lines\r\nof pain"', "매출 누락"])
        champion = rng.choice(["", "yes", "no", "Confirmed", "maybe"])
        step = rng.choice(["", "Demo", '"=HYPERLINK(""x"")"', "-call CFO", "+1 review"])
        amount = rng.choice(["1200", "-10", "", "98000.5", "3,500"])
        cells = [
            f"D{n}",
            f"한빛물류 {n}" if n % 3 else f'"Acme, Inc. {n}"',
            "abc" if kind == 5 else amount.replace(",", ""),
            rng.choice(["Descubrimiento", "Ganada", "", "Unknown stage"]),
            "2026-13-45" if kind == 9 else f"2026-0{1 + n % 9}-1{n % 9}",
            "2026-01-02",
            step,
            pain,
            champion,
            rng.choice(["Confirmed", "Partial", "", "0"]),
            rng.choice(["yes", "no", ""]),
        ]
        if kind == 11:
            cells.append("extra")
        lines.append(",".join(cells))
        if kind == 17:
            lines.append("")
        if kind == 19:
            lines.append('D-bad,"unbalanced"x,1,,,,,,,,')
    body = "\r\n".join(lines) + "\r\n"
    path.write_bytes(body.encode("utf-8-sig" if encoding == "utf-8-sig" else encoding))


def _comparable(summary: PipelineSummary) -> dict[str, Any]:
    # Each worker counts its own `assess` calls; everything else must match exactly.
    return dataclasses.asdict(summary)


@pytest.fixture
def splits(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Records each split attempt's outcome (True: scored in two processes)."""
    outcomes: list[bool] = []
    real = parallel.score_split

    def spy(*args: Any) -> bool:
        outcomes.append(real(*args))
        return outcomes[-1]

    monkeypatch.setattr(parallel, "score_split", spy)
    return outcomes


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp949"])
def test_two_processes_write_what_one_pass_writes(
    tmp_path: Path,
    mini: Framework,
    mini_map: Path,
    monkeypatch: pytest.MonkeyPatch,
    splits: list[bool],
    encoding: str,
) -> None:
    export = tmp_path / "export.csv"
    _export(export, encoding)
    monkeypatch.setenv("DEALCHECK_SPLIT_BYTES", NO_SPLIT)
    one = run([export], [mini], mini_map, tmp_path / "one.csv")
    monkeypatch.setenv("DEALCHECK_SPLIT_BYTES", "1000")
    two = run([export], [mini], mini_map, tmp_path / "two.csv")

    assert splits == [True]
    assert (tmp_path / "two.csv").read_bytes() == (tmp_path / "one.csv").read_bytes()
    assert _comparable(two) == _comparable(one)
    assert one.rejected > 100 and one.scored > 2000
    assert not list(tmp_path.glob(".dealcheck-*"))


def test_rejects_keep_their_physical_line_numbers(
    tmp_path: Path, mini: Framework, mini_map: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    export = tmp_path / "export.csv"
    _export(export, "utf-8")
    monkeypatch.setenv("DEALCHECK_SPLIT_BYTES", "1000")
    summary = run([export], [mini], mini_map)
    size = export.stat().st_size
    cut = cuts.find_cut(str(export), size)

    assert cut is not None
    physical = export.read_bytes()[: cut.offset].decode("utf-8").splitlines()
    assert cut.line == len(physical) + 1
    for example in summary.reject_examples:
        assert example.line >= 2


def test_jsonl_output_is_the_same_in_two_processes(
    tmp_path: Path, mini: Framework, mini_map: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    export = tmp_path / "export.csv"
    _export(export, "utf-8", rows=1500)
    mapping, tree = load_mapping(mini_map)
    outputs = []
    for threshold in (NO_SPLIT, "1000"):
        monkeypatch.setenv("DEALCHECK_SPLIT_BYTES", threshold)
        out = tmp_path / f"{threshold}.jsonl"
        with out.open("w", encoding="utf-8", newline="") as stream:
            job = ScoreJob([str(export)], [mini], mapping, tree, TODAY, with_reports=True)
            writer = JsonLinesWriter(stream)
            writer.finish(score_pipeline(job, writer))
        outputs.append(out.read_bytes())

    assert outputs[0] == outputs[1]


def test_a_cut_inside_an_open_quote_falls_back_to_one_pass(
    tmp_path: Path,
    mini: Framework,
    mini_map: Path,
    monkeypatch: pytest.MonkeyPatch,
    splits: list[bool],
) -> None:
    # A stray quote inside an unquoted cell flips the parity count, so the cut lands
    # inside the quoted field that follows; the first range then ends mid-record.
    rows = [f"D{n},Deal {n},100,,,,,,,," for n in range(400)]
    rows[10] = 'D10,Deal 5" screen,100,,,,,,,,'
    rows[150] = 'D150,Deal,100,,,,,"spans\r\n' + "\r\n".join(rows[151:300]) + '\r\nend",,,'
    del rows[151:300]
    export = tmp_path / "export.csv"
    export.write_text(MINI_HEADER + "\r\n" + "\r\n".join(rows) + "\r\n", encoding="utf-8")
    monkeypatch.setenv("DEALCHECK_SPLIT_BYTES", NO_SPLIT)
    one = run([export], [mini], mini_map, tmp_path / "one.csv")
    monkeypatch.setenv("DEALCHECK_SPLIT_BYTES", "100")
    two = run([export], [mini], mini_map, tmp_path / "two.csv")

    assert (tmp_path / "two.csv").read_bytes() == (tmp_path / "one.csv").read_bytes()
    assert _comparable(two) == _comparable(one)
    assert splits == [False]


def test_without_a_cut_the_first_worker_reads_the_whole_file(
    tmp_path: Path,
    mini: Framework,
    mini_map: Path,
    monkeypatch: pytest.MonkeyPatch,
    splits: list[bool],
) -> None:
    # Old Mac line breaks (`\r` only): there is no `\n` to cut at, so the second
    # worker finds nothing and the first must not stop where it was told to wait.
    rows = [
        f"D{n},Deal {n},{100 + n},Descubrimiento,2026-07-01,2026-01-02,Demo,,yes,,"
        for n in range(300)
    ]
    export = tmp_path / "export.csv"
    export.write_bytes((MINI_HEADER + "\r" + "\r".join(rows) + "\r").encode())
    monkeypatch.setenv("DEALCHECK_SPLIT_BYTES", NO_SPLIT)
    one = run([export], [mini], mini_map, tmp_path / "one.csv")
    monkeypatch.setenv("DEALCHECK_SPLIT_BYTES", "100")
    two = run([export], [mini], mini_map, tmp_path / "two.csv")

    assert splits == [True]
    assert one.scored == 300
    assert (tmp_path / "two.csv").read_bytes() == (tmp_path / "one.csv").read_bytes()
    assert _comparable(two) == _comparable(one)


def test_a_failing_cut_search_fails_the_run_without_hanging(
    tmp_path: Path, mini: Framework, mini_map: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    export = tmp_path / "export.csv"
    _export(export, "utf-8", rows=600)

    def broken(*args: object) -> None:
        raise OSError("disk went away")

    monkeypatch.setattr(parallel, "find_cut", broken)  # the forked workers inherit it
    monkeypatch.setenv("DEALCHECK_SPLIT_BYTES", "1000")
    with pytest.raises(OSError, match="disk went away"):
        run([export], [mini], mini_map, tmp_path / "out.csv")
    assert not list(tmp_path.glob(".dealcheck-*"))


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"h\na\nb\nc\n", (6, 4)),
        (b'h\n"a\nb"\nc\nd\n', (8, 4)),
        (b"h\r\na\r\nb\r\nc\r\n", (9, 4)),
        (b"h\ra\rb\rc\r", None),
    ],
)
def test_find_cut(tmp_path: Path, data: bytes, expected: tuple[int, int] | None) -> None:
    path = tmp_path / "x.csv"
    path.write_bytes(data)
    cut = cuts.find_cut(str(path), len(data))
    assert ((cut.offset, cut.line) if cut else None) == expected


def test_small_stdin_and_utf16_inputs_stay_in_one_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "x.csv"
    path.write_bytes("a,b\r\n1,2\r\n".encode("utf-16"))
    opened = open_input(str(path), encoding=None, delimiter=None)
    monkeypatch.setenv("DEALCHECK_SPLIT_BYTES", "1")
    assert not parallel.can_split(opened, None, has_rejects=False)
    opened.close()
