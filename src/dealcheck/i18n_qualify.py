"""UI strings of the `qualify` walk-through's people, delivery and proof prompts (en, ko).

Kept apart from `i18n.py` (and merged into its catalogues) as `i18n_pipeline.py` is.
Korean follows GLOSSARY-ko.md: 입증 사례, 경제적 구매자, 챔피언, 딜; no particle
depends on a value.
"""

from __future__ import annotations

QUALIFY: dict[str, dict[str, str]] = {
    "en": {
        "gap.expected": "expected: {0}",
        "ask.on_record": "{0} (on record: «{1}»)",
        "qualify.resume_basics": "Resume the qualification started {0} (deal basics saved, no answers yet)?",
        "qualify.discard_basics": "Discard the draft and the deal basics typed? This cannot be undone.",
    },
    "ko": {
        "gap.expected": "기대 수준: {0}",
        "ask.on_record": "{0} (파악된 내용: «{1}»)",
        "qualify.resume_basics": "{0}에 시작한 검증을 이어서 할까요? (딜 기본 정보만 저장됨, 답은 아직 없음)",
        "qualify.discard_basics": "임시 저장된 딜 기본 정보를 버릴까요? 되돌릴 수 없습니다.",
    },
}
