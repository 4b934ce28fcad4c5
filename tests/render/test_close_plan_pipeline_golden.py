"""Golden files for the pipeline summary of an export with close plan dates, en and ko.

The export (tests/fixtures/close-plan) holds the coach's cases: a procurement step
whose lead time misses the close date, a slipped legal review, a proposal-stage deal
without a plan, a signature planned after the close date, a slipped next step, a won
deal (not checked) and a row with an unreadable plan date (rejected). Regenerate with
`UPDATE_GOLDEN=1 python -m pytest tests/render/test_close_plan_pipeline_golden.py` and
review the diff line by line.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

from dealcheck.batch.run import ScoreRequest, run_score
from dealcheck.render.pipeline_md import pipeline_markdown
from dealcheck.render.pipeline_view import pipeline_summary
from tests.conftest import FIXTURES, ROOT
from tests.render.test_golden import plain

GOLDEN = ROOT / "tests" / "golden" / "pipeline"
HERE = FIXTURES / "close-plan"


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("name", ["close-plan.txt", "close-plan.md"])
def test_close_plan_summary_golden(name: str, lang: str, in_repo: Path) -> None:
    request = ScoreRequest(
        inputs=[str((HERE / "pipeline.csv").relative_to(ROOT))],
        frameworks=[],
        mapping=str((HERE / "pipeline.map.yaml").relative_to(ROOT)),
        output=None,
        format="csv",
        rejects=None,
        encoding=None,
        delimiter=None,
        today=date(2025, 6, 13),
        lang=lang,
        bom=True,
        team_dir=None,
        default_frameworks=[],
    )
    summary = run_score(request)
    if name.endswith(".txt"):
        rendered = plain(pipeline_summary(summary, lang), 80)
    else:
        rendered = pipeline_markdown(summary, lang)
    golden = GOLDEN / f"{lang}-{name}"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(rendered, encoding="utf-8")
    assert golden.exists(), f"missing {golden}; run with UPDATE_GOLDEN=1"
    assert rendered == golden.read_text(encoding="utf-8")
