"""Property-based: hostile values in every field of every file end cleanly.

Hypothesis puts huge integers, non-finite floats, deep nesting, control characters,
bidi overrides, NUL bytes and long strings into each field of a framework, a deal,
an answers file, a mapping and the project config, and hostile text into CSV and
JSON Lines rows. Every run must either succeed or fail with located one-line errors
and a documented exit code; never a traceback. Rows are scored or rejected, never
dropped, and no output cell holds a live formula or a hidden control.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner, Result

from tests.batch.conftest import MINI_HEADER, MINI_MAP
from tests.conftest import FIXTURES, FRAMEWORK_FIXTURES

EXIT_CODES = {0, 1, 2, 3, 4, 5}
HIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
SETTINGS = settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

#: YAML scalar or flow text, written raw into a document.
HOSTILE_TOKENS = st.one_of(
    st.sampled_from(
        [
            "9" * 31,
            "9" * 5000,
            "-" + "9" * 5000,
            ".inf",
            "-.inf",
            ".nan",
            "1e400",
            "0x10",
            "true",
            "null",
            "[]",
            "{}",
            "{a: 1}",
            "[" * 60 + "]" * 60,
            "[" * 5000 + "]" * 5000,
            json.dumps("\x1b]8;;http://evil.example\x07click\x1b]8;;\x07"),
            json.dumps("\x1b[2J\x1b[Hcleared"),
            json.dumps("bidi \u202egnp.exe"),
            json.dumps("nul \x00 byte"),
            json.dumps('=HYPERLINK("http://x")'),
            json.dumps("x" * 100_000),
            json.dumps("line\nbreak"),
        ]
    ),
    st.text(max_size=40).map(json.dumps),
    st.integers().map(str),
    st.floats(allow_nan=False, allow_infinity=False).map(repr),
)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every field of a document: each key's value and each list item, at every depth."""
    if prefix:
        yield prefix
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, (*prefix, key))
        yield (*prefix, "unknown_key")
    elif isinstance(value, list):
        for n, item in enumerate(value):
            yield from _paths(item, (*prefix, n))


def _render(value: Any, path: tuple[Any, ...], token: str) -> str:
    """`value` as YAML flow text (JSON is YAML) with `token` written raw at `path`."""
    if not path:
        return token
    head, rest = path[0], path[1:]
    if isinstance(value, dict):
        items = dict(value)
        items.setdefault(head, None)
        parts = [
            f"{json.dumps(str(k))}: "
            + (_render(v, rest, token) if k == head else json.dumps(v, default=str))
            for k, v in items.items()
        ]
        return "{" + ", ".join(parts) + "}"
    parts = [
        _render(v, rest, token) if n == head else json.dumps(v, default=str)
        for n, v in enumerate(value)
    ]
    return "[" + ", ".join(parts) + "]"


def _document(name: str) -> Any:
    return yaml.safe_load((FIXTURES / name).read_text(encoding="utf-8"))


FRAMEWORK = _document("frameworks/mini.yaml")
DEAL = _document("deals/golden-deal.yaml")
MAPPING = yaml.safe_load(MINI_MAP)
ANSWERS = {
    "deal": {"name": "Acme", "company": "Acme Corp", "amount": 1000, "stage": "discovery"},
    "answers": {
        "mini": {
            "criteria": {
                "pain": {"level": "partial", "evidence": "Slow close", "source": "customer"},
                "champion": "unknown",
            },
            "red_flags": {"price-only": "no"},
        }
    },
}
CONFIG = {"frameworks": ["mini"], "language": "en", "deals_dir": "deals", "stage_names": {}}


def _fields(document: Any) -> st.SearchStrategy[tuple[Any, ...]]:
    return st.sampled_from(sorted(set(_paths(document)), key=str))


@contextmanager
def _folder() -> Iterator[Path]:
    """A fresh project folder (a git root, so no config from above is read)."""
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        (folder / ".git").mkdir()
        yield folder


