"""Golden files for the pipeline summary of the shipped example exports, en and ko.

The terminal summary is rendered at a fixed width with no colour. Regenerate after an
intended change with `UPDATE_GOLDEN=1 python -m pytest tests/render/test_pipeline_golden.py`
and review the diff.
"""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path

import pytest

from dealcheck.batch.run import ScoreRequest, run_score
from dealcheck.batch.summarise.builder import PipelineSummary
from dealcheck.batch.summarise.to_json import summary_to_json
from dealcheck.render.pipeline_md import pipeline_markdown
from dealcheck.render.pipeline_view import pipeline_summary
from tests.conftest import ROOT
from tests.render.test_golden import plain

GOLDEN = ROOT / "tests" / "golden" / "pipeline"
EXAMPLES = {
    "en": ("salesforce-pipeline.csv", "salesforce.map.yaml"),
    "ko": ("hubspot-ko-pipeline.csv", "hubspot-ko.map.yaml"),
}

#: Seed 001: pipeline worth three times this month's target.
QUOTA = {"en": "1500000", "ko": "500000000"}


def _summary(lang: str) -> PipelineSummary:
    export, mapping = EXAMPLES[lang]
    request = ScoreRequest(
        inputs=[f"examples/{export}"],
        frameworks=[],
        mapping=f"examples/{mapping}",
        output=None,
        format="csv",
        rejects=None,
        encoding=None,
        delimiter=None,
        today=date(2026, 11, 23),
        lang=lang,
        bom=True,
        team_dir=None,
        default_frameworks=[],
        quota=QUOTA[lang],
    )
    return run_score(request)


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("name", ["summary.txt", "summary.md", "summary.json"])
def test_pipeline_golden(name: str, lang: str, in_repo: Path) -> None:
    summary = _summary(lang)
    if name.endswith(".txt"):
        rendered = plain(pipeline_summary(summary, lang))
    elif name.endswith(".md"):
        rendered = pipeline_markdown(summary, lang)
    else:
        data = summary_to_json(summary)
        rendered = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    golden = GOLDEN / f"{lang}-{name}"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(rendered, encoding="utf-8")
    assert golden.exists(), f"missing {golden}; run with UPDATE_GOLDEN=1"
    assert rendered == golden.read_text(encoding="utf-8")


def test_a_korean_export_gives_a_fully_korean_summary(in_repo: Path) -> None:
    import re

    from dealcheck.i18n_pipeline import PIPELINE

    summary = _summary("ko")
    for rendered in (plain(pipeline_summary(summary, "ko")), pipeline_markdown(summary, "ko")):
        text = rendered.replace("examples/hubspot-ko-pipeline.csv", "")
        # Every English label of the summary is absent; what Latin text is left is
        # data (file names, framework ids, currency codes) or `kind: text` advice.
        english = {
            v
            for k, v in PIPELINE["en"].items()
            if "{" not in v and len(v) > 3 and v != PIPELINE["ko"][k]
        }
        assert not [label for label in english if re.search(rf"\b{re.escape(label)}\b", text)]
        assert "예상 계약일" in text and "포캐스트" in text and "수주" in text
