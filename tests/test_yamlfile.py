"""The safe YAML reader: hostile and malformed input gets one located error, never a crash."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from dealcheck.errors import ValidationFailed
from dealcheck.language.yamlfile import MAX_BYTES, YamlMapping, locate, parse_yaml, read_yaml

from .conftest import FRAMEWORK_FIXTURES

BAD = FRAMEWORK_FIXTURES / "bad"


@pytest.mark.parametrize(
    ("fixture", "expected"),
    [
        ("anchor.yaml", "anchor.yaml:2:7: anchor &n is not allowed"),
        ("merge-key.yaml", "merge-key.yaml:3:3: merge key << is not allowed"),
        ("duplicate-key.yaml", "duplicate-key.yaml:4:1: duplicate key 'id' (first at line 1)"),
        ("non-string-key.yaml", "non-string-key.yaml:3:3: key '1' is not text; quote it"),
        (
            "python-tag.yaml",
            "python-tag.yaml:2:7: tag !!python/object/apply:os.system is not allowed",
        ),
        ("tab.yaml", "tab.yaml:3:1: tab character; indent and separate with spaces"),
        ("two-documents.yaml", "two-documents.yaml:2:1: more than one YAML document"),
        ("cp949.yaml", "cp949.yaml:2:7: byte 0xb0 is not UTF-8; save the file as UTF-8"),
        # The parser's own wording differs between libyaml and PyYAML releases: the
        # location is ours to promise, the words after it are not.
        ("broken-syntax.yaml", "broken-syntax.yaml:3:8: "),
    ],
)
def test_rejects_unsafe_or_broken_yaml_at_the_exact_location(fixture: str, expected: str) -> None:
    with pytest.raises(ValidationFailed) as caught:
        read_yaml(BAD / fixture)

    assert len(caught.value.problems) == 1
    shown = str(caught.value.problems[0])
    assert shown.startswith(f"{BAD / expected}")
    assert "\n" not in shown


def test_alias_without_anchor_definition_is_rejected() -> None:
    with pytest.raises(ValidationFailed, match=r"x.yaml:2:4: alias \*a is not allowed"):
        parse_yaml(b"a: 1\nb: *a\n", "x.yaml")


def test_yaml_1_1_booleans_stay_text() -> None:
    tree = parse_yaml(b"id: no\nname: off\nflags: [yes, On, n]\nreal: true\n", "n.yaml")

    assert tree == {"id": "no", "name": "off", "flags": ["yes", "On", "n"], "real": True}


def test_oversized_file_is_refused_before_parsing(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_bytes(b"a: " + b"x" * MAX_BYTES + b"\n")

    with pytest.raises(
        ValidationFailed, match=r"big.yaml:1:1: file is 1,048,580 bytes; the limit is 1,048,576"
    ):
        read_yaml(big)


@pytest.mark.parametrize("opener", [b"[", b"{a: "])
def test_absurd_nesting_is_refused_without_crash_or_hang(opener: bytes) -> None:
    closer = b"]" if opener == b"[" else b"}"
    data = b"a: " + opener * 200_000 + closer * 200_000 + b"\n"
    started = time.monotonic()

    with pytest.raises(ValidationFailed, match=r"deep.yaml:1:\d+: nested deeper than 40 levels"):
        parse_yaml(data[: 1024 * 1000], "deep.yaml")

    assert time.monotonic() - started < 30  # a hang guard, not a performance check


def test_empty_and_bom_and_utf16_files() -> None:
    with pytest.raises(ValidationFailed, match="e.yaml:1:1: file is empty"):
        parse_yaml(b"# only a comment\n", "e.yaml")
    with pytest.raises(ValidationFailed, match="u.yaml:1:1: file is UTF-16; save it as UTF-8"):
        parse_yaml("a: 1".encode("utf-16"), "u.yaml")
    assert parse_yaml("\ufeffname: 한국어\n".encode(), "b.yaml") == {"name": "한국어"}


def test_locations_point_at_keys_values_and_items() -> None:
    tree = parse_yaml(b"a:\n  b: [x, y]\n  c: 1\n", "t.yaml")

    assert isinstance(tree, YamlMapping)
    assert str(locate(tree, ("a", "b", 1))) == "t.yaml:2:10"
    assert str(locate(tree, ("a", "c"), on_key=True)) == "t.yaml:3:3"
    assert str(locate(tree, ("a", "missing"))) == "t.yaml:2:3"
