"""`dealcheck archive`: the older qualifications move to DEAL.archive.yaml, nothing is lost."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dealcheck.deals import store
from tests.conftest import FIXTURES, FRAMEWORK_FIXTURES, invoke

MINI = ["--frameworks-dir", str(FRAMEWORK_FIXTURES)]


@pytest.fixture
def deal(tmp_path: Path) -> Path:
    """The golden deal re-qualified weekly, twelve times, stored as changes."""
    golden = store.load_deal(FIXTURES / "deals" / "golden-deal.yaml")
    weeks = [
        q.model_copy(update={"date": dt.date(2025, 1, 6) + dt.timedelta(weeks=n)})
        for n, q in enumerate(golden.qualifications * 6)
    ]
    path = tmp_path / "acme.yaml"
    store.save_deal(path, golden.model_copy(update={"qualifications": weeks}))
    return path


def test_archive_moves_the_older_qualifications_and_keeps_every_answer(
    runner: CliRunner, deal: Path
) -> None:
    history = store.load_deal(deal).qualifications
    code, old_report, _ = invoke(runner, "report", str(deal), "--at", "7", "--format", "md", *MINI)

    code, _, err = invoke(runner, "archive", str(deal), "--keep", "5")

    assert code == 0, err
    archive = deal.with_name("acme.archive.yaml")
    assert err.strip() == f"Moved 7 qualifications to {archive}; {deal} keeps the latest 5"
    assert store.load_deal(deal).qualifications == history[7:]
    assert store.load_deal(archive).qualifications == history[:7]
    kept = deal.read_text(encoding="utf-8").split("qualifications:", 1)[1]
    assert kept.count("only_changes: true") == 4  # the first kept one holds every answer
    code, archived_report, err = invoke(
        runner, "report", str(archive), "--at", "7", "--format", "md", *MINI
    )
    assert code == 0, err
    assert archived_report == old_report.replace(str(deal), str(archive)).replace(
        "qualification 7 of 12", "qualification 7 of 7"
    )


def test_an_existing_archive_is_never_overwritten(runner: CliRunner, deal: Path) -> None:
    archive = deal.with_name("acme.archive.yaml")
    archive.write_text("name: last year's\n", encoding="utf-8")
    before = deal.read_bytes()

    code, _, err = invoke(runner, "archive", str(deal), "--keep", "5")

    assert code == 2
    assert "acme.archive.yaml already exists and is never overwritten; rename it" in err
    assert (deal.read_bytes(), archive.read_text(encoding="utf-8")) == (
        before,
        "name: last year's\n",
    )


@pytest.mark.parametrize(("keep", "message"), [("12", "would archive none"), ("0", "--keep 1")])
def test_nothing_to_archive_is_a_usage_error(
    runner: CliRunner, deal: Path, keep: str, message: str
) -> None:
    before = deal.read_bytes()

    code, _, err = invoke(runner, "archive", str(deal), "--keep", keep)

    assert (code, deal.read_bytes()) == (2, before)
    assert message in err and len(err.strip().splitlines()) == 1
    assert not deal.with_name("acme.archive.yaml").exists()


def test_a_missing_deal_creates_no_folder(runner: CliRunner, tmp_path: Path) -> None:
    code, _, err = invoke(runner, "archive", str(tmp_path / "gone" / "acme.yaml"))

    assert code == 2 and "no such deal file" in err
    assert not (tmp_path / "gone").exists()