def _run(folder: Path, *args: str) -> Result:
    from dealcheck.cli import app

    previous = Path.cwd()
    os.chdir(folder)
    try:
        return CliRunner().invoke(
            app, list(args), env={"COLUMNS": "100", "NO_COLOR": "1", "LANG": "en_US.UTF-8"}
        )
    finally:
        os.chdir(previous)


def _ends_cleanly(result: Result, file_name: str) -> None:
    """Success, or errors on one line each naming the file; a documented code; no traceback."""
    shown = result.stdout + result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit), shown
    assert "Traceback" not in shown
    assert result.exit_code in EXIT_CODES, shown
    if result.exit_code in (2, 3, 5):
        lines = result.stderr.strip().splitlines()
        assert lines, shown
        assert all(line.startswith("error: ") for line in lines), shown
        if result.exit_code == 3:
            assert all(file_name in line for line in lines), shown


@SETTINGS
@given(field=_fields(FRAMEWORK), token=HOSTILE_TOKENS)
def test_any_value_in_any_framework_field(field: tuple[Any, ...], token: str) -> None:
    with _folder() as folder:
        (folder / "mini.yaml").write_text(_render(FRAMEWORK, field, token), encoding="utf-8")
        result = _run(folder, "framework", "validate", "mini.yaml")
        assert result.exception is None or isinstance(result.exception, SystemExit)
        assert "Traceback" not in result.stdout + result.stderr
        assert result.exit_code in (0, 1), result.stdout + result.stderr
        if result.exit_code == 1:
            problems = result.stdout.strip().splitlines()
            assert problems and all(re.search(r"mini\.yaml:\d+:\d+: ", p) for p in problems)


@SETTINGS
@given(field=_fields(DEAL), token=HOSTILE_TOKENS)
def test_any_value_in_any_deal_field(field: tuple[Any, ...], token: str) -> None:
    with _folder() as folder:
        (folder / "acme.yaml").write_text(_render(DEAL, field, token), encoding="utf-8")
        result = _run(folder, "report", "acme.yaml", "--frameworks-dir", str(FRAMEWORK_FIXTURES))
        _ends_cleanly(result, "acme.yaml")
        assert not HIDDEN.search(result.stdout)


@SETTINGS
@given(field=_fields(ANSWERS), token=HOSTILE_TOKENS)
def test_any_value_in_any_answers_field(field: tuple[Any, ...], token: str) -> None:
    with _folder() as folder:
        (folder / "answers.yaml").write_text(_render(ANSWERS, field, token), encoding="utf-8")
        result = _run(
            folder,
            "qualify",
            "--answers",
            "answers.yaml",
            "-f",
            "mini",
            "--frameworks-dir",
            str(FRAMEWORK_FIXTURES),
        )
        _ends_cleanly(result, "answers.yaml")
        assert not HIDDEN.search(result.stdout)


@SETTINGS
@given(field=_fields(MAPPING), token=HOSTILE_TOKENS)
def test_any_value_in_any_mapping_field(field: tuple[Any, ...], token: str) -> None:
    with _folder() as folder:
        (folder / "m.yaml").write_text(_render(MAPPING, field, token), encoding="utf-8")
        (folder / "export.csv").write_text(
            MINI_HEADER + "\nD1,Acme,1200,Descubrimiento,2026-07-01,2026-01-02,Demo,,yes,,no\n",
            encoding="utf-8",
        )
        result = _run(
            folder,
            "score",
            "export.csv",
            "--map",
            "m.yaml",
            "--frameworks-dir",
            str(FRAMEWORK_FIXTURES),
        )
        _ends_cleanly(result, "m.yaml")


@SETTINGS
@given(field=_fields(CONFIG), token=HOSTILE_TOKENS)
def test_any_value_in_any_config_field(field: tuple[Any, ...], token: str) -> None:
    with _folder() as folder:
        (folder / ".dealcheck.yaml").write_text(_render(CONFIG, field, token), encoding="utf-8")
        result = _run(folder, "framework", "list", "--frameworks-dir", str(FRAMEWORK_FIXTURES))
        _ends_cleanly(result, ".dealcheck.yaml")


