"""Scored files are replaced only by a run that finishes; devices and links still work."""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dealcheck.batch.write.destination import destination
from dealcheck.errors import WriteError
from tests.batch.conftest import MINI_HEADER, MINI_MAP
from tests.conftest import FRAMEWORK_FIXTURES, invoke


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


def test_an_interrupted_write_keeps_the_previous_file(tmp_path: Path) -> None:
    out = tmp_path / "scored.csv"
    out.write_text("last week\n", encoding="utf-8")

    def interrupted() -> None:
        with destination(str(out), bom=False) as stream:
            stream.write("half of this week")
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        interrupted()
    assert out.read_text(encoding="utf-8") == "last week\n"
    assert _leftovers(tmp_path) == []


def test_a_finished_write_replaces_the_file_and_keeps_its_permissions(tmp_path: Path) -> None:
    out = tmp_path / "scored.csv"
    out.write_text("last week\n", encoding="utf-8")
    out.chmod(0o640)
    with destination(str(out), bom=True) as stream:
        stream.write("이번 주\n")
    assert out.read_bytes() == "\ufeff이번 주\n".encode()
    assert stat.S_IMODE(out.stat().st_mode) == 0o640
    assert _leftovers(tmp_path) == []


def test_a_symbolic_link_is_written_through(tmp_path: Path) -> None:
    real = tmp_path / "real.csv"
    real.write_text("old\n", encoding="utf-8")
    link = tmp_path / "latest.csv"
    link.symlink_to(real)
    with destination(str(link), bom=False) as stream:
        stream.write("new\n")
    assert link.is_symlink()
    assert real.read_text(encoding="utf-8") == "new\n"


def test_a_pipe_is_written_in_place(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    with destination(str(fifo), bom=False) as stream:
        stream.write("rows\n")
    reader.join(timeout=10)
    assert received == [b"rows\n"]
    assert stat.S_ISFIFO(fifo.stat().st_mode)


def test_an_unwritable_folder_is_a_one_line_error(tmp_path: Path) -> None:
    with (
        pytest.raises(WriteError, match="cannot write"),
        destination(str(tmp_path / "missing" / "scored.csv"), bom=False),
    ):
        pass


def test_a_run_failing_midway_leaves_last_weeks_scores(runner: CliRunner, tmp_path: Path) -> None:
    # Valid UTF-8 well past the 1 MiB sample, then a byte that is not: the run stops
    # with an error after scoring thousands of rows.
    mapping = tmp_path / "mini.map.yaml"
    mapping.write_text(MINI_MAP, encoding="utf-8")
    row = "D{n},Deal {n},1200,Descubrimiento,2026-07-01,2026-01-02,Demo,,yes,,no\n"
    body = "".join(row.format(n=n) for n in range(30_000))
    export = tmp_path / "export.csv"
    export.write_bytes((MINI_HEADER + "\n" + body).encode() + b"D-bad,\xff\xfe,1,,,,,,,,\n")
    out = tmp_path / "scored.csv"
    out.write_text("last week\n", encoding="utf-8")

    code, stdout, stderr = invoke(
        runner,
        "score",
        str(export),
        "--map",
        str(mapping),
        "--frameworks-dir",
        str(FRAMEWORK_FIXTURES),
        "-o",
        str(out),
        "--today",
        "2026-06-01",
    )
    assert code != 0
    assert "not valid utf-8" in stderr and "Traceback" not in stderr
    assert out.read_text(encoding="utf-8") == "last week\n"
    assert _leftovers(tmp_path) == []
