"""A deal file holds years of qualifications, and is never written past what it may hold."""

from __future__ import annotations

from copy import deepcopy
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from dealcheck.deals import store
from dealcheck.errors import WriteError
from tests.conftest import FIXTURES, FRAMEWORK_FIXTURES, invoke


def _with_history(tmp_path: Path, qualifications: int, *, evidence: int = 0) -> Path:
    """The golden deal with `qualifications` entries, each evidence note padded to `evidence`."""
    deal = store.load_deal(FIXTURES / "deals" / "golden-deal.yaml")
    data = deal.model_dump(mode="json", exclude_none=True)
    history = (data["qualifications"] * qualifications)[:qualifications]
    data["qualifications"] = [_padded(q, evidence) for q in history]
    path = tmp_path / "acme.yaml"
    path.write_text(store.HEADER + store.dump(data), encoding="utf-8")
    return path


def _padded(qualification: dict[str, Any], evidence: int) -> dict[str, Any]:
    copy = deepcopy(qualification)
    for answers in copy["answers"].values():
        for answer in answers.get("criteria", {}).values():
            if answer.get("evidence"):
                answer["evidence"] = answer["evidence"].ljust(evidence, ".")
    return copy


def test_a_deal_qualified_weekly_for_years_still_reports(runner: CliRunner, tmp_path: Path) -> None:
    path = _with_history(tmp_path, 300, evidence=2000)  # past the old 1 MiB limit
    assert path.stat().st_size > 1024 * 1024

    code, stdout, stderr = invoke(
        runner, "report", str(path), "--frameworks-dir", str(FRAMEWORK_FIXTURES)
    )

    assert code == 0, stderr
    assert "qualification 300 of 300" in stdout


def test_a_deal_file_past_the_limit_is_never_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _with_history(tmp_path, 40)
    before = path.read_bytes()
    monkeypatch.setattr(store, "DEAL_MAX_BYTES", len(before) + 100)
    deal = store.load_deal(path)
    longer = deal.model_copy(update={"qualifications": deal.qualifications * 2})

    with pytest.raises(
        WriteError,
        match=r"archive its history: dealcheck archive .*acme\.yaml --keep 50 moves the older qualifications to acme\.archive\.yaml",
    ):
        store.save_deal(path, longer)

    assert path.read_bytes() == before
