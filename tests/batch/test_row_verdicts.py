"""A row read from its raw cells gets the verdict `assess` gives the answers they say.

Batch scoring reads rows' verdicts straight from their cells, a chunk of rows at a
time (one table lookup per run of criterion or red-flag columns). On seeded random rows of every built-in framework,
alone and all combined, with every level, blanks, spellings the mapping reads alike
("  PARTIAL "), values it cannot read (levels and flags), free-text columns, red flags
(ids several frameworks share too), stages, unknown stages and closed outcomes, the
verdict is the one `assess` gives, and the values that did not read are reported in
the mapping's column order.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from dealcheck.batch.score.row_plan import RowPlan
from dealcheck.language.catalog import builtin_ids
from dealcheck.language.framework import UNKNOWN, Framework
from dealcheck.language.loading import load_framework
from dealcheck.mapping.binding import bind
from dealcheck.mapping.loading import load_mapping
from dealcheck.scoring.answers import Answers, plain_answer
from dealcheck.scoring.assessment import Assessment, assess
from dealcheck.scoring.verdicts import VerdictCache

ROWS = 3_000
SETS = [[framework_id] for framework_id in builtin_ids()] + [builtin_ids()]
#: Every third criterion column holds free text (`kind: text`, read as `partial`).
TEXT_EVERY = 3
NOTES = ["CFO confirmed budget in writing", "예산 확정 (고객 확인)", "n/a", "  ", "unknown"]


def _stages(frameworks: list[Framework]) -> list[str]:
    staged = [{s.id for s in fw.stages} for fw in frameworks if fw.stages]
    return sorted(set.intersection(*staged)) if staged else []


def _mapping(frameworks: list[Framework], folder: Path) -> tuple[Path, list[str]]:
    """A mapping with one column per criterion and red flag, and its header."""
    header = ["Stage"]
    lines = [
        f"frameworks: [{', '.join(fw.id for fw in frameworks)}]",
        "columns: {stage: Stage}",
        "stages: {Closed Won: won, Closed Lost: lost}",
        "criteria:",
    ]
    slot = 0
    for fw in frameworks:
        if fw.criteria:
            lines.append(f"  {fw.id}:")
        for criterion in fw.criteria:
            column = f"{fw.id}/{criterion.id}"
            header.append(column)
            text = ", kind: text, level: partial" if slot % TEXT_EVERY == 2 else ""
            lines.append(f"    {criterion.id}: {{column: '{column}'{text}}}")
            slot += 1
    lines.append("red_flags:")
    for fw in frameworks:
        if fw.red_flags:
            lines.append(f"  {fw.id}:")
            for flag in fw.red_flags:
                header.append(f"{fw.id}!{flag.id}")
                lines.append(f"    {flag.id}: {{column: '{fw.id}!{flag.id}'}}")
    text = "\n".join(lines) + "\n"
    text = text.replace("criteria:\nred_flags:", "criteria: {}\nred_flags:")
    text = text.removesuffix("red_flags:\n")  # no framework has red flags
    path = folder / "random.map.yaml"
    path.write_text(text, encoding="utf-8")
    return path, header


@pytest.mark.parametrize("ids", SETS, ids=["+".join(ids) for ids in SETS])
def test_rows_read_from_cells_get_the_assess_verdict(ids: list[str], tmp_path: Path) -> None:
    frameworks = [load_framework(framework_id) for framework_id in ids]
    path, header = _mapping(frameworks, tmp_path)
    mapping, tree = load_mapping(path)
    binding = bind(mapping, tree, header, frameworks, "random.csv")
    cache = VerdictCache(frameworks, "en", with_report=False)
    plan = RowPlan(binding, mapping, frameworks, cache, with_evidence=False)
    rng = random.Random(f"rows {ids}")
    stages = _stages(frameworks)
    criteria = [(fw, c) for fw in frameworks for c in fw.criteria]
    flags = [(fw, f) for fw in frameworks for f in fw.red_flags]
    outcomes: set[str] = set()
    made: list[tuple[list[str], Assessment, str | None, list[tuple[str, str]]]] = []
    for _ in range(ROWS):
        stage_cell = rng.choice([*stages, *stages, "", "Someday", "Closed Won", "Closed Lost"])
        cells, answers = [stage_cell], {fw.id: Answers() for fw in frameworks}
        unreadable: list[tuple[str, str]] = []
        for slot, (fw, criterion) in enumerate(criteria):
            levels = [level.id for level in fw.scale_of(criterion).root]
            if slot % TEXT_EVERY == 2:
                cell = rng.choice(NOTES)
                level = UNKNOWN if cell.strip() in ("", "unknown") else "partial"
            else:
                level = rng.choice([*levels, UNKNOWN, UNKNOWN])
                cell = "" if level == UNKNOWN else rng.choice([level, f"  {level.upper()} "])
                if level == UNKNOWN and rng.random() < 0.1:
                    cell = "maybe?"
                    unreadable.append((f"{fw.id}/{criterion.id}", cell))
            cells.append(cell)
            if level != UNKNOWN:
                answers[fw.id].criteria[criterion.id] = plain_answer(level)
        for fw, flag in flags:
            said = rng.choice([True, False, None])
            cell = {True: "Yes", False: "no", None: ""}[said]
            if said is None and rng.random() < 0.1:
                cell = "perhaps"
                unreadable.append((f"{fw.id}!{flag.id}", cell))
            cells.append(cell)
            answers[fw.id].red_flags.setdefault(flag.id, said)
        outcome = {"Closed Won": "won", "Closed Lost": "lost"}.get(stage_cell)
        stage = stage_cell if stage_cell in stages else None

        expected = assess(frameworks, _first_answers(answers, frameworks), outcome or stage)
        stage_unread = [("stage", "Someday")] if stage_cell == "Someday" else []
        made.append((cells, expected, outcome, stage_unread + unreadable))

    # The batch path reads rows a chunk at a time, column by column: chunks of every
    # size, each mixing stages, outcomes and values that do not read.
    rows = [row for chunk in _chunks(made, rng) for row in plan.verdicts(chunk)]
    for row, (cells, expected, outcome, unreadable) in zip(rows, made, strict=True):
        assert (
            row.verdict.score,
            row.verdict.grade,
            row.verdict.recommendation,
            row.verdict.gaps,
            row.verdict.red_flags,
        ) == (
            expected.score,
            expected.grade,
            outcome or expected.recommendation.value,
            tuple(dict.fromkeys(g.criterion.id for g in expected.gaps)),
            tuple(f.flag.id for f in expected.red_flags),
        ), cells
        assert list(row.unmapped) == unreadable
        assert row.closed == bool(outcome)
        outcomes.add(row.verdict.recommendation)
    assert {"won", "lost"} < outcomes


def _chunks(
    made: list[tuple[list[str], Assessment, str | None, list[tuple[str, str]]]], rng: random.Random
) -> list[list[list[str]]]:
    """The rows' cells in chunks of 1 to 400 rows."""
    chunks, start = [], 0
    while start < len(made):
        size = rng.choice([1, 2, 17, 400])
        chunks.append([cells for cells, _, _, _ in made[start : start + size]])
        start += size
    return chunks


def _first_answers(answers: dict[str, Answers], frameworks: list[Framework]) -> dict[str, Answers]:
    """A red flag several frameworks share takes the first answer given for it."""
    first: dict[str, bool | None] = {}
    for fw in frameworks:
        for flag_id, said in answers[fw.id].red_flags.items():
            if first.get(flag_id) is None:
                first[flag_id] = said
    for fw in frameworks:
        for flag_id in answers[fw.id].red_flags:
            answers[fw.id].red_flags[flag_id] = first[flag_id]
    return answers
