"""The report of `framework test`: per file and example, what was expected and what came out."""

from __future__ import annotations

from dealcheck.i18n import t
from dealcheck.policy.testing import FileResult


def test_report(results: list[FileResult], lang: str) -> str:
    """Plain text: a line per example, the missed expectations under a failed one, a total."""
    lines: list[str] = []
    for result in results:
        header = result.path + (f"  ({', '.join(result.frameworks)})" if result.frameworks else "")
        lines.append(header)
        lines += [f"  {t('error.prefix', lang)}{p.text(lang)}" for p in result.problems]
        for example in result.examples:
            mark = t("ftest.pass", lang) if example.passed else t("ftest.fail", lang)
            lines.append(f"  {mark} {example.name}")
            if example.passed:
                continue
            lines.append(f"      {example.location}")
            for missed in example.mismatches:
                lines.append(
                    "      "
                    + t(
                        "ftest.mismatch",
                        lang,
                        what=t(f"ftest.what.{missed.what}", lang),
                        expected=missed.expected,
                        got=missed.got,
                    )
                )
    lines.append(test_summary(results, lang))
    return "\n".join(lines) + "\n"


def test_summary(results: list[FileResult], lang: str) -> str:
    """One line: how many examples ran, passed and failed, and files that could not run."""
    total = sum(len(r.examples) for r in results)
    failed = sum(r.failed for r in results)
    broken = sum(bool(r.problems) for r in results)
    summary = t("ftest.summary", lang, total=total, passed=total - failed, failed=failed)
    if broken:
        summary += t("ftest.broken", lang, count=broken)
    return summary
