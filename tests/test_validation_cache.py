"""The verdict cache lives where each platform keeps caches, and cleans up after itself."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dealcheck.language import validation_cache
from dealcheck.language.validation_cache import user_cache_dir

from .conftest import FRAMEWORK_FIXTURES, invoke


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("USERPROFILE", str(tmp_path))
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.delenv("LOCALAPPDATA", raising=False)
    return tmp_path


def test_linux_uses_xdg_cache_home_else_dot_cache(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    default = user_cache_dir("linux")
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "xdg"))
    chosen = user_cache_dir("linux")
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/ignored")  # the XDG spec ignores relative paths
    relative = user_cache_dir("linux")

    assert default == home / ".cache" / "dealcheck"
    assert chosen == home / "xdg" / "dealcheck"
    assert relative == default


def test_macos_and_windows_use_their_own_cache_folders(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    mac = user_cache_dir("darwin")
    windows_default = user_cache_dir("win32")
    monkeypatch.setenv("LOCALAPPDATA", str(home / "Local"))

    assert mac == home / "Library" / "Caches" / "dealcheck"
    assert windows_default == home / "AppData" / "Local" / "dealcheck" / "Cache"
    assert user_cache_dir("win32") == home / "Local" / "dealcheck" / "Cache"


def test_verdicts_unused_for_a_month_are_pruned_and_used_ones_kept(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("DEALCHECK_NO_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    folder = tmp_path / "cache" / "dealcheck" / "valid"
    folder.mkdir(parents=True)
    stale, recent = folder / "stale-verdict", folder / "recent-verdict"
    for entry, days in ((stale, 45), (recent, 3)):
        entry.touch()
        old = time.time() - days * 86400
        os.utime(entry, (old, old))
    framework = tmp_path / "mini.yaml"
    framework.write_bytes((FRAMEWORK_FIXTURES / "mini.yaml").read_bytes())

    code, _, _ = invoke(runner, "framework", "validate", str(framework))

    assert code == 0
    assert not stale.exists()
    assert recent.exists()
    assert len(list(folder.iterdir())) == 2  # the recent one and this file's new verdict


def test_the_cache_never_grows_past_its_cap(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(validation_cache, "MAX_ENTRIES", 5)
    now = time.time()
    for index in range(8):
        entry = tmp_path / f"verdict-{index}"
        entry.touch()
        os.utime(entry, (now - index * 60, now - index * 60))

    validation_cache.prune(tmp_path, now=now)

    assert sorted(p.name for p in tmp_path.iterdir()) == [f"verdict-{i}" for i in range(5)]
