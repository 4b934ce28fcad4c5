"""`map init` decisions a sales-ops person relies on: what it maps, vetoes and leaves TODO."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from dealcheck.drafting.headers import header_key
from tests.conftest import invoke


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("StageName", "Stage Name"),
        ("STAGENAME", "stage_name"),
        ("Champion__c", "MEDDPICC - Champion (Y/N)"),
        ("Champion Y/N", "champion"),
        ("Deal - Title", "title"),
        ("Opportunity ID", "Id"),
        ("Account.Name", "Account Name"),
        ("Probability (%)", "probability"),
        ("Fecha de creación", "Fecha de creacion"),
        ("챔피언(내부 지지자)", "챔피언"),
        ("Ｃｈａｍｐｉｏｎ", "champion"),
    ],
)
def test_spellings_of_one_field_share_a_key(one: str, other: str) -> None:
    assert header_key(one) == header_key(other)


@pytest.mark.parametrize(
    ("one", "other"),
    [("Next Step", "Stage"), ("Étape suivante", "Étape"), ("Deal Name", "Account Name")],
)
def test_different_fields_keep_different_keys(one: str, other: str) -> None:
    assert header_key(one) != header_key(other)


def _draft(runner: CliRunner, tmp_path: Path, text: str, *options: str) -> str:
    export = tmp_path / "export.csv"
    export.write_text(text, encoding="utf-8")
    code, out, err = invoke(runner, "map", "init", str(export), *options)
    assert code == 0, err
    return out


def test_values_veto_a_header_that_lies(runner: CliRunner, tmp_path: Path) -> None:
    rows = "".join(f"{n},true,0065g00000{n:05d}AAA,Acme {n},Prospecting\n" for n in range(1, 9))
    out = _draft(
        runner, tmp_path, "Amount,Deal Name,Champion,Account Name,Stage\n" + rows, "-f", "meddpicc"
    )

    assert '  # amount: TODO  # "Amount" holds numbers' in out
    assert '  # name: TODO  # "Deal Name" holds yes/no values' in out
    assert '    # champion: {column: TODO}  # "Champion" holds record ids' in out
    assert '  company: "Account Name"' in out


def test_criteria_are_found_by_alias_in_any_language_and_kind_by_values(
    runner: CliRunner, tmp_path: Path
) -> None:
    header = "Opportunity Name,MEDDPICC - Champion (Y/N),Economic_Buyer_Identified__c,페인 포인트,Metrics"
    rows = "".join(
        f"Deal {n},{'Y' if n % 2 else 'N'},{n % 2},고객이 월말 결산에 {n}일을 씀,{['Confirmed', 'Partial', 'High'][n % 3]}\n"
        for n in range(9)
    )
    out = _draft(runner, tmp_path, f"{header}\n{rows}", "-f", "meddpicc")

    assert '    champion: {column: "MEDDPICC - Champion (Y/N)", kind: yes-no}' in out
    assert '    economic-buyer: {column: "Economic_Buyer_Identified__c", kind: yes-no}' in out
    assert '    identified-pain: {column: "페인 포인트", kind: text}' in out
    assert '    metrics: {column: "Metrics", values: {"High": TODO}}  # TODO: each value ->' in out


def test_stages_follow_the_exports_won_and_closed_columns(
    runner: CliRunner, tmp_path: Path
) -> None:
    stages = [
        ("Primer contacto", 0, 0, 10),
        ("Oferta enviada", 0, 0, 60),
        ("Firmado", 1, 1, 100),
        ("Perdido", 1, 0, 0),
        ("Prospección", 0, 0, 10),
    ]
    rows = "".join(f"D{n},{s},{c},{w},{p}\n" for n, (s, c, w, p) in enumerate(stages * 3))
    out = _draft(
        runner,
        tmp_path,
        "Nombre,Etapa,Cerrada,Ganada,Probabilidad (%)\n" + rows,
        "-f",
        "meddpicc",
        "--crm",
        "salesforce",
    )

    assert '  "Firmado": won' in out and '  "Perdido": lost' in out
    assert '  "Prospección": prospecting' in out
    assert '  "Oferta enviada": TODO  # likely' in out and "(probability 60%)" in out
    assert '  "Primer contacto": TODO' in out


def test_columns_nothing_reads_are_offered_to_learn_as_attributes(
    runner: CliRunner, tmp_path: Path
) -> None:
    rows = "".join(f"D{n},Acme {n},GTX Pro,Won,2025-0{n}-01\n" for n in range(1, 9))
    text = "opportunity_id,account,product,deal_stage,close_date\n" + rows

    out = _draft(runner, tmp_path, text, "-f", "meddpicc")

    assert '# attributes: ["product"]  # uncomment for `dealcheck learn`' in out
    assert "opportunity_id" not in out.split("# attributes:")[1]
