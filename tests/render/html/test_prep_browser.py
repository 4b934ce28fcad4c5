"""The call plan page in headless Chromium: drawn, no script run, one printed page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.render.html.chromium import PNG_MAGIC, _run, load
from tests.render.html.parsing import find
from tests.render.html.test_prep_html import prep_page

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(
    ("deal", "lang"), [("late-stage", "en"), ("late-stage", "ko"), ("hostile", "ko")]
)
def test_call_plan_in_chromium(tmp_path: Path, deal: str, lang: str) -> None:
    page = tmp_path / "prep.html"
    page.write_text(prep_page(deal, lang), encoding="utf-8")

    loaded = load(page, tmp_path / "browser")
    pdf = tmp_path / "prep.pdf"
    _run(page, tmp_path / "print", [f"--print-to-pdf={pdf}", "--no-pdf-header-footer"])

    assert loaded.screenshot.read_bytes().startswith(PNG_MAGIC)
    assert loaded.problems() == []
    assert not find(loaded.dom, "script")
    goal = {"en": "Goal of this call", "ko": "이번 콜의 목표"}[lang]
    assert goal in loaded.text
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf.read_bytes()))
    assert pages == 1, f"the call plan prints on {pages} pages"