CELL = st.one_of(
    st.text(max_size=30),
    st.sampled_from(
        [
            '=HYPERLINK("http://x","y")',
            " =1+1",
            "@SUM(1)",
            "+cmd",
            "-2+3",
            "\x1b[2J",
            "a\u202eb",
            "\x9b31m",
            "1.234,56",
            "NaN",
            "1e400",
            "9" * 5000,
            "",
        ]
    ),
)
ROWS = st.lists(st.lists(CELL, min_size=11, max_size=11), min_size=1, max_size=8)


def _output_cells_are_safe(text: str) -> None:
    for row in csv.reader(io.StringIO(text)):
        for cell in row:
            assert not HIDDEN.search(cell), cell
            start = cell.lstrip(" ")
            live = start[:1] in ("=", "+", "-", "@") and not re.fullmatch(
                r"[+-]?[\d.,]+(?:[eE][+-]?\d+)?", start
            )
            assert not live, cell


def _counts(result: Result) -> tuple[int, int, int]:
    found = re.search(r"([\d,]+) rows? read: ([\d,]+) scored, ([\d,]+) rejected", result.stdout)
    assert found, result.stdout + result.stderr
    read, scored, rejected = (int(g.replace(",", "")) for g in found.groups())
    return read, scored, rejected


@SETTINGS
@given(rows=ROWS)
def test_csv_rows_are_scored_or_rejected_and_every_output_cell_is_safe(
    rows: list[list[str]],
) -> None:
    with _folder() as folder:
        (folder / "m.yaml").write_text(MINI_MAP, encoding="utf-8")
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(MINI_HEADER.split(","))
        for n, row in enumerate(rows):
            writer.writerow([f"D{n}", *row[1:]])
        (folder / "export.csv").write_bytes(buffer.getvalue().encode("utf-8", "surrogatepass"))
        result = _run(
            folder,
            "score",
            "export.csv",
            "--map",
            "m.yaml",
            "--frameworks-dir",
            str(FRAMEWORK_FIXTURES),
            "-o",
            "out.csv",
            "--rejects",
            "rejects.csv",
            "--delimiter",
            "comma",
            "--today",
            date(2026, 6, 1).isoformat(),
        )
        _ends_cleanly(result, "export.csv")
        if result.exit_code != 0:
            return
        read, scored, rejected = _counts(result)
        assert scored + rejected == read
        assert not HIDDEN.search(result.stdout)
        for name in ("out.csv", "rejects.csv"):
            if (folder / name).exists():
                _output_cells_are_safe((folder / name).read_text(encoding="utf-8-sig"))
        scored_rows = list(csv.reader(io.StringIO((folder / "out.csv").read_text("utf-8-sig"))))
        assert len(scored_rows) - 1 == scored


@SETTINGS
@given(rows=ROWS)
def test_jsonl_rows_are_scored_or_rejected_and_nothing_hidden_reaches_the_csv(
    rows: list[list[str]],
) -> None:
    columns = MINI_HEADER.split(",")
    with _folder() as folder:
        (folder / "m.yaml").write_text(MINI_MAP, encoding="utf-8")
        lines = [
            json.dumps(dict(zip(columns, [f"D{n}", *row[1:]], strict=True)))
            for n, row in enumerate(rows)
        ]
        (folder / "export.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
        result = _run(
            folder,
            "score",
            "export.jsonl",
            "--map",
            "m.yaml",
            "--frameworks-dir",
            str(FRAMEWORK_FIXTURES),
            "-o",
            "out.csv",
            "--today",
            "2026-06-01",
        )
        _ends_cleanly(result, "export.jsonl")
        if result.exit_code != 0:
            return
        read, scored, rejected = _counts(result)
        assert scored + rejected == read == len(rows)
        _output_cells_are_safe((folder / "out.csv").read_text(encoding="utf-8-sig"))
