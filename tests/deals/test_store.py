from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from dealcheck.deals import store
from dealcheck.deals.model import Deal, DealBasics, Draft
from dealcheck.errors import InputError, LockedError, UsageError, ValidationFailed, WriteError
from tests.conftest import lock_held_elsewhere


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Acme – Data Platform", "acme-data-platform"),
        ("  ACME   corp  ", "acme-corp"),
        ("한빛정밀 설비 예지보전", "한빛정밀-설비-예지보전"),
        ("../../etc/passwd", "etc-passwd"),
        ("!!!", "deal"),
    ],
)
def test_slugify(name: str, slug: str) -> None:
    assert store.slugify(name) == slug


def test_save_then_load_round_trips(tmp_path: Path) -> None:
    path = tmp_path / "deals" / "acme.yaml"
    deal = Deal(name="Acme", amount=1000, close_date=dt.date(2025, 9, 30))
    store.save_deal(path, deal)
    assert store.load_deal(path) == deal
    text = path.read_text(encoding="utf-8")
    assert "close_date: 2025-09-30\n" in text and "amount: 1000\n" in text


def test_write_is_atomic_and_leaves_no_temp_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "acme.yaml"
    store.save_deal(path, Deal(name="Acme"))
    before = path.read_text(encoding="utf-8")

    def crash(*_: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(WriteError, match="cannot write: disk full"):
        store.save_deal(path, Deal(name="Acme v2"))
    assert path.read_text(encoding="utf-8") == before
    assert [p.name for p in tmp_path.iterdir()] == ["acme.yaml"]


def test_unparsable_deal_file_is_never_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "acme.yaml"
    path.write_text("name: [unclosed\n", encoding="utf-8")
    with pytest.raises(InputError, match="not overwritten"):
        store.save_deal(path, Deal(name="Acme"))
    assert path.read_text(encoding="utf-8") == "name: [unclosed\n"


def test_load_reports_location_of_bad_key(tmp_path: Path) -> None:
    path = tmp_path / "acme.yaml"
    path.write_text("name: Acme\nstgae: discovery\n", encoding="utf-8")
    with pytest.raises(ValidationFailed) as caught:
        store.load_deal(path)
    assert f"{path}:2:1" in str(caught.value) and "did you mean 'stage'" in str(caught.value)


def test_missing_deal_file(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="no such deal file"):
        store.load_deal(tmp_path / "nope.yaml")


def test_lock_refuses_a_second_holder(tmp_path: Path) -> None:
    path = tmp_path / "acme.yaml"
    with store.locked(path):
        assert store.lock_path(path).read_text().strip() == str(os.getpid())
        with pytest.raises(LockedError, match="another dealcheck process"), store.locked(path):
            pass
    assert not store.lock_path(path).exists()


def test_lock_held_by_live_process_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "acme.yaml"
    with lock_held_elsewhere(path) as holder:
        with pytest.raises(LockedError) as caught, store.locked(path):
            pass
        assert caught.value.exit_code == 4
        assert f"(pid {holder.pid})" in caught.value.message


def test_a_lock_file_whose_holder_is_gone_is_taken_over(tmp_path: Path) -> None:
    path = tmp_path / "acme.yaml"
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    store.lock_path(path).write_text(f"{gone.pid}\n")
    with store.locked(path):
        assert store.lock_path(path).read_text().strip() == str(os.getpid())


def test_a_lock_file_naming_a_live_process_that_holds_no_lock_is_taken_over(
    tmp_path: Path,
) -> None:
    # A killed holder's pid, since reused by some other program: not a holder.
    path = tmp_path / "acme.yaml"
    store.lock_path(path).write_text(f"{os.getppid()}\n")
    with store.locked(path):
        assert store.lock_path(path).read_text().strip() == str(os.getpid())


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGHUP, signal.SIGKILL])
def test_a_lock_goes_with_its_process_however_it_ends(tmp_path: Path, stop: signal.Signals) -> None:
    path = tmp_path / "acme.yaml"
    with lock_held_elsewhere(path) as holder:
        holder.send_signal(stop)
        holder.wait()
        assert store.lock_path(path).exists() or stop != signal.SIGKILL
        with store.locked(path):
            assert store.lock_path(path).read_text().strip() == str(os.getpid())


def test_draft_round_trip_and_removal(tmp_path: Path) -> None:
    path = tmp_path / "acme.yaml"
    draft = Draft(
        started=dt.date(2025, 5, 2), deal=DealBasics(name="Acme"), frameworks=["mini@1.0.0"]
    )
    store.save_draft(path, draft)
    assert store.draft_path(path).name == ".acme.draft.yaml"
    assert store.load_draft(path) == draft
    store.remove_draft(path)
    assert store.load_draft(path) is None


def test_broken_draft_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "acme.yaml"
    store.draft_path(path).write_text("started: [\n", encoding="utf-8")
    assert store.load_draft(path) is None
