"""Call prep scenarios, each with a sales coach's expected plan checked line by line.

The deals are in tests/fixtures/deals/prep/, read on 2025-06-13:

* late-stage: strong, in negotiation, procurement vendor set-up not started 17 days
  before the close date: the goal is a close plan that can really reach signature.
* single-threaded: one engaged contact, the economic buyer never met at proposal.
* rep-belief: only the rep believes the outcome: the recap must not assert it.
* disqualify: a delivery-model mismatch: the step-back conversation of seed 002.
* not-now: the contact wants it but the company is not evaluating: step back, and put
  a check-in in the calendar.
"""

from __future__ import annotations

import pytest

from dealcheck.deals.call_plan import call_plan
from dealcheck.deals.history import build_report
from dealcheck.render.prep_page import prep_sections
from tests.conftest import FIXTURES, ROOT
from tests.render.test_golden import TODAY

SCENARIOS = FIXTURES / "deals" / "prep"

# What a coach expects to see, per section (the opener and demo checklist are tested
# with the goldens).
EXPECTED: dict[tuple[str, str], dict[str, list[str]]] = {
    ("late-stage", "en"): {
        "goal": [
            "Agree a close plan that can reach signature: 'Procurement vendor set-up' has not started and takes 21 days; the close date is 2025-06-30.",
        ],
        "questions": [
            "What would it take to start 'Procurement vendor set-up' this week, and who on your side owns it?",
            "why now: 'Procurement vendor set-up' has not started and takes 21 days: done 2025-07-04 at the earliest, after the close date 2025-06-30.",
            "Will legal, procurement or security need to review this, and how long does each usually take?",
            "why now: Paper process meets this stage; known: «Legal review under way; vendor set-up next»",
        ],
        "actions": [
            "Ours",
            "Send Park Ji-hoon what 'Procurement vendor set-up' needs from us, so it starts this week — Jane Kim · before the call",
            "Send the recap and the agreed next step in writing the same day — Jane Kim · 2025-06-16",
            "Their commitments",
            "Legal review of the contract — Han So-ra (legal) · by 2025-06-20",
            "Procurement vendor set-up — Park Ji-hoon · by 2025-06-27",
            "Contract signature — Lee Eun-ji · by 2025-06-30",
        ],
        "checks": [
            "'Procurement vendor set-up' has not started and takes 21 days: done 2025-07-04 at the earliest, after the close date 2025-06-30.",
        ],
        "closing": [
            "Recap what is agreed, ask the to-confirm questions, then ask for the next step: Contract walkthrough with legal and procurement (2025-06-16).",
            "Recap: what the customer agreed",
            "Business outcome you want: Peak weeks shipped on time with no overtime",
            "Capabilities that requires: Scanner-guided picking; SAP order sync",
            "Metrics it moves: pick errors 2.1% → 0.5% by Q4",
            "How we deliver it: Two-site rollout, 8 weeks (lower cost)",
            "How we are different: Live SAP connector",
            "Proof points: Hanjin DC: pick errors down 70%",
            "Next step agreed: Contract walkthrough with legal and procurement (2025-06-16)",
        ],
    },
    ("late-stage", "ko"): {
        "goal": [
            "서명까지 갈 수 있는 클로즈 플랜 합의: '구매팀 협력사 등록' 미착수(통상 21일 소요), 예상 계약일 2025-06-30",
        ],
        "questions": [
            "'구매팀 협력사 등록' — 이번 주에 시작하려면 무엇이 필요하고, 고객사에서는 누가 맡으시나요?",
            "지금 묻는 이유: '구매팀 협력사 등록' 미착수 — 통상 21일 소요, 빨라야 2025-07-04 완료로 예상 계약일 2025-06-30보다 늦습니다.",
            "법무, 구매, 보안 부서의 검토가 필요한가요? 각각 보통 얼마나 걸리나요?",
            "지금 묻는 이유: 품의·계약 절차: 이 단계 기준은 충족 — 파악된 내용: «Legal review under way; vendor set-up next»",
        ],
        "actions": [
            "우리",
            "Park Ji-hoon에게 '구매팀 협력사 등록'에 필요한 우리 쪽 자료를 보내 이번 주에 착수 — Jane Kim · 콜 전까지",
            "요약과 합의한 다음 단계를 당일 서면으로 공유 — Jane Kim · 2025-06-16",
            "고객이 약속할 일",
            "계약서 법무 검토 — Han So-ra (legal) · 2025-06-20까지",
            "구매팀 협력사 등록 — Park Ji-hoon · 2025-06-27까지",
            "계약서 서명 — Lee Eun-ji · 2025-06-30까지",
        ],
        "checks": [
            "'구매팀 협력사 등록' 미착수 — 통상 21일 소요, 빨라야 2025-07-04 완료로 예상 계약일 2025-06-30보다 늦습니다.",
        ],
        "closing": [
            "합의된 내용을 요약하고, 확인할 질문을 한 뒤 다음 단계를 요청합니다: Contract walkthrough with legal and procurement (2025-06-16)",
            "요약: 고객이 합의한 내용",
            "원하시는 비즈니스 성과: Peak weeks shipped on time with no overtime",
            "필요한 기능: Scanner-guided picking; SAP order sync",
            "개선되는 측정 지표: pick errors 2.1% → 0.5% by Q4",
            "우리가 제공하는 방법: Two-site rollout, 8 weeks (비용 절감)",
            "차별점: Live SAP connector",
            "입증 사례: Hanjin DC: pick errors down 70%",
            "합의한 다음 단계: Contract walkthrough with legal and procurement (2025-06-16)",
        ],
    },
    ("single-threaded", "en"): {
        "goal": [
            "Get a meeting with the economic buyer booked (Oh Seung-woo).",
        ],
        "questions": [
            "Who had the final say the last time your company bought something of this size?",
            "why now: The economic buyer (Oh Seung-woo) has never been met, and this stage needs them met.",
            "Where is that number today, and where does it need to be a year from now?",
            "why now: Metrics meets this stage; known: «Stock-outs down a third»",
            "After the decision, what steps does a contract go through before it is signed?",
            "why now: Paper process meets this stage; known: «Standard purchase order»",
        ],
        "actions": [
            "Ours",
            "Ask Min-jun Park to introduce the economic buyer — Jane Kim · 2025-06-18",
            "Business case agreed with the champion — Jane Kim · by 2025-06-20",
            "Send the recap and the agreed next step in writing the same day — Jane Kim · 2025-06-18",
            "Their commitments",
            "Introduce us to the economic buyer — Min-jun Park · 2025-06-18",
            "Budget approval (품의) — Oh Seung-woo · by 2025-07-25",
            "Contract signature — Oh Seung-woo · by 2025-08-29",
        ],
        "checks": [
            "Single-threaded: only Min-jun Park is engaged.",
            "The economic buyer (Oh Seung-woo) has never been met, and this stage needs them met.",
            "Champion Min-jun Park fails the test: no power, does not sell for us when we are absent.",
            "Who to meet next",
            "Oh Seung-woo (CFO): economic buyer, never met; they decide on the money.",
            "Min-jun Park: test the champion (no power, does not sell for us when we are absent).",
        ],
        "closing": [
            "Recap what is agreed, ask the to-confirm questions, then ask for the next step: Proposal review with the champion (2025-06-18).",
            "Recap: what the customer agreed",
            "Capabilities that requires: Forecast accuracy, ERP import",
            "Metrics it moves: Stock-outs down a third",
            "Next step agreed: Proposal review with the champion (2025-06-18)",
            "To confirm on this call",
            "A year from now, what does success look like?",
            "How should the rollout run, and by when?",
            "What are the three things you weigh most in choosing a partner?",
        ],
        "warnings": [
            "The last next step was homework we gave ourselves: send material only when they ask for it.",
        ],
    },
    ("single-threaded", "ko"): {
        "goal": [
            "경제적 구매자 미팅 일정 확정 (Oh Seung-woo)",
        ],
        "questions": [
            "지난번 이 정도 규모의 구매를 하셨을 때 최종 결정은 누가 내리셨나요?",
            "지금 묻는 이유: 경제적 구매자(Oh Seung-woo)를 아직 만나지 못했습니다. 이 단계에서는 만나야 합니다.",
            "그 수치는 지금 어느 수준이고, 1년 뒤에는 어느 수준이 되어야 하나요?",
            "지금 묻는 이유: 측정 지표: 이 단계 기준은 충족 — 파악된 내용: «Stock-outs down a third»",
            "결정 이후 계약서가 서명되기까지 어떤 단계를 거치게 되나요?",
            "지금 묻는 이유: 품의·계약 절차: 이 단계 기준은 충족 — 파악된 내용: «Standard purchase order»",
        ],
        "actions": [
            "우리",
            "Min-jun Park에게 경제적 구매자 소개 요청 — Jane Kim · 2025-06-18",
            "챔피언과 비즈니스 케이스 합의 — Jane Kim · 2025-06-20까지",
            "요약과 합의한 다음 단계를 당일 서면으로 공유 — Jane Kim · 2025-06-18",
            "고객이 약속할 일",
            "경제적 구매자 소개 — Min-jun Park · 2025-06-18",
            "품의 (예산 승인) — Oh Seung-woo · 2025-07-25까지",
            "계약서 서명 — Oh Seung-woo · 2025-08-29까지",
        ],
        "checks": [
            "싱글 스레드: 접촉 중인 사람이 Min-jun Park뿐입니다.",
            "경제적 구매자(Oh Seung-woo)를 아직 만나지 못했습니다. 이 단계에서는 만나야 합니다.",
            "챔피언 Min-jun Park: 챔피언 테스트 미통과 (권한 없음, 우리가 없을 때 대신 설득하지 않음)",
            "다음에 만날 사람",
            "Oh Seung-woo (CFO): 경제적 구매자, 아직 만나지 못함 — 예산을 결정하는 사람",
            "Min-jun Park: 챔피언 테스트 (권한 없음, 우리가 없을 때 대신 설득하지 않음)",
        ],
        "closing": [
            "합의된 내용을 요약하고, 확인할 질문을 한 뒤 다음 단계를 요청합니다: Proposal review with the champion (2025-06-18)",
            "요약: 고객이 합의한 내용",
            "필요한 기능: Forecast accuracy, ERP import",
            "개선되는 측정 지표: Stock-outs down a third",
            "합의한 다음 단계: Proposal review with the champion (2025-06-18)",
            "이번 콜에서 확인할 것",
            "1년 뒤 성공한 모습은 어떤 모습인가요?",
            "도입은 어떤 방식과 일정으로 진행하면 좋을까요?",
            "파트너사 선정에서 중점적으로 고려하고 계신 3가지는 무엇인가요?",
        ],
        "warnings": [
            "지난번 다음 단계는 우리가 스스로 만든 숙제였습니다. 자료는 고객이 요청할 때만 보내세요.",
        ],
    },
    ("rep-belief", "en"): {
        "goal": [
            "Hear the outcome they want, and its metric, in their own words.",
        ],
        "questions": [
            "A year from now, is «Account opening in one visit, no paper» the result you want?",
            "why now: only we believe it so far",
            "Besides you, who will be involved in approving the budget for this?",
            "why now: Economic buyer meets this stage but is not confirmed yet",
            "Once your team likes a solution, what happens next until a decision is made?",
            "why now: Decision process meets this stage but is not confirmed yet",
        ],
        "actions": [
            "Ours",
            "Send the recap and the agreed next step in writing the same day — Jane Kim · the day of the call",
            "Their commitments",
            "Agree the next meeting: who attends, what, and the date — Seo Ji-woo · at this call",
        ],
        "checks": [
            "No champion among the contacts.",
            "Who to meet next",
            "The economic buyer: ask Seo Ji-woo who signs off the budget.",
            "A champion: ask Seo Ji-woo who wins most if this succeeds.",
        ],
        "closing": [
            "Recap what is agreed, ask the to-confirm questions, then ask for the next step: a dated next meeting (who, what, when).",
            "Recap: what the customer agreed",
            "Nothing agreed yet in the customer's words.",
            "To confirm on this call",
            "A year from now, is «Account opening in one visit, no paper» the result you want?",
            "To get there, do you need «e-KYC certification»?",
            "Is «onboarding time 40 → 10 minutes» how you will measure success?",
        ],
        "warnings": [
            "No next step is agreed: do not end this meeting without a conclusion.",
            "Only we believe the outcome: confirm it before you recap it as agreed.",
        ],
    },
    ("rep-belief", "ko"): {
        "goal": [
            "고객이 원하는 성과와 측정 지표를 고객의 말로 직접 듣기",
        ],
        "questions": [
            "1년 뒤 원하시는 결과: «Account opening in one visit, no paper» — 이렇게 이해한 것이 맞을까요?",
            "지금 묻는 이유: 아직 우리만 그렇게 믿고 있음",
            "팀장님 외에 이번 예산 승인에는 어느 분들이 관여하시나요?",
            "지금 묻는 이유: 경제적 구매자: 이 단계 기준은 충족했지만 아직 확인되지 않음",
            "팀 내부 검토를 통과하면 최종 품의까지 어떤 절차를 거치나요?",
            "지금 묻는 이유: 의사결정 프로세스: 이 단계 기준은 충족했지만 아직 확인되지 않음",
        ],
        "actions": [
            "우리",
            "요약과 합의한 다음 단계를 당일 서면으로 공유 — Jane Kim · 콜 당일",
            "고객이 약속할 일",
            "다음 미팅 합의: 참석자, 안건, 날짜 — Seo Ji-woo · 이번 콜에서",
        ],
        "checks": [
            "고객 측 담당자 중 챔피언이 없습니다.",
            "다음에 만날 사람",
            "경제적 구매자: Seo Ji-woo에게 예산 승인권자가 누구인지 묻기",
            "챔피언: Seo Ji-woo에게 이 프로젝트가 성공하면 누가 가장 인정받는지 묻기",
        ],
        "closing": [
            "합의된 내용을 요약하고, 확인할 질문을 한 뒤 다음 단계를 요청합니다: 날짜가 정해진 다음 미팅 (참석자, 안건, 날짜)",
            "요약: 고객이 합의한 내용",
            "고객의 말로 합의된 내용이 아직 없습니다.",
            "이번 콜에서 확인할 것",
            "1년 뒤 원하시는 결과: «Account opening in one visit, no paper» — 이렇게 이해한 것이 맞을까요?",
            "필요한 기능: «e-KYC certification» — 꼭 필요하다고 보시나요?",
            "측정 지표: «onboarding time 40 → 10 minutes» — 성공을 이렇게 측정하시나요?",
        ],
        "warnings": [
            "합의된 다음 단계가 없습니다. 결론 없는 미팅으로 끝내지 마세요.",
            "성과는 우리만 믿고 있습니다. 합의된 내용으로 요약하기 전에 고객에게 확인받으세요.",
        ],
    },
    ("disqualify", "en"): {
        "goal": [
            "Step back: say clearly why it does not fit now, offer what would reopen it, and let them decide.",
        ],
        "step-back": [
            "Why it does not fit now: When what the customer values is the opposite of how we deliver, they are not our customer, however well the conversation is going.",
            "What would reopen it: 'Delivery model mismatch' no longer holds",
        ],
        "questions": [
            "What would make an online, self-service approach work for you, or rule it out?",
            "why now: the answer is what would reopen the deal; if they say it can work, they are right",
        ],
        "actions": [
            "Ours",
            "Send a short note: why it does not fit now, what would reopen it — Jane Kim · by 2025-06-14",
            "Their commitments",
            "Tell us if what would reopen it changes — Yoon Hye-jin · as soon as it changes",
        ],
        "closing": [
            "Leave the decision with them: whatever they decide is right.",
        ],
    },
    ("disqualify", "ko"): {
        "goal": [
            "한발 물러서기: 지금은 왜 맞지 않는지 분명히 말하고, 다시 검토할 조건을 제시한 뒤 결정은 고객에게 맡깁니다.",
        ],
        "step-back": [
            "지금 맞지 않는 이유: 고객이 중요하게 여기는 방식이 우리가 제공하는 방식과 정반대라면, 대화가 아무리 순조로워도 우리 고객이 아닙니다.",
            "다시 검토할 조건: '제공 방식 불일치' 상황이 해소되면",
        ],
        "questions": [
            "온라인 셀프서비스 방식이 맞으려면 무엇이 필요할까요? 혹은 맞지 않는 이유는 무엇인가요?",
            "지금 묻는 이유: 이 답이 딜을 다시 열 조건입니다. 고객이 된다고 하면 고객이 맞습니다",
        ],
        "actions": [
            "우리",
            "지금 맞지 않는 이유와 다시 검토할 조건을 짧은 메일로 전달 — Jane Kim · 2025-06-14까지",
            "고객이 약속할 일",
            "다시 검토할 조건이 바뀌면 알려주기 — Yoon Hye-jin · 바뀌는 즉시",
        ],
        "closing": [
            "결정은 고객에게 맡깁니다. 어떤 결정이든 고객의 판단이 맞습니다.",
        ],
    },
    ("not-now", "en"): {
        "goal": [
            "Step back: say clearly why it does not fit now, offer what would reopen it, and let them decide.",
        ],
        "step-back": [
            "Why it does not fit now: the contact wants it, but the company is not evaluating",
            "What would reopen it: 'Only the contact wants it' no longer holds",
        ],
        "questions": [
            "Who would need to agree for this to become a project?",
            "why now: the answer is what would reopen the deal; if they say it can work, they are right",
        ],
        "actions": [
            "Ours",
            "Send a short note: why it does not fit now, what would reopen it — Jane Kim · by 2025-06-14",
            "Put a check-in in the calendar — Jane Kim · 2025-09-11",
            "Their commitments",
            "Tell us if what would reopen it changes — Bae Soo-min · as soon as it changes",
        ],
        "closing": [
            "Leave the decision with them: whatever they decide is right.",
        ],
    },
    ("not-now", "ko"): {
        "goal": [
            "한발 물러서기: 지금은 왜 맞지 않는지 분명히 말하고, 다시 검토할 조건을 제시한 뒤 결정은 고객에게 맡깁니다.",
        ],
        "step-back": [
            "지금 맞지 않는 이유: 담당자는 원하지만 회사 차원의 검토가 없음",
            "다시 검토할 조건: '담당자만 원하고 회사는 검토 안 함' 상황이 해소되면",
        ],
        "questions": [
            "이 건이 정식 프로젝트가 되려면 누구의 동의가 필요한가요?",
            "지금 묻는 이유: 이 답이 딜을 다시 열 조건입니다. 고객이 된다고 하면 고객이 맞습니다",
        ],
        "actions": [
            "우리",
            "지금 맞지 않는 이유와 다시 검토할 조건을 짧은 메일로 전달 — Jane Kim · 2025-06-14까지",
            "다시 연락할 일정을 캘린더에 등록 — Jane Kim · 2025-09-11",
            "고객이 약속할 일",
            "다시 검토할 조건이 바뀌면 알려주기 — Bae Soo-min · 바뀌는 즉시",
        ],
        "closing": [
            "결정은 고객에게 맡깁니다. 어떤 결정이든 고객의 판단이 맞습니다.",
        ],
    },
}


