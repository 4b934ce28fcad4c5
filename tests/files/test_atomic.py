"""One atomic write for deal files and batch outputs: links through, read-only refused."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from dealcheck.deals import store
from dealcheck.deals.model import Deal
from dealcheck.errors import WriteError
from dealcheck.files import stale
from dealcheck.files.atomic import temporary_name, write_atomic


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_a_symlinked_deal_file_gets_the_qualification_in_its_target(tmp_path: Path) -> None:
    real = tmp_path / "shared" / "acme.yaml"
    real.parent.mkdir()
    store.save_deal(real, Deal(name="Acme"))
    link = tmp_path / "acme.yaml"
    link.symlink_to(real)

    store.save_deal(link, Deal(name="Acme", company="Acme Corp"))

    assert link.is_symlink()
    assert store.load_deal(real).company == "Acme Corp"


def test_a_read_only_deal_file_is_refused_not_replaced(tmp_path: Path) -> None:
    path = tmp_path / "acme.yaml"
    store.save_deal(path, Deal(name="Acme"))
    before = path.read_text(encoding="utf-8")
    path.chmod(0o444)

    with pytest.raises(WriteError, match="read-only"):
        store.save_deal(path, Deal(name="Acme v2"))

    assert path.read_text(encoding="utf-8") == before


def test_a_full_disk_leaves_the_previous_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "scored.csv"
    path.write_text("last week\n", encoding="utf-8")

    def full(_: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(WriteError, match="the disk is full"):
        write_atomic(path, "this week\n")
    assert path.read_text(encoding="utf-8") == "last week\n"
    assert [p.name for p in tmp_path.iterdir()] == ["scored.csv"]


def test_a_killed_runs_temporary_files_go_with_the_next_run(tmp_path: Path) -> None:
    dead = _dead_pid()
    leftovers = [
        tmp_path / f".acme.yaml.{dead}.a1b2c3.dealcheck-tmp",
        tmp_path / f".prev.csv.{dead}.tmp",  # an older release's scored output
        tmp_path / ".acme.yaml.k3j_2x9q.tmp",  # an older release's deal write
    ]
    alive = tmp_path / f".other.csv.{os.getppid()}.a1b2c3.dealcheck-tmp"
    strangers = [tmp_path / ".notes.tmp", tmp_path / "keep.yaml", alive]
    for path in leftovers + strangers:
        path.write_text("x", encoding="utf-8")
        old = time.time() - 3600
        os.utime(path, (old, old))
    stale.forget()

    write_atomic(tmp_path / "acme.yaml", "name: Acme\n")

    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["acme.yaml", *(p.name for p in strangers)]
    )


def test_temporary_names_are_recognised_as_ours(tmp_path: Path) -> None:
    assert stale.is_ours(temporary_name(tmp_path / "acme.yaml").name)
    assert not stale.is_ours("acme.yaml")
