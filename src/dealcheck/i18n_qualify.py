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
        "people.ask.title": "People on their side: who decides, who sells for us",
        "people.ask.menu": "Contacts: pick one to change it, or add one",
        "people.ask.add": "+ add a contact",
        "people.ask.done": "done with the people",
        "people.ask.name": "Name (blank to cancel)",
        "people.ask.name_edit": "Name (blank removes them from the list)",
        "people.ask.title_field": "Job title, e.g. CFO (blank if unknown)",
        "people.ask.role": "Their role in this deal",
        "people.ask.met": "Have we met them, in person or on a call?",
        "people.ask.met_on": "When did we last meet? (YYYY-MM-DD, blank if unknown)",
        "people.ask.power": "Their formal power over the decision",
        "people.ask.influence": "Their influence on the people who decide",
        "people.ask.win": "What do they personally win if this succeeds?",
        "people.ask.sells": "Do they sell for us when we are not in the room?",
        "people.met.yes": "met",
        "people.met.no": "not met yet",
        "strength.high": "high",
        "strength.medium": "medium",
        "strength.low": "low",
        "strength.unknown": "not known yet",
        "story.ask.delivery": "How we deliver it: the approach and the rollout",
        "story.ask.proof_points": "Proof points: reference customers or results (separate with ;)",
        "story.ask.proof_reference": "Where is «{0}» shown? (case study, reference call, report)",
    },
    "ko": {
        "gap.expected": "기대 수준: {0}",
        "ask.on_record": "{0} (파악된 내용: «{1}»)",
        "qualify.resume_basics": "{0}에 시작한 검증을 이어서 할까요? (딜 기본 정보만 저장됨, 답은 아직 없음)",
        "qualify.discard_basics": "임시 저장된 딜 기본 정보를 버릴까요? 되돌릴 수 없습니다.",
        "people.ask.title": "고객 측 이해관계자: 누가 결정하고, 누가 우리 편에서 설득하나요",
        "people.ask.menu": "고객 측 담당자: 고칠 사람을 고르거나 새로 추가하세요",
        "people.ask.add": "+ 고객 측 담당자 추가",
        "people.ask.done": "이해관계자 입력 완료",
        "people.ask.name": "이름 (비워 두면 취소)",
        "people.ask.name_edit": "이름 (비우면 목록에서 삭제)",
        "people.ask.title_field": "직함, 예: 재무이사 (모르면 비워 두세요)",
        "people.ask.role": "이 딜에서의 역할",
        "people.ask.met": "직접 또는 통화로 만난 적이 있나요?",
        "people.ask.met_on": "마지막으로 만난 날 (YYYY-MM-DD, 모르면 비워 두세요)",
        "people.ask.power": "의사결정에 대한 공식 권한",
        "people.ask.influence": "결정하는 사람들에 대한 영향력",
        "people.ask.win": "이 프로젝트가 성공하면 이분은 어떤 성과로 인정받게 되나요?",
        "people.ask.sells": "우리가 없는 자리에서도 우리를 위해 설득해 주나요?",
        "people.met.yes": "만남",
        "people.met.no": "아직 만나지 못함",
        "strength.high": "높음",
        "strength.medium": "보통",
        "strength.low": "낮음",
        "strength.unknown": "아직 파악되지 않음",
        "story.ask.delivery": "제공 방식: 어떤 방식과 일정으로 도입하나요?",
        "story.ask.proof_points": "입증 사례: 레퍼런스 고객이나 성과 (;로 구분)",
        "story.ask.proof_reference": "«{0}» — 어디에서 확인할 수 있나요? (사례집, 레퍼런스 통화, 보고서)",
    },
}
