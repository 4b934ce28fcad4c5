from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from dealcheck.deals import store
from dealcheck.deals.qualify import QualifyInterrupted, QualifyRequest, qualify
from dealcheck.errors import InputError, UsageError
from tests.conftest import FRAMEWORK_FIXTURES
from tests.interview.scripted import ENTER, INTERRUPT, ScriptedPrompter

TODAY = dt.date(2025, 5, 2)
BASICS = ["Acme Platform", "Acme", "120000", ENTER, "discovery", "2025-09-30", "Jane"]
SIX_UNKNOWN = ["unknown"] * 3 + ["unknown"] * 3


@pytest.fixture
def team(tmp_path: Path) -> Path:
    folder = tmp_path / "frameworks"
    folder.mkdir()
    shutil.copy(FRAMEWORK_FIXTURES / "mini.yaml", folder / "mini.yaml")
    return folder


def request(tmp_path: Path, team: Path, **changes: object) -> QualifyRequest:
    values: dict[str, object] = {
        "deal_file": None,
        "frameworks": ["mini"],
        "default_frameworks": ["mini"],
        "deals_dir": tmp_path / "deals",
        "team_dir": team,
        "today": TODAY,
        **changes,
    }
    return QualifyRequest(**values)  # type: ignore[arg-type]


def test_new_deal_interactive_creates_slug_file(tmp_path: Path, team: Path) -> None:
    prompter = ScriptedPrompter(
        [*BASICS, "partial", "slow close", "customer", ENTER, *SIX_UNKNOWN[1:]]
    )
    outcome = qualify(request(tmp_path, team), prompter)
    path = tmp_path / "deals" / "acme-platform.yaml"
    assert outcome.report.path == path
    deal = store.load_deal(path)
    assert (deal.name, deal.amount, deal.currency, deal.stage) == (
        "Acme Platform",
        120000,
        "USD",
        "discovery",
    )
    first = deal.qualifications[0]
    assert first.frameworks == ["mini@1.0.0"]
    assert first.answers["mini"].criteria["pain"].level == "partial"
    assert first.answers["mini"].red_flags == {
        "price-only": "unknown",
        "champion-left": "unknown",
        "no-event": "unknown",
    }
    assert (
        first.result is not None
        and first.result.recommendation == outcome.report.assessment.recommendation.value
    )
    assert not store.draft_path(path).exists()


