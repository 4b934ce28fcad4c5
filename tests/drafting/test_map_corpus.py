"""`map init` on the corpus of export layouts: no wrong picks, few misses."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import invoke
from tests.drafting.corpus import CASES, CORPUS, Tally, tally

#: Misses allowed across the corpus (see the table in benchmarks/map_corpus.py); lower
#: it when map init learns more, never raise it to let a change through.
MAX_MISSES = 7


def _draft(runner: CliRunner, tmp_path: Path, layout: str) -> Tally:
    name, options = CASES[layout]
    draft = tmp_path / f"{layout}.map.yaml"
    code, _, stderr = invoke(
        runner, "map", "init", str(CORPUS / layout / name), *options, "-o", str(draft)
    )
    assert code == 0, stderr
    return tally(draft, layout)


def test_the_corpus_has_every_layout_the_issue_names() -> None:
    assert len(CASES) >= 12
    assert sorted(p.name for p in CORPUS.iterdir() if p.is_dir()) == sorted(CASES)


@pytest.mark.parametrize("layout", sorted(CASES))
def test_map_init_makes_no_wrong_pick(runner: CliRunner, tmp_path: Path, layout: str) -> None:
    result = _draft(runner, tmp_path, layout)
    assert result.wrongs == []
    assert result.picks > len(result.misses)


def test_misses_across_the_corpus_stay_under_the_limit(runner: CliRunner, tmp_path: Path) -> None:
    misses = [m for layout in sorted(CASES) for m in _draft(runner, tmp_path, layout).misses]
    assert len(misses) <= MAX_MISSES, "\n".join(misses)
