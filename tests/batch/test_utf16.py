"""A CRM export saved as UTF-16 whose byte-order mark was stripped still reads as text.

Excel's "Unicode text" is UTF-16, tab-separated; a tool that drops the BOM leaves bytes
that also decode as UTF-8, into columns full of NUL characters.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import ROOT, invoke

SF = ROOT / "examples/salesforce-pipeline.csv"


def _unicode_text(tmp_path: Path, encoding: str) -> Path:
    """The Salesforce example as Excel's "Unicode text", minus its BOM."""
    rows = list(csv.reader(io.StringIO(SF.read_text(encoding="utf-8-sig"), newline="")))
    text = io.StringIO(newline="")
    csv.writer(text, delimiter="\t", lineterminator="\r\n").writerows(rows)
    path = tmp_path / "pipeline.txt"
    path.write_bytes(text.getvalue().encode(encoding))
    return path


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_score_reads_utf16_without_a_bom_like_the_utf8_export(
    runner: CliRunner, tmp_path: Path, encoding: str
) -> None:
    export = _unicode_text(tmp_path, encoding)
    mapping = str(ROOT / "examples/salesforce.map.yaml")
    out = tmp_path / "scored.csv"
    code, stdout, stderr = invoke(
        runner, "score", str(export), "--map", mapping, "--today", "2026-11-23", "-o", str(out)
    )
    assert (code, stderr) == (0, "")
    assert "52 rows read: 49 scored, 3 rejected" in stdout
    scored = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"), newline="")))
    assert len(scored) == 1 + 49
    assert scored[0][0] == "Opportunity ID" and not any("\x00" in c for r in scored for c in r)


def test_map_init_and_check_read_utf16_without_a_bom(runner: CliRunner, tmp_path: Path) -> None:
    export = _unicode_text(tmp_path, "utf-16-le")
    code, draft, stderr = invoke(runner, "map", "init", str(export), "-f", "meddpicc")
    assert code == 0, stderr
    assert '  deal_id: "Opportunity ID"' in draft and "\x00" not in draft

    mapping = str(ROOT / "examples/salesforce.map.yaml")
    code, report, stderr = invoke(runner, "map", "check", str(export), "--map", mapping)
    assert "\x00" not in report + stderr
    assert "Opportunity ID" in report and "not in the export" not in report + stderr
