"""`dealcheck score` in a real pseudo-terminal: the progress bar is there, and only there."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.batch.conftest import MINI_HEADER, MINI_MAP
from tests.conftest import FRAMEWORK_FIXTURES
from tests.pty.test_qualify_pty import command, finish, spawn

pytestmark = pytest.mark.pty

ROWS = 200_000
BAR = "━"  # rich's bar segments


@pytest.fixture
def export(tmp_path: Path) -> Path:
    path = tmp_path / "export.csv"
    rows = (
        f"D{n},Deal {n},{1000 + n % 900},Descubrimiento,2026-07-0{1 + n % 9},2026-01-02,"
        f"Demo,{'Slow close' if n % 3 else ''},{'yes' if n % 2 else 'no'},Confirmed,no"
        for n in range(ROWS)
    )
    path.write_text(MINI_HEADER + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    (tmp_path / "mini.map.yaml").write_text(MINI_MAP, encoding="utf-8")
    return path


def score_args(export: Path) -> list[str]:
    return [
        "score",
        str(export),
        "--map",
        str(export.parent / "mini.map.yaml"),
        "--frameworks-dir",
        str(FRAMEWORK_FIXTURES),
        "-o",
        str(export.parent / "scored.csv"),
        "--today",
        "2026-06-01",
    ]


@pytest.mark.parametrize("split_bytes", ["1000", str(1 << 40)])
def test_a_terminal_sees_a_progress_bar_then_the_summary(
    export: Path, split_bytes: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Two processes (split) and one: both report progress to the bar.
    monkeypatch.setenv("DEALCHECK_SPLIT_BYTES", split_bytes)
    child = spawn(export.parent, *score_args(export))
    child.expect_exact(BAR)
    child.expect_exact(f"{ROWS:,} rows read: {ROWS:,} scored, 0 rejected")
    assert finish(child) == 0
    assert len((export.parent / "scored.csv").read_text(encoding="utf-8-sig").splitlines()) == (
        ROWS + 1
    )


def test_no_progress_bar_when_stderr_is_not_a_terminal(export: Path) -> None:
    done = subprocess.run(
        [*command(), *score_args(export)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert BAR not in done.stderr and "\x1b[" not in done.stderr
    assert f"{ROWS:,} rows read" in done.stdout
