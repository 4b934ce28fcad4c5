"""`dealcheck map check`: what each column reads as, what is rejected, what is left to do."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from tests.conftest import invoke

EXPORT = """Opportunity ID,Opportunity Name,Amount,Stage,Close Date,Champion (Y/N),Metrics
006A,Acme,1200.00,Prospecting,2026-03-01,Y,Confirmed
006B,Globex,twelve,Prospecting,2026-03-01,N,High
006C,Initech,900,Ganado,2026-02-31,,Partial
006D,Umbrella,,Mystery stage,2026-04-01,maybe,High
"""
MAPPING = """frameworks: [meddpicc]
columns:
  deal_id: Opportunity ID
  name: Opportunity Name
  amount: Amount
  stage: Stage
  close_date: Close Date
stages:
  Ganado: won
criteria:
  meddpicc:
    champion: {column: Champion (Y/N), kind: yes-no}
    metrics: {column: Metrics}
"""


def _files(tmp_path: Path, mapping: str = MAPPING) -> tuple[str, str]:
    export, mapped = tmp_path / "export.csv", tmp_path / "m.map.yaml"
    export.write_text(EXPORT, encoding="utf-8")
    mapped.write_text(mapping, encoding="utf-8")
    return str(export), str(mapped)


def test_each_column_shows_how_its_values_read(runner: CliRunner, tmp_path: Path) -> None:
    export, mapping = _files(tmp_path)

    code, out, _ = invoke(runner, "map", "check", export, "--map", mapping)

    assert code == 0
    assert '  amount ← "Amount"  e.g. 1200.00, twelve, 900' in out
    assert "      amounts 2 · blank 1 · rejected 1" in out
    assert '      rejected: "twelve" ×1' in out
    assert '  meddpicc.champion (Champion) ← "Champion (Y/N)" [yes-no]' in out
    assert "      Absent 1 · blank 1 · Confirmed 1 · not in the mapping 1" in out
    assert '      not in the mapping (read as unknown): "maybe" ×1' in out
    assert '      not in the mapping (read as unknown): "High" ×2' in out
    assert '  "Ganado" → won ×1' in out
    assert 'Stage values with no place (add them under `stages:`): "Mystery stage" ×1' in out
    assert "Rows score would reject: 2" in out
    assert "  amount is not a number ×1" in out
    assert "  close date is not a date this mapping reads ×1" in out
    assert f"Ready: dealcheck score {export} --map {mapping}" in out


def test_todos_are_listed_at_their_lines_and_exit_1(runner: CliRunner, tmp_path: Path) -> None:
    export, mapping = _files(
        tmp_path, MAPPING.replace("  Ganado: won", '  Ganado: won\n  "Mystery stage": TODO')
    )

    code, out, _ = invoke(runner, "map", "check", export, "--map", mapping)

    assert code == 1
    assert f'  {mapping}:10:20: stages."Mystery stage"' in out
    assert out.endswith("Not ready to score: 1 to fix above.\n")
    code, _, err = invoke(runner, "score", export, "--map", mapping)
    assert code == 3
    assert err.startswith(f'error: {mapping}:10:20: TODO left at stages."Mystery stage"')
    assert f"`dealcheck map check {export} --map {mapping}`" in err


def test_a_mapping_that_does_not_fit_says_where(runner: CliRunner, tmp_path: Path) -> None:
    export, mapping = _files(tmp_path, MAPPING.replace("amount: Amount", "amount: Amuont"))

    code, out, _ = invoke(runner, "map", "check", export, "--map", mapping)

    assert code == 1
    assert f"  {mapping}:5:11: column 'Amuont' is not in {export}; did you mean 'Amount'?" in out


def test_a_mapping_with_no_criteria_is_ready_for_basics_only_and_says_so(
    runner: CliRunner, tmp_path: Path
) -> None:
    # A plain CRM export (stage, dates, value, no qualification fields): `score` refuses
    # to qualify every deal on no answers, so "Ready: dealcheck score …" was a command
    # that failed. The command map check gives must be one that runs.
    no_criteria = MAPPING.split("criteria:")[0] + "  Mystery stage: prospecting\n"
    export, mapping = _files(tmp_path, no_criteria)

    code, out, _ = invoke(runner, "map", "check", export, "--map", mapping)

    assert code == 0
    ready = next(line for line in out.splitlines() if line.startswith("Ready"))
    assert ready.endswith(f"dealcheck score {export} --map {mapping} --basics-only")
    assert "No column answers the criteria of meddpicc" in out
    command = ready.split(": ", 1)[1].split()[2:]  # what follows `dealcheck score`
    code, _, err = invoke(runner, "score", *command, "-o", str(tmp_path / "out.csv"))
    assert code == 0, err