@pytest.mark.parametrize(("deal", "lang"), sorted(EXPECTED))
def test_the_plan_says_what_a_coach_expects(deal: str, lang: str) -> None:
    report = build_report(SCENARIOS / f"{deal}.yaml", team_dir=ROOT / "frameworks", today=TODAY)

    plan = call_plan(report, lang, TODAY)

    shown = {
        s.key: [line.text for line in s.lines]
        for s in prep_sections(plan, lang)
        if s.key not in ("opener", "demo")
    }
    expected = EXPECTED[(deal, lang)]
    assert list(shown) == list(expected)
    for key, lines in expected.items():
        assert shown[key] == lines, key


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_what_only_the_rep_believes_is_never_recapped_as_agreed(lang: str) -> None:
    report = build_report(SCENARIOS / "rep-belief.yaml", team_dir=ROOT / "frameworks", today=TODAY)

    plan = call_plan(report, lang, TODAY)

    assert all(not line.agreed for line in plan.recap.lines)
    outcome = plan.recap.line(plan.recap.lines[0].part)
    assert outcome.to_confirm == ["Account opening in one visit, no paper"]


def test_a_demo_next_brings_the_demo_checklist() -> None:
    report = build_report(
        ROOT / "examples" / "deals" / "acme-finance-close-automation.yaml",
        team_dir=ROOT / "frameworks",
        today=TODAY,
    )

    plan = call_plan(report, "ko", TODAY)

    assert plan.demo == [
        "고객 기본정보와 최근 뉴스: Acme Corp",
        "TOP 3 챌린지: Month-end close takes 12 days; two analysts reconcile by hand",
        "각 챌린지에 바로 연결되는 솔루션: ERP connector; Audit trail; Korean support",
        "Why Us(왜 우리인가): Only vendor with their ERP connector",
    ]
    assert "아래 데모 체크리스트 준비" in [a.text for a in plan.ours]