def test_draft_is_saved_after_every_basic_and_every_answer(
    tmp_path: Path, team: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    saved: list[tuple[str, str, int]] = []
    real = store.save_draft

    def spy(path: Path, draft: store.Draft) -> None:
        real(path, draft)
        loaded = store.load_draft(path)
        assert loaded is not None
        saved.append((loaded.deal.company, loaded.deal.owner, loaded.answered()))

    monkeypatch.setattr(store, "save_draft", spy)
    qualify(request(tmp_path, team), ScriptedPrompter([*BASICS, *SIX_UNKNOWN]))
    # name, company, amount, currency, stage, close date, owner: one save each
    assert [s[:2] for s in saved[:7]] == [("", "")] + [("Acme", "")] * 5 + [("Acme", "Jane")]
    assert [s[2] for s in saved[7:]] == [0, 1, 2, 3, 4, 5, 6]


def test_ctrl_c_in_the_basics_keeps_them_and_resume_starts_from_them(
    tmp_path: Path, team: Path
) -> None:
    with pytest.raises(QualifyInterrupted) as caught:
        qualify(request(tmp_path, team), ScriptedPrompter([*BASICS[:3], INTERRUPT]))
    path = tmp_path / "deals" / "acme-platform.yaml"
    assert str(path) in caught.value.message
    draft = store.load_draft(path)
    assert draft is not None and not draft.basics_complete
    assert (draft.deal.name, draft.deal.company, draft.deal.amount) == (
        "Acme Platform",
        "Acme",
        120000,
    )

    # Resume (asked, as for any draft): every basic typed before is the default.
    prompter = ScriptedPrompter(
        [True, ENTER, ENTER, ENTER, ENTER, "discovery", ENTER, "Jane", *SIX_UNKNOWN]
    )
    qualify(request(tmp_path, team, deal_file=path), prompter)
    deal = store.load_deal(path)
    assert (deal.name, deal.company, deal.amount, deal.owner) == (
        "Acme Platform",
        "Acme",
        120000,
        "Jane",
    )


def interrupted_after_pain(tmp_path: Path, team: Path) -> Path:
    """A new deal's draft holding one answer (pain: partial); its deal file's path."""
    with pytest.raises(QualifyInterrupted):
        qualify(
            request(tmp_path, team),
            ScriptedPrompter([*BASICS, "partial", "x", "belief", INTERRUPT]),
        )
    return tmp_path / "deals" / "acme-platform.yaml"


def test_declining_resume_asks_again_before_the_draft_is_lost(tmp_path: Path, team: Path) -> None:
    path = interrupted_after_pain(tmp_path, team)

    # "No" to resume, then "No" to discarding: the draft is resumed after all.
    prompter = ScriptedPrompter([False, False, *SIX_UNKNOWN[1:]])
    qualify(request(tmp_path, team, deal_file=path), prompter)
    assert [kind for kind, _, _ in prompter.asked[:2]] == ["confirm", "confirm"]
    assert prompter.asked[1][2] is False, "discarding defaults to no"
    assert (
        store.load_deal(path).qualifications[0].answers["mini"].criteria["pain"].level == "partial"
    )


def test_declining_resume_twice_discards_the_draft(tmp_path: Path, team: Path) -> None:
    path = interrupted_after_pain(tmp_path, team)

    prompter = ScriptedPrompter([False, True, *BASICS, *SIX_UNKNOWN])
    qualify(request(tmp_path, team, deal_file=path), prompter)
    assert (
        store.load_deal(path).qualifications[0].answers["mini"].criteria["pain"].level == "unknown"
    )


def test_interrupt_keeps_draft_then_resume_finishes(tmp_path: Path, team: Path) -> None:
    with pytest.raises(QualifyInterrupted) as caught:
        qualify(
            request(tmp_path, team),
            ScriptedPrompter([*BASICS, "unknown", "unknown", "unknown", INTERRUPT]),
        )
    path = tmp_path / "deals" / "acme-platform.yaml"
    assert caught.value.exit_code == 130
    assert f"answers saved: 3. Resume with: dealcheck qualify {path}" in caught.value.message
    assert not path.exists() and store.load_draft(path) is not None

    prompter = ScriptedPrompter([True, "yes", "no", "no"])
    outcome = qualify(request(tmp_path, team, deal_file=path, frameworks=[]), prompter)
    assert outcome.resumed
    assert prompter.asked[1][1].startswith("4/6 · Red flag: Price check only")
    assert store.load_deal(path).qualifications[0].answers["mini"].red_flags["price-only"] == "yes"


def test_ctrl_c_at_the_source_then_resume_asks_that_question_again(
    tmp_path: Path, team: Path
) -> None:
    with pytest.raises(QualifyInterrupted):
        qualify(
            request(tmp_path, team),
            ScriptedPrompter([*BASICS, "unknown", "confirmed", "CFO said so", INTERRUPT]),
        )
    path = tmp_path / "deals" / "acme-platform.yaml"
    draft = store.load_draft(path)
    assert draft is not None and draft.unfinished == ("mini", "criteria", "champion")

    prompter = ScriptedPrompter(
        [True, ENTER, ENTER, "customer", ENTER, "unknown", "no", "no", "no"]
    )
    qualify(request(tmp_path, team, deal_file=path, frameworks=[]), prompter)

    # Coach: the rep had the CFO's word; the resume let them say so.
    assert prompter.asked[1][1].startswith("2/6 · Champion")
    champion = store.load_deal(path).qualifications[0].answers["mini"].criteria["champion"]
    assert (champion.level, champion.evidence, champion.source) == (
        "confirmed",
        "CFO said so",
        "customer",
    )


def test_framework_changed_between_draft_and_resume(tmp_path: Path, team: Path) -> None:
    path = tmp_path / "deals" / "acme-platform.yaml"
    with pytest.raises(QualifyInterrupted):
        qualify(
            request(tmp_path, team),
            ScriptedPrompter(
                [*BASICS, "partial", "p", "belief", "absent", "", "belief", INTERRUPT]
            ),
        )
    mini = team / "mini.yaml"
    text = mini.read_text(encoding="utf-8").replace("  - id: champion\n", "  - id: timeline\n")
    mini.write_text(
        text.replace("champion: partial, ", "").replace("champion: confirmed, ", ""),
        encoding="utf-8",
    )
    prompter = ScriptedPrompter([True, "unknown", "unknown", "no", "no", "no"])
    outcome = qualify(request(tmp_path, team, deal_file=path), prompter)
    assert outcome.dropped == ["mini/champion"]
    assert "Dropped (no longer in the framework): mini/champion" in prompter.notes
    assert prompter.asked[1][1].startswith(
        "2/6 · Champion"
    )  # the new `timeline` keeps the old name
    saved = store.load_deal(path).qualifications[0].answers["mini"].criteria
    assert saved["pain"].level == "partial" and "champion" not in saved and "timeline" in saved


def test_requalify_with_answers_file_keeps_previous_and_records_history(
    tmp_path: Path, team: Path
) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text(
        "deal: {name: Acme, stage: discovery}\nanswers:\n  mini:\n    criteria: {pain: partial, budget: assumed}\n",
        encoding="utf-8",
    )
    first = qualify(request(tmp_path, team, answers_file=answers), None)
    path = first.report.path
    answers.write_text(
        "answers:\n  mini:\n    criteria:\n      pain: {level: confirmed, evidence: CFO said, source: customer}\n",
        encoding="utf-8",
    )
    second = qualify(
        request(tmp_path, team, deal_file=path, frameworks=[], answers_file=answers), None
    )
    history = store.load_deal(path).qualifications
    assert len(history) == 2
    assert history[1].answers["mini"].criteria["budget"].level == "assumed"
    assert second.report.changes is not None
    assert [(m.item, m.before, m.after) for m in second.report.changes.moved] == [
        ("pain", "partial", "confirmed")
    ]
    assert second.report.changes.score_delta > 0


@pytest.mark.parametrize(
    ("content", "error", "message"),
    [
        (
            "deal: {name: A}\nanswers: {mini: {criteria: {pain: sky-high}}}\n",
            InputError,
            "no level 'sky-high'",
        ),
        (
            "deal: {name: A}\nanswers: {mini: {criteria: {pian: partial}}}\n",
            InputError,
            r"answers.yaml:2:29: mini has no criterion 'pian'; did you mean 'pain'\?",
        ),
        (
            "deal: {name: A}\nanswers: {bant: {criteria: {budget: partial}}}\n",
            InputError,
            r"answers.yaml:2:11: answers for framework 'bant', which this qualification does "
            r"not use \(frameworks: mini\); add it with -f bant",
        ),
        (
            "deal: {name: A}\nanswers:\n  mini:\n    criteria:\n"
            "      pain: {level: partial, source: customer, confirmed_on: 2025-05-03}\n",
            InputError,
            r"answers.yaml:5:62: confirmed_on 2025-05-03 is in the future \(today is 2025-05-02\)",
        ),
        ("answers: {}\n", UsageError, "needs its basics"),
    ],
)
def test_bad_answers_files(
    tmp_path: Path, team: Path, content: str, error: type[Exception], message: str
) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text(content, encoding="utf-8")
    with pytest.raises(error, match=message):
        qualify(request(tmp_path, team, answers_file=answers), None)


def test_no_input_on_new_deal_without_basics(tmp_path: Path, team: Path) -> None:
    with pytest.raises(UsageError, match="needs its basics"):
        qualify(request(tmp_path, team), None)


def test_existing_slug_is_not_replaced(tmp_path: Path, team: Path) -> None:
    store.save_deal(tmp_path / "deals" / "acme-platform.yaml", store.Deal(name="Acme Platform"))
    with pytest.raises(UsageError, match="already exists"):
        qualify(request(tmp_path, team), ScriptedPrompter(list(BASICS)))


def test_a_draft_with_only_the_basics_asks_resume_like_any_other(
    tmp_path: Path, team: Path
) -> None:
    with pytest.raises(QualifyInterrupted):  # Ctrl-C at the first criterion
        qualify(request(tmp_path, team), ScriptedPrompter([*BASICS, INTERRUPT]))
    path = tmp_path / "deals" / "acme-platform.yaml"
    prompter = ScriptedPrompter([True, *SIX_UNKNOWN])

    qualify(request(tmp_path, team, deal_file=path), prompter)

    kind, message, _ = prompter.asked[0]
    assert kind == "confirm"
    assert message.startswith("Resume the qualification started")
    assert "deal basics saved, no answers yet" in message
    assert store.load_deal(path).company == "Acme"


def test_declining_a_basics_only_draft_twice_asks_the_basics_again(
    tmp_path: Path, team: Path
) -> None:
    with pytest.raises(QualifyInterrupted):
        qualify(request(tmp_path, team), ScriptedPrompter([*BASICS, INTERRUPT]))
    path = tmp_path / "deals" / "acme-platform.yaml"
    fresh = ["Acme Platform", "Acme Korea", "5000", ENTER, "discovery", ENTER, "Min"]
    prompter = ScriptedPrompter([False, True, *fresh, *SIX_UNKNOWN])

    qualify(request(tmp_path, team, deal_file=path), prompter)

    assert prompter.asked[1][1].startswith("Discard the draft and the deal basics typed?")
    assert prompter.asked[2][2] == ""  # the name is asked afresh, with no default
    deal = store.load_deal(path)
    assert (deal.company, deal.amount, deal.owner) == ("Acme Korea", 5000, "Min")


def test_a_new_deal_is_not_asked_to_resume_what_was_just_typed(tmp_path: Path, team: Path) -> None:
    prompter = ScriptedPrompter([*BASICS, *SIX_UNKNOWN])

    qualify(request(tmp_path, team), prompter)

    assert all(kind != "confirm" for kind, _, _ in prompter.asked)
