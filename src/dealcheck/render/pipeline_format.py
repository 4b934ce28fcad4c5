"""What every pipeline renderer shows the same way: ids as names in the reader's language."""

from __future__ import annotations

from dataclasses import replace

from dealcheck.batch.summary import PipelineSummary, Tally
from dealcheck.i18n import MESSAGES, t


def localized(summary: PipelineSummary, lang: str) -> PipelineSummary:
    """The summary with criterion, stage and hygiene ids shown as names in `lang`.

    The summary itself keeps ids (they are what JSON output and scripts rely on);
    renderers call this first.
    """
    names = dict(summary.labels)
    names.update(
        {
            key.removeprefix("hygiene."): t(key, lang)
            for key in MESSAGES["en"]
            if key.startswith("hygiene.")
        }
    )

    def counts(pairs: list[tuple[str, int]]) -> list[tuple[str, int]]:
        return [(names.get(key, key), n) for key, n in pairs]

    def tallies(table: dict[str, Tally]) -> dict[str, Tally]:
        return {names.get(key, key): tally for key, tally in table.items()}

    return replace(
        summary,
        by_stage=tallies(summary.by_stage),
        gaps=counts(summary.gaps),
        hygiene=counts(summary.hygiene),
    )


def tally_sections(summary: PipelineSummary, lang: str) -> list[tuple[str, dict[str, Tally]]]:
    """(title, tallies) for deals by recommendation, grade and stage, the empty ones left out."""
    sections = [
        (
            t("pipeline.by_recommendation", lang),
            {t(f"recommendation.{k}", lang): v for k, v in summary.by_recommendation.items()},
        ),
        (t("pipeline.by_grade", lang), summary.by_grade),
        (t("pipeline.by_stage", lang), summary.by_stage),
    ]
    return [(title, tallies) for title, tallies in sections if tallies]


def count_sections(summary: PipelineSummary, lang: str) -> list[tuple[str, list[tuple[str, int]]]]:
    """(title, counts) for gaps, red flags and hygiene, the empty ones left out."""
    sections = [
        (t("pipeline.gaps", lang), summary.gaps),
        (t("pipeline.red_flags", lang), summary.red_flags),
        (t("pipeline.hygiene", lang), summary.hygiene),
    ]
    return [(title, counts) for title, counts in sections if counts]
