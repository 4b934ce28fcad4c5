"""The English and Korean UI catalogues stay complete, and every reason code has a sentence."""

from __future__ import annotations

import re

import pytest

from dealcheck.i18n import MESSAGES, explain, t
from dealcheck.scoring.score import Reason

from .conftest import ROOT


def test_english_and_korean_have_the_same_keys() -> None:
    assert set(MESSAGES["en"]) ^ set(MESSAGES["ko"]) == set()


def test_korean_texts_are_translated() -> None:
    untranslated = [
        key
        for key, text in MESSAGES["ko"].items()
        if text == MESSAGES["en"][key]
        and re.search(r"[A-Za-z]{4,}", re.sub(r"\{[^}]*\}", "", text))
    ]

    assert untranslated == []


def test_korean_never_hedges_a_particle_on_a_variable() -> None:
    # GLOSSARY-ko.md: never "경제적 구매자을(를)"; rephrase so no particle depends on a value.
    hedged = [
        key for key, text in MESSAGES["ko"].items() if re.search(r"\((는|를|가|와|으)\)", text)
    ]

    assert hedged == []


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_every_reason_the_core_can_give_has_a_sentence(lang: str) -> None:
    scoring = ROOT / "src" / "dealcheck" / "scoring"
    source = "".join(path.read_text(encoding="utf-8") for path in sorted(scoring.glob("*.py")))
    codes = set(re.findall(r'Reason\(\s*"([a-z-]+)"', source))
    codes |= {f"deal-{outcome}" for outcome in ("won", "lost", "closed")}  # Reason(f"deal-…")

    sentences = [explain(Reason(code, ("a", "b")), lang) for code in sorted(codes)]

    assert len(codes) >= 8
    assert all(sentence and "{" not in sentence for sentence in sentences)


def test_unknown_language_falls_back_to_english() -> None:
    assert t("recommendation.dig-deeper", "ja") == "dig deeper"


def test_placeholders_match_between_languages() -> None:
    fields = re.compile(r"\{[^}]*\}")
    mismatched = [
        key
        for key, text in MESSAGES["en"].items()
        if sorted(fields.findall(text)) != sorted(fields.findall(MESSAGES["ko"][key]))
    ]

    assert mismatched == []
