"""Hostile input and faults end in one line and a documented exit code, never a traceback.

The real `dealcheck` runs in a subprocess where the standard streams themselves are
the fault (closed, `/dev/full`); everything else goes through the Typer app.
"""

from __future__ import annotations

import contextlib
import csv
import errno
import io
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.batch.conftest import MINI_HEADER, MINI_MAP, score_beside
from tests.conftest import FRAMEWORK_FIXTURES, ROOT, invoke

BIG = "9" * 5000
ROW = "D1,Acme,1200,Descubrimiento,2026-07-01,2026-01-02,Demo,Slow close,yes,,no"


def _one_line_error(code: int, stderr: str, expected: int) -> None:
    assert code == expected, stderr
    assert "Traceback" not in stderr
    assert len(stderr.strip().splitlines()) == 1, stderr


@pytest.fixture
def export(tmp_path: Path) -> Path:
    (tmp_path / "m.yaml").write_text(MINI_MAP, encoding="utf-8")
    path = tmp_path / "export.csv"
    path.write_text(f"{MINI_HEADER}\n{ROW}\n", encoding="utf-8")
    return path


def _dealcheck(*args: str, cwd: Path, **streams: object) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "dealcheck", *args],
        cwd=cwd,
        capture_output="stdout" not in streams,
        check=False,
        timeout=120,
        **streams,  # type: ignore[call-overload]
    )


# -- huge integers, in every kind of file ------------------------------------------------


