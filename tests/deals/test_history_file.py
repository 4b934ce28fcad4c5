"""Deal history stored as changes: round trips, old files, hand edits, size over years."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from dealcheck.deals import store
from dealcheck.deals.model import Deal
from dealcheck.errors import ValidationFailed, WriteError
from tests.conftest import FIXTURES, FRAMEWORK_FIXTURES, invoke

GOLDEN = FIXTURES / "deals" / "golden-deal.yaml"
MINI_DIR = ["--frameworks-dir", str(FRAMEWORK_FIXTURES)]
LEVELS = ["unknown", "absent", "assumed", "partial", "confirmed"]
FLAGS = ["yes", "no", "unknown"]
NOTES = ["Close takes 12 days", "재무팀장 확인: 월말 마감 12일", "CFO: budget in FY plan", ""]


def _record(level: str, note: str, source: str | None, day: int | None) -> dict[str, Any]:
    record: dict[str, Any] = {"level": level}
    if note:
        record["evidence"] = note
    if source:
        record["source"] = source
    if day is not None:
        record["confirmed_on"] = dt.date(2025, 1, 1) + dt.timedelta(days=day)
    return record


records = st.builds(
    _record,
    st.sampled_from(LEVELS),
    st.sampled_from(NOTES),
    st.sampled_from([None, "belief", "customer", "document"]),
    st.one_of(st.none(), st.integers(0, 400)),
)
framework_answers = st.fixed_dictionaries(
    {
        "criteria": st.dictionaries(st.sampled_from(["pain", "champion", "budget"]), records),
        "red_flags": st.dictionaries(
            st.sampled_from(["price-only", "no-event"]), st.sampled_from(FLAGS)
        ),
        "exit_criteria": st.dictionaries(st.sampled_from(["demo-done"]), st.sampled_from(FLAGS)),
    }
)
qualifications = st.lists(
    st.fixed_dictionaries(
        {
            "date": st.dates(dt.date(2024, 1, 1), dt.date(2026, 1, 1)),
            "stage": st.sampled_from(["discovery", "proposal"]),
            "frameworks": st.just(["mini@1.0.0"]),
            "answers": st.dictionaries(st.sampled_from(["mini", "bant"]), framework_answers),
        }
    ),
    min_size=1,
    max_size=8,
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(history=qualifications)
def test_any_history_reads_back_as_it_was_saved(
    tmp_path: Path, history: list[dict[str, Any]]
) -> None:
    deal = Deal.model_validate({"name": "Acme", "qualifications": history})
    path = tmp_path / "acme.yaml"
    path.unlink(missing_ok=True)

    store.save_deal(path, deal)

    assert store.load_deal(path) == deal


def _weekly(weeks: int, *, evidence: str, moving: bool) -> Deal:
    """A deal re-qualified `weeks` times, as qualify carries the answers forward."""
    deal = store.load_deal(GOLDEN)
    last = deal.qualifications[-1]
    history = []
    for week in range(weeks):
        answers = last.answers["mini"].model_copy(deep=True)
        answers.criteria["budget"].evidence = evidence
        if moving:
            answers.criteria["champion"].level = LEVELS[week % len(LEVELS)]
        history.append(
            last.model_copy(
                update={
                    "date": last.date + dt.timedelta(weeks=week),
                    "answers": {"mini": answers},
                }
            )
        )
    return deal.model_copy(update={"qualifications": history})


def test_a_deal_requalified_1000_times_with_a_100_kb_note_stays_under_400_kb(
    tmp_path: Path,
) -> None:
    # About 100 KB of UTF-8 evidence, carried forward every week; a level moves each week.
    note = ("재무팀 예산 확인. " * 4_000).strip()
    deal = _weekly(1_000, evidence=note, moving=True)
    path = tmp_path / "acme.yaml"

    store.save_deal(path, deal)

    assert path.stat().st_size < 400_000  # with every answer written each time: over 100 MB
    assert store.load_deal(path) == deal


def test_an_old_file_with_every_qualification_in_full_reads_the_same(tmp_path: Path) -> None:
    old = tmp_path / "old.yaml"
    deal = _weekly(30, evidence="No budget line this year", moving=True)
    old.write_text(store.HEADER + store.dump(deal.model_dump(mode="json", exclude_none=True)))
    assert "\n  only_changes:" not in old.read_text(encoding="utf-8")

    assert store.load_deal(old) == deal


def test_the_next_write_migrates_an_old_file_and_every_view_reads_the_same(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    for folder in ("new", "old"):
        (tmp_path / folder).mkdir()
    deal = tmp_path / "new" / "acme.yaml"
    deal.write_bytes(GOLDEN.read_bytes())
    answers = tmp_path / "answers.yaml"
    answers.write_text("answers: {mini: {criteria: {champion: confirmed}}}\n", encoding="utf-8")
    mini = ["--frameworks-dir", str(FRAMEWORK_FIXTURES)]

    code, _, err = invoke(runner, "qualify", str(deal), "--answers", str(answers), *mini)

    assert code == 0, err
    text = deal.read_text(encoding="utf-8")
    assert text.count("\n  only_changes: true\n") == 2
    saved = store.load_deal(deal)
    in_full = store.HEADER + store.dump(saved.model_dump(mode="json", exclude_none=True))
    assert len(text) < len(in_full) - 200  # the two re-qualifications repeat no answer
    old = tmp_path / "old" / "acme.yaml"
    old.write_text(in_full, encoding="utf-8")
    for at in ("1", "2", "3"):
        views = [
            invoke(runner, "report", f"{folder}/acme.yaml", "--at", at, "--format", fmt, *mini)
            for fmt in ("md", "json")
            for folder in ("new", "old")
        ]
        assert views[0][0] == 0 and views[0][1], views[0]
        assert views[0] == tuple_replace(views[1]) and views[2] == tuple_replace(views[3])
    third = saved.qualifications[2].answers["mini"]
    assert third.criteria["champion"].level == "confirmed"
    assert third.criteria["pain"].evidence == "Close takes 12 days | two analysts"


def tuple_replace(view: tuple[int, str, str]) -> tuple[int, str, str]:
    """A report of old/acme.yaml as it reads for new/acme.yaml."""
    code, out, err = view
    return code, out.replace("old/acme.yaml", "new/acme.yaml"), err


def test_a_moved_level_keeps_its_evidence_and_null_clears_a_field(tmp_path: Path) -> None:
    path = tmp_path / "acme.yaml"
    path.write_text(
        GOLDEN.read_text(encoding="utf-8") + "- date: 2025-06-01\n"
        "  frameworks: [mini@1.0.0]\n"
        "  only_changes: true\n"
        "  answers:\n"
        "    mini:\n"
        "      criteria:\n"
        "        champion: confirmed\n"
        "        budget: {evidence: null, source: null, confirmed_on: null}\n"
        "      red_flags: {no-event: 'no'}\n",
        encoding="utf-8",
    )

    third = store.load_deal(path).qualifications[2]

    champion, budget = (
        third.answers["mini"].criteria["champion"],
        third.answers["mini"].criteria["budget"],
    )
    assert (champion.level, champion.evidence) == ("confirmed", "Min-jun seems keen")
    assert (budget.level, budget.evidence, budget.source) == ("absent", None, None)
    assert third.answers["mini"].red_flags == {
        "price-only": "no",
        "champion-left": "no",
        "no-event": "no",
    }
    assert third.stage is None and third.result is None  # only answers are inherited


@pytest.mark.parametrize(
    ("edit", "line", "message"),
    [
        ("  only_changes: perhaps\n", 12, "only_changes: write true or false, not 'perhaps'"),
        ("  only_changes: true\n", 12, "only_changes: true on the first qualification"),
    ],
)
def test_a_hand_edited_marker_is_one_located_line(
    tmp_path: Path, edit: str, line: int, message: str
) -> None:
    lines = GOLDEN.read_text(encoding="utf-8").splitlines(keepends=True)
    lines.insert(line - 1, edit)  # into the first qualification
    path = tmp_path / "acme.yaml"
    path.write_text("".join(lines), encoding="utf-8")

    with pytest.raises(ValidationFailed) as caught:
        store.load_deal(path)

    assert [str(p) for p in caught.value.problems] == [
        f"{path}:{line}:{3 if 'first' in message else 17}: {message}"
        + ("" if "perhaps" in message else caught.value.problems[0].message.removeprefix(message))
    ]
    assert message in str(caught.value.problems[0])


def test_an_inherited_bad_level_is_reported_where_it_was_written(
    runner: CliRunner, tmp_path: Path
) -> None:
    path = tmp_path / "acme.yaml"
    text = GOLDEN.read_text(encoding="utf-8").replace(
        "champion: {level: assumed,", "champion: {level: assumd,"
    )
    path.write_text(
        text + "- date: 2025-06-01\n  frameworks: [mini@1.0.0]\n  only_changes: true\n",
        encoding="utf-8",
    )
    where = (
        text.splitlines().index(next(line for line in text.splitlines() if "assumd" in line)) + 1
    )

    code, _, err = invoke(runner, "report", str(path), "--frameworks-dir", str(FRAMEWORK_FIXTURES))

    assert code == 3
    assert err.startswith(f"error: {path}:{where}:")
    assert "no level 'assumd'" in err


def test_history_stored_as_changes_is_still_refused_past_the_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "acme.yaml"
    store.save_deal(path, _weekly(10, evidence="No budget line this year", moving=True))
    before = path.read_bytes()
    monkeypatch.setattr(store, "DEAL_MAX_BYTES", len(before) + 2_000)
    deal = store.load_deal(path)
    # Each new week writes a new 500-byte note: changes that must be stored.
    weeks = [
        last.model_copy(update={"date": last.date + dt.timedelta(weeks=n + 1)})
        for n, last in enumerate([deal.qualifications[-1]] * 10)
    ]
    for n, week in enumerate(weeks):
        answers = week.answers["mini"].model_copy(deep=True)
        answers.criteria["budget"].evidence = f"week {n}: " + "예산" * 160
        weeks[n] = week.model_copy(update={"answers": {"mini": answers}})
    longer = deal.model_copy(update={"qualifications": [*deal.qualifications, *weeks]})

    with pytest.raises(
        WriteError,
        match=r"archive its history: dealcheck archive .*acme\.yaml --keep 50 moves the older qualifications to acme\.archive\.yaml",
    ):
        store.save_deal(path, longer)

    assert path.read_bytes() == before


def test_a_requalification_only_adds_lines_at_the_end(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    deal = tmp_path / "acme.yaml"
    store.save_deal(deal, store.load_deal(GOLDEN))
    before = deal.read_text(encoding="utf-8")
    answers = tmp_path / "answers.yaml"
    answers.write_text("answers: {mini: {red_flags: {no-event: 'no'}}}\n", encoding="utf-8")

    code, _, err = invoke(runner, "qualify", str(deal), "--answers", str(answers), *MINI_DIR)

    assert code == 0, err
    after = deal.read_text(encoding="utf-8")
    assert after.startswith(before)  # git diff: only the new qualification, a few lines
    added = after[len(before) :]
    assert "no-event: 'no'" in added and "evidence" not in added
    assert len(added.splitlines()) < 20
