"""Golden files for `framework diff` of two versions of a team framework built on MEDDPICC.

Rendered through the real command, en and ko, text and Markdown. Regenerate after an
intended change with `UPDATE_GOLDEN=1 python -m pytest tests/render` and review the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import FRAMEWORK_FIXTURES, ROOT, invoke

GOLDEN = ROOT / "tests" / "golden" / "framework-diff"
HISTORY = FRAMEWORK_FIXTURES / "history"


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("output_format", ["text", "md"])
def test_framework_diff_golden(
    runner: CliRunner, in_repo: Path, lang: str, output_format: str
) -> None:
    code, out, err = invoke(
        runner,
        "framework",
        "diff",
        str((HISTORY / "v1" / "acme.yaml").relative_to(ROOT)),
        str((HISTORY / "v2" / "acme.yaml").relative_to(ROOT)),
        "--format",
        output_format,
        "--lang",
        lang,
    )

    assert code == 0, err
    golden = GOLDEN / f"{lang}-diff.{'txt' if output_format == 'text' else 'md'}"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(out, encoding="utf-8")
    assert out == golden.read_text(encoding="utf-8")
