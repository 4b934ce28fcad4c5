"""An output that names an input, or another output, is refused before any work (exit 2)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.batch.conftest import MINI_HEADER, MINI_MAP, score_beside
from tests.conftest import invoke

ROW = "D1,Acme,1200,Descubrimiento,2026-07-01,2026-01-02,Demo,Slow close,yes,,no\n"


@pytest.fixture
def export(tmp_path: Path) -> Path:
    """A small CRM export and its mapping beside it."""
    (tmp_path / "m.yaml").write_text(MINI_MAP, encoding="utf-8")
    path = tmp_path / "good.csv"
    path.write_text(MINI_HEADER + "\n" + ROW, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "options",
    [
        ["-o", "{out}", "--rejects", "{export}"],
        ["-o", "{export}"],
        ["--format", "html", "-o", "{export}"],
        ["-o", "{map}"],
        ["-o", "{link}"],
        ["-o", "{hard}"],
        ["-o", "{out}", "--rejects", "{out}"],
    ],
    ids=[
        "rejects=input",
        "o=input",
        "html=input",
        "o=mapping",
        "o=link",
        "o=hardlink",
        "o=rejects",
    ],
)
def test_score_refuses_an_output_that_names_an_input(
    runner: CliRunner, export: Path, options: list[str]
) -> None:
    before = export.read_bytes()
    mapping = (export.parent / "m.yaml").read_bytes()
    (export.parent / "link.csv").symlink_to(export)
    os.link(export, export.parent / "hard.csv")
    names = {
        "out": str(export.parent / "o.csv"),
        "export": str(export),
        "map": str(export.parent / "m.yaml"),
        "link": str(export.parent / "link.csv"),
        "hard": str(export.parent / "hard.csv"),
    }

    code, _, stderr = score_beside(runner, export, *[o.format(**names) for o in options])

    assert code == 2
    assert len(stderr.strip().splitlines()) == 1 and "never writes over" in stderr
    assert export.read_bytes() == before
    assert (export.parent / "m.yaml").read_bytes() == mapping
    assert not (export.parent / "o.csv").exists()


def test_score_still_writes_distinct_outputs(runner: CliRunner, export: Path) -> None:
    out, rejects = export.parent / "o.csv", export.parent / "r.csv"
    code, _, stderr = score_beside(runner, export, "-o", str(out), "--rejects", str(rejects))
    assert code == 0, stderr
    assert "Acme" in out.read_text(encoding="utf-8-sig")


def test_map_init_never_writes_over_its_export(runner: CliRunner, export: Path) -> None:
    before = export.read_bytes()
    code, _, stderr = invoke(
        runner, "map", "init", str(export), "-f", "bant", "-o", str(export), "--force"
    )
    assert code == 2 and "never writes over" in stderr
    assert export.read_bytes() == before


def test_map_init_replaces_a_mapping_only_with_force(
    runner: CliRunner, export: Path, in_repo: Path
) -> None:
    mapping = export.parent / "m.yaml"
    code, _, stderr = invoke(runner, "map", "init", str(export), "-f", "bant", "-o", str(mapping))
    assert code == 2 and "--force" in stderr
    assert mapping.read_text(encoding="utf-8") == MINI_MAP

    code, _, stderr = invoke(
        runner, "map", "init", str(export), "-f", "bant", "-o", str(mapping), "--force"
    )
    assert code == 0, stderr
    assert "TODO" in mapping.read_text(encoding="utf-8")


def test_a_read_only_output_is_refused_not_replaced(runner: CliRunner, export: Path) -> None:
    out = export.parent / "o.csv"
    out.write_text("last week\n", encoding="utf-8")
    out.chmod(0o444)
    code, _, stderr = score_beside(runner, export, "-o", str(out))
    assert code == 5 and "read-only" in stderr
    assert out.read_text(encoding="utf-8") == "last week\n"
