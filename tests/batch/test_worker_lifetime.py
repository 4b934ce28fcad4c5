"""A two-process `score` stopped by SIGTERM, SIGHUP or SIGKILL leaves no process behind.

The real `dealcheck` runs in a subprocess on an export large enough to be split; the
signal goes to the parent only, once both workers are scoring. Afterwards no worker
survives, last week's scored file is intact, and no temporary file outlives the next
run in that folder.
"""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from tests.batch.conftest import MINI_HEADER, MINI_MAP
from tests.conftest import FRAMEWORK_FIXTURES

ROWS = 400_000
LAST_WEEK = "last week's scores\n"


@pytest.fixture(scope="module")
def big_export(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 36 MB export: long enough to be stopped while both workers score."""
    path = tmp_path_factory.mktemp("export") / "export.csv"
    rows = (
        f"D{n},Deal {n},{1000 + n % 900},Descubrimiento,2026-07-0{1 + n % 9},2026-01-02,"
        f"Demo,{'Slow close' if n % 3 else ''},{'yes' if n % 2 else 'no'},Confirmed,no"
        for n in range(ROWS)
    )
    path.write_text(MINI_HEADER + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def _start(export: Path, folder: Path) -> subprocess.Popen[bytes]:
    (folder / "m.yaml").write_text(MINI_MAP, encoding="utf-8")
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "dealcheck",
            "score",
            str(export),
            "--map",
            str(folder / "m.yaml"),
            "--frameworks-dir",
            str(FRAMEWORK_FIXTURES),
            "--today",
            "2026-06-01",
            "-o",
            str(folder / "scored.csv"),
        ],
        env={**os.environ, "DEALCHECK_SPLIT_BYTES": "1000", "NO_COLOR": "1"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def _children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text(encoding="ascii")
    except OSError:
        return []
    return [int(p) for p in text.split()]


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text(encoding="ascii").rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")


def _workers_of(parent: subprocess.Popen[bytes]) -> list[int]:
    """Both workers' pids, once they run (None if the run ended first)."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and parent.poll() is None:
        workers = _children(parent.pid)
        if len(workers) >= 2:
            return workers
        time.sleep(0.01)
    raise AssertionError(f"the run never split: {parent.stderr.read() if parent.stderr else ''}")


def _gone(pids: list[int]) -> bool:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if not any(_alive(pid) for pid in pids):
            return True
        time.sleep(0.05)
    return False


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.parametrize(
    ("stop", "code"),
    [(signal.SIGTERM, 128 + signal.SIGTERM), (signal.SIGHUP, 128 + signal.SIGHUP)],
    ids=["SIGTERM", "SIGHUP"],
)
def test_sigterm_and_sighup_clean_up_as_ctrl_c_does(
    big_export: Path, tmp_path: Path, stop: signal.Signals, code: int
) -> None:
    (tmp_path / "scored.csv").write_text(LAST_WEEK, encoding="utf-8")
    parent = _start(big_export, tmp_path)
    workers = _workers_of(parent)

    parent.send_signal(stop)
    _, stderr = parent.communicate(timeout=60)

    assert parent.returncode == code, stderr
    assert b"Traceback" not in stderr
    assert _gone(workers)
    assert (tmp_path / "scored.csv").read_text(encoding="utf-8") == LAST_WEEK
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m.yaml", "scored.csv"]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_sigkill_takes_the_workers_along_and_the_next_run_sweeps_up(
    big_export: Path, tmp_path: Path
) -> None:
    (tmp_path / "scored.csv").write_text(LAST_WEEK, encoding="utf-8")
    parent = _start(big_export, tmp_path)
    workers = _workers_of(parent)

    parent.kill()
    parent.communicate(timeout=60)

    assert _gone(workers)
    assert (tmp_path / "scored.csv").read_text(encoding="utf-8") == LAST_WEEK
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.startswith(".")]
    assert leftovers  # the killed run's temporary output and part file

    small = tmp_path / "small.csv"
    small.write_text(MINI_HEADER + "\nD1,Acme,1200,Descubrimiento,,,,,,,\n", encoding="utf-8")
    next_run = subprocess.run(
        [
            sys.executable,
            "-m",
            "dealcheck",
            "score",
            str(small),
            "--map",
            str(tmp_path / "m.yaml"),
            "--frameworks-dir",
            str(FRAMEWORK_FIXTURES),
            "-o",
            str(tmp_path / "this-week.csv"),
        ],
        capture_output=True,
        check=False,
    )
    assert next_run.returncode == 0, next_run.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "m.yaml",
        "scored.csv",
        "small.csv",
        "this-week.csv",
    ]


def test_the_progress_bar_runs_no_thread_a_fork_could_inherit() -> None:
    from rich.console import Console

    from dealcheck.render.pipeline_view import progress_callback

    console = Console(file=io.StringIO(), force_terminal=True, width=80)
    before = threading.active_count()
    with progress_callback(console) as update:
        assert update is not None
        update(5, 10)
        assert threading.active_count() == before


def test_ctrl_c_while_the_cli_is_still_loading_is_exit_130_without_a_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import builtins

    from dealcheck.__main__ import main

    real_import = builtins.__import__

    def interrupted(name: str, *args: object, **kwargs: object) -> object:
        if name == "dealcheck.cli":
            raise KeyboardInterrupt
        return real_import(name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(sys, "argv", ["dealcheck", "score", "x.csv"])
    monkeypatch.setattr(builtins, "__import__", interrupted)
    with pytest.raises(SystemExit) as stopped:
        main()
    assert stopped.value.code == 130
    assert capsys.readouterr().err.strip() == "interrupted"
