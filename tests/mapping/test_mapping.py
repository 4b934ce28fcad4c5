from __future__ import annotations

from pathlib import Path

import pytest

from dealcheck.errors import UsageError, ValidationFailed
from dealcheck.language.framework import Framework
from dealcheck.language.loading import load_framework
from dealcheck.mapping.binding import bind
from dealcheck.mapping.loading import load_mapping, preset_names


def _problems(tmp_path: Path, text: str, header: list[str], mini: Framework) -> list[str]:
    path = tmp_path / "bad.map.yaml"
    path.write_text(text, encoding="utf-8")

    def load_and_bind() -> None:
        mapping, tree = load_mapping(path)
        bind(mapping, tree, header, [mini], "export.csv")

    with pytest.raises(ValidationFailed) as caught:
        load_and_bind()
    return [str(p).replace(str(path), "MAP") for p in caught.value.problems]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("colums:\n  amount: Amount\n", "MAP:1:1: unknown key 'colums'; did you mean 'columns'?"),
        ("columns:\n  amont: Amount\n", "MAP:2:3: unknown key 'amont'; did you mean 'amount'?"),
        (
            "columns:\n  amount: Amuont\n",
            "MAP:2:11: column 'Amuont' is not in export.csv; did you mean 'Amount'?",
        ),
        (
            "stages:\n  Won it: victory\n",
            "MAP:2:11: 'victory' is not a stage (discovery, proposal, closing, won, lost)",
        ),
        (
            "criteria:\n  mini:\n    pian: {column: Pain}\n",
            "MAP:3:5: mini has no criterion 'pian' (pain, champion, budget)",
        ),
        (
            "criteria:\n  mini:\n    pain: {column: Pain, yes: sure}\n",
            "MAP:3:11: 'sure' is not a level (absent, assumed, partial, confirmed, yes, no, unknown)",
        ),
        (
            "red_flags:\n  mini:\n    cheap: {column: Pain}\n",
            "MAP:3:5: mini has no red flag 'cheap' (price-only, champion-left, no-event)",
        ),
        ("decimal: ';'\n", "MAP:1:10: decimal: Input should be '.' or ','"),
    ],
)
def test_mapping_errors_point_at_file_line_column(
    tmp_path: Path, mini: Framework, text: str, expected: str
) -> None:
    assert _problems(tmp_path, text, ["Amount", "Pain"], mini) == [expected]


def test_unknown_preset_lists_the_presets() -> None:
    with pytest.raises(UsageError, match="presets: hubspot, pipedrive, salesforce"):
        load_mapping("zoho")


@pytest.mark.parametrize("name", preset_names())
def test_presets_load_and_bind_to_an_empty_header(name: str) -> None:
    mapping, tree = load_mapping(name)
    assert mapping.missing_columns == "ignore"
    meddpicc = load_framework("meddpicc")
    assert bind(mapping, tree, ["Something else"], [meddpicc], "x.csv").roles["amount"] == -1


def test_duplicate_headers_are_reported(tmp_path: Path, mini: Framework) -> None:
    path = tmp_path / "m.yaml"
    path.write_text("columns: {amount: Amount}\n", encoding="utf-8")
    mapping, tree = load_mapping(path)
    binding = bind(mapping, tree, ["Amount", "amount ", "Deal", "Deal"], [mini], "x.csv")
    assert binding.roles["amount"] == 0
    assert any("'amount '" in str(w) for w in binding.warnings)
    assert any("'Deal'" in str(w) for w in binding.warnings)


def test_a_framework_not_scored_is_named_only_where_the_mapping_feeds_it(
    tmp_path: Path,
) -> None:
    # A drafted mapping keeps `meddpicc: {}` for the criteria it found no column for;
    # scoring it with red flags alone must not warn that meddpicc's columns are ignored.
    red_flags = load_framework("red-flags")
    empty, fed = tmp_path / "empty.yaml", tmp_path / "fed.yaml"
    empty.write_text("criteria: {meddpicc: {}}\nred_flags: {bant: {}}\n", encoding="utf-8")
    fed.write_text("criteria: {meddpicc: {metrics: {column: Metrics}}}\n", encoding="utf-8")

    warned = {
        name: [str(w) for w in bind(*load_mapping(path), ["Metrics"], [red_flags], "x").warnings]
        for name, path in (("empty", empty), ("fed", fed))
    }

    assert warned["empty"] == []
    assert warned["fed"] == ["mapping feeds framework 'meddpicc', which is not scored; ignored"]