def test_a_5000_digit_integer_in_a_framework(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_text(
        f"id: big\nversion: 1.0.0\nname: Big\nscale:\n  - {{id: a, value: {BIG}, label: A}}\n",
        encoding="utf-8",
    )
    code, stdout, stderr = invoke(runner, "framework", "validate", str(path))
    assert code == 1 and "Traceback" not in stderr
    assert stdout.startswith(f"{path}:5:20: a number with 5,000 digits")


def test_a_5000_digit_integer_in_a_deal(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "acme.yaml"
    path.write_text(f"name: Acme\namount: {BIG}\n", encoding="utf-8")
    code, _, stderr = invoke(
        runner, "report", str(path), "--frameworks-dir", str(FRAMEWORK_FIXTURES)
    )
    _one_line_error(code, stderr, 3)
    assert f"{path}:2:9:" in stderr


def test_a_5000_digit_integer_in_a_mapping(runner: CliRunner, export: Path) -> None:
    (export.parent / "m.yaml").write_text(MINI_MAP + f"currency: {BIG}\n", encoding="utf-8")
    code, _, stderr = score_beside(runner, export)
    _one_line_error(code, stderr, 3)
    assert "m.yaml:" in stderr and "5,000 digits" in stderr


def test_a_5000_digit_integer_in_the_config(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".dealcheck.yaml").write_text(f"deals_dir: {BIG}\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, _, stderr = invoke(runner, "framework", "list")
    _one_line_error(code, stderr, 3)
    assert ".dealcheck.yaml:1:12:" in stderr


def test_a_5000_digit_integer_in_an_answers_file(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    answers = tmp_path / "answers.yaml"
    answers.write_text(f"deal:\n  name: Acme\n  amount: {BIG}\n", encoding="utf-8")
    code, _, stderr = invoke(
        runner, "qualify", "--answers", str(answers), "--frameworks-dir", str(FRAMEWORK_FIXTURES)
    )
    _one_line_error(code, stderr, 3)
    assert f"{answers}:3:11:" in stderr


def test_hostile_jsonl_records_are_rejected_not_crashed_on(
    runner: CliRunner, tmp_path: Path
) -> None:
    (tmp_path / "m.yaml").write_text(MINI_MAP, encoding="utf-8")
    columns = MINI_HEADER.split(",")
    good = dict(zip(columns, ROW.split(","), strict=True))
    import json

    lines = [
        json.dumps(good),
        "[" * 100_000,
        json.dumps({**good, "ID": "D2"}).replace('"D2"', BIG),
        json.dumps({**good, "ID": "D3"}),
    ]
    export = tmp_path / "export.jsonl"
    export.write_text("\n".join(lines) + "\n", encoding="utf-8")

    rejects = tmp_path / "rejects.csv"
    code, stdout, stderr = score_beside(runner, export, "--rejects", str(rejects))

    assert code == 0, stderr
    assert "Traceback" not in stderr
    assert "4 rows read: 2 scored, 2 rejected" in stdout
    reasons = [row[2] for row in csv.reader(io.StringIO(rejects.read_text("utf-8-sig")))][1:]
    assert reasons == [
        "not valid JSON here: nested too deeply",
        "not valid JSON here: a number with 5,000 digits",
    ]


# -- options ----------------------------------------------------------------------------


def test_delimiter_pipe_reads_a_pipe_separated_export(runner: CliRunner, export: Path) -> None:
    export.write_text(
        f"{MINI_HEADER.replace(',', '|')}\n{ROW.replace(',', '|')}\n", encoding="utf-8"
    )
    code, stdout, stderr = score_beside(runner, export, "--delimiter", "pipe")
    assert code == 0, stderr
    assert "1 rows read: 1 scored" in stdout or "1 row read: 1 scored" in stdout


@pytest.mark.parametrize("given", ["ab", "x", '"'])
def test_a_delimiter_that_cannot_be_one_is_a_usage_error(
    runner: CliRunner, export: Path, given: str
) -> None:
    code, _, stderr = score_beside(runner, export, "--delimiter", given)
    _one_line_error(code, stderr, 2)
    assert "--delimiter" in stderr


# -- standard streams -------------------------------------------------------------------


def test_closed_stdin_reads_as_an_empty_input(export: Path) -> None:
    result = _dealcheck(
        "score", "-", "--map", "m.yaml", "--frameworks-dir", str(FRAMEWORK_FIXTURES),
        cwd=export.parent, stdin=subprocess.DEVNULL, pass_fds=(),
        preexec_fn=lambda: os.close(0),
    )  # fmt: skip
    _one_line_error(result.returncode, result.stderr.decode(), 3)


@pytest.mark.parametrize("command", [["framework", "list"], ["score", "export.csv", "-o", "-"]])
def test_closed_stdout_is_exit_5_with_one_line(export: Path, command: list[str]) -> None:
    extra = ["--map", "m.yaml", "--frameworks-dir", str(FRAMEWORK_FIXTURES)]
    result = _dealcheck(
        *command, *(extra if command[0] == "score" else []),
        cwd=export.parent, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        preexec_fn=lambda: os.close(1),
    )  # fmt: skip
    _one_line_error(result.returncode, result.stderr.decode(), 5)
    assert "standard output is closed" in result.stderr.decode()


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full on this system")
@pytest.mark.parametrize(
    "command", [["framework", "list"], ["score", "export.csv"], ["score", "export.csv", "-o", "-"]]
)
def test_stdout_to_a_full_device_is_exit_5_with_one_line(export: Path, command: list[str]) -> None:
    extra = ["--map", "m.yaml", "--frameworks-dir", str(FRAMEWORK_FIXTURES)]
    with open("/dev/full", "wb") as full:
        result = _dealcheck(
            *command, *(extra if command[0] == "score" else []),
            cwd=export.parent, stdout=full, stderr=subprocess.PIPE,
        )  # fmt: skip
    _one_line_error(result.returncode, result.stderr.decode(), 5)
    assert "the disk is full" in result.stderr.decode()


# -- full disk, read-only folder, deals folder that is a file -------------------------


@contextlib.contextmanager
def _small_disk(folder: Path) -> Iterator[bool]:
    """A 64 KiB tmpfs at `folder` when this process may mount one (True), else False."""
    folder.mkdir()
    mounted = (
        sys.platform.startswith("linux")
        and os.geteuid() == 0
        and subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(folder)],
            capture_output=True,
            check=False,
        ).returncode
        == 0
    )
    try:
        yield mounted
    finally:
        if mounted:
            subprocess.run(["umount", str(folder)], check=False)


def test_a_full_disk_keeps_last_weeks_scores(
    runner: CliRunner, export: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    big = export.parent / "big.csv"
    big.write_text(MINI_HEADER + "\n" + f"{ROW}\n" * 20_000, encoding="utf-8")
    with _small_disk(export.parent / "disk") as mounted:
        out = export.parent / "disk" / "scored.csv"
        out.write_text("last week\n", encoding="utf-8")
        if not mounted:  # inject the error the small disk would raise
            real_write = os.write

            def full(fd: int, data: bytes) -> int:
                if len(data) > 4096:
                    raise OSError(errno.ENOSPC, "No space left on device")
                return real_write(fd, data)

            monkeypatch.setattr(os, "write", full)
        code, _, stderr = score_beside(runner, big, "-o", str(out))
        monkeypatch.undo()
        _one_line_error(code, stderr, 5)
        assert "the disk is full" in stderr
        assert out.read_text(encoding="utf-8") == "last week\n"
        assert sorted(p.name for p in out.parent.iterdir()) == ["scored.csv"]


def test_a_deals_folder_that_is_a_file_is_one_line(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "deals").write_text("not a folder\n", encoding="utf-8")
    (tmp_path / ".dealcheck.yaml").write_text("frameworks: [meddpicc]\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    answers = ROOT / "examples" / "answers" / "acme-first-call.yaml"
    text = answers.read_text(encoding="utf-8")
    (tmp_path / "answers.yaml").write_text(text, encoding="utf-8")
    code, _, stderr = invoke(runner, "qualify", "--answers", "answers.yaml", "-f", "meddpicc")
    _one_line_error(code, stderr, 5)
    assert "deals is a file, not a folder" in stderr


def test_kill_9_during_deal_writes_leaves_a_whole_deal_and_the_next_write_sweeps_up(
    tmp_path: Path,
) -> None:
    from dealcheck.deals import store
    from dealcheck.deals.model import Deal
    from dealcheck.files import stale

    path = tmp_path / "acme.yaml"
    store.save_deal(path, Deal(name="Acme", company="v0"))
    writer = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys\n"
            "from pathlib import Path\n"
            "from dealcheck.deals import store\n"
            "from dealcheck.deals.model import Deal\n"
            "print('writing', flush=True)\n"
            "for n in range(1, 100_000):\n"
            "    store.save_deal(Path(sys.argv[1]), Deal(name='Acme', company=f'v{n}' + 'x' * 200_000))\n",
            str(path),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert writer.stdout is not None and writer.stdout.readline().strip() == "writing"
    time.sleep(0.5)
    writer.kill()
    writer.wait()
    writer.stdout.close()

    deal = store.load_deal(path)  # whole: the old version or a new one, never half
    assert deal.name == "Acme" and (deal.company or "").startswith("v")

    stale.forget()
    store.save_deal(path, Deal(name="Acme", company="after"))
    assert [p.name for p in tmp_path.iterdir()] == ["acme.yaml"]


def test_a_read_only_deals_folder_is_one_line_and_changes_nothing(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".dealcheck.yaml").write_text("frameworks: [meddpicc]\n", encoding="utf-8")
    answers = ROOT / "examples" / "answers" / "acme-first-call.yaml"
    (tmp_path / "answers.yaml").write_text(answers.read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    with _read_only_folder(tmp_path / "deals", monkeypatch):
        code, _, stderr = invoke(runner, "qualify", "--answers", "answers.yaml", "-f", "meddpicc")
        assert list((tmp_path / "deals").iterdir()) == []
    _one_line_error(code, stderr, 5)
    assert "deals folder must be writable" in stderr or "cannot write" in stderr


@contextlib.contextmanager
def _read_only_folder(folder: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """An empty folder no one may write in: mode 0555, a read-only tmpfs as root, or
    (root without mount rights) the EROFS such a folder gives, injected."""
    folder.mkdir()
    if os.geteuid() != 0:
        folder.chmod(0o555)
        try:
            yield
        finally:
            folder.chmod(0o755)
        return
    mount = ["mount", "-t", "tmpfs", "-o", "size=64k,ro", "tmpfs", str(folder)]
    if subprocess.run(mount, capture_output=True, check=False).returncode == 0:
        try:
            yield
        finally:
            subprocess.run(["umount", str(folder)], check=False)
        return
    import builtins

    real_open, real_os_open = builtins.open, os.open

    def refuse(path: object) -> None:
        if isinstance(path, str | Path) and Path(path).parent.resolve() == folder.resolve():
            raise OSError(errno.EROFS, "Read-only file system", str(path))

    def guarded_open(path: object, *args: object, **kwargs: object) -> object:
        refuse(path)
        return real_open(path, *args, **kwargs)  # type: ignore[call-overload]

    def guarded_os_open(path: object, *args: object, **kwargs: object) -> int:
        refuse(path)
        return real_os_open(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(builtins, "open", guarded_open)
    monkeypatch.setattr(os, "open", guarded_os_open)
    try:
        yield
    finally:
        monkeypatch.undo()
