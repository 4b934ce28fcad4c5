"""UI strings in English and Korean. Framework text comes from the frameworks themselves.

Keys are grouped by where they show. Add both languages for every new key; a test
checks the two catalogues have the same keys.
"""

from __future__ import annotations

from typing import Any

from dealcheck.scoring import Reason

MESSAGES: dict[str, dict[str, str]] = {
    "en": {
        # framework show / list
        "framework.criteria": "Criteria",
        "framework.stages": "Stage expectations (minimum level by the end of each stage)",
        "framework.red_flags": "Red flags",
        "framework.grades": "Grades",
        "framework.rule": "Advance at {advance}+ with no critical gap; disqualify under {disqualify}",
        "framework.rule_absent": "; disqualify when {count} critical criteria are known absent",
        "framework.scale": "Scale",
        "framework.extends": "extends {parent}",
        "col.id": "id",
        "col.name": "name",
        "col.weight": "weight",
        "col.critical": "critical",
        "col.question": "question",
        "col.effect": "effect",
        "col.version": "version",
        "col.origin": "origin",
        "col.criteria": "criteria",
        "col.flags": "red flags",
        "col.languages": "languages",
        "col.status": "status",
        "col.level": "level",
        "col.label": "label",
        "col.description": "evidence that earns it",
        "status.ok": "ok",
        "effect.disqualify": "disqualify",
        "effect.cap": "cap at {points}",
        "effect.subtract": "−{points} points",
        "yes": "yes",
        "no": "no",
        # recommendation reasons
        "reason.red-flag-disqualifies": "Red flag {0} disqualifies the deal.",
        "reason.critical-absent": "Critical criteria known to be absent: {0}.",
        "reason.score-below-disqualify": "Score {0} is under the disqualify line of {1}.",
        "reason.critical-gaps-block": "Score is high enough, but critical gaps remain: {0}.",
        "reason.score-reaches-advance": "Score {0} reaches the advance line of {1} with no critical gap.",
        "reason.score-below-advance": "Score {0} is under the advance line of {1}.",
        "reason.critical-gaps": "Close the critical gaps first: {0}.",
        "reason.red-flag-costs": "Red flag {0} costs {1} points.",
        "recommendation.advance": "advance",
        "recommendation.dig-deeper": "dig deeper",
        "recommendation.disqualify": "disqualify",
        "gap.unknown": "unknown",
        "gap.absent": "known absent",
        "gap.weak": "below expected",
    },
    "ko": {
        "framework.criteria": "기준",
        "framework.stages": "단계별 기대 수준 (각 단계를 마칠 때까지 필요한 최소 수준)",
        "framework.red_flags": "레드 플래그",
        "framework.grades": "등급",
        "framework.rule": "점수 {advance} 이상이고 핵심 공백이 없으면 진행, {disqualify} 미만이면 제외",
        "framework.rule_absent": ", 핵심 기준 {count}개가 없다고 확인되면 제외",
        "framework.scale": "척도",
        "framework.extends": "{parent} 확장",
        "col.id": "id",
        "col.name": "이름",
        "col.weight": "가중치",
        "col.critical": "핵심",
        "col.question": "질문",
        "col.effect": "효과",
        "col.version": "버전",
        "col.origin": "출처",
        "col.criteria": "기준",
        "col.flags": "레드 플래그",
        "col.languages": "언어",
        "col.status": "상태",
        "col.level": "수준",
        "col.label": "이름",
        "col.description": "이 수준에 필요한 근거",
        "status.ok": "정상",
        "effect.disqualify": "제외",
        "effect.cap": "최대 {points}점",
        "effect.subtract": "−{points}점",
        "yes": "예",
        "no": "아니요",
        "reason.red-flag-disqualifies": "레드 플래그 {0} 때문에 이 딜은 제외 대상입니다.",
        "reason.critical-absent": "없다고 확인된 핵심 기준: {0}.",
        "reason.score-below-disqualify": "점수 {0}점이 제외 기준 {1}점보다 낮습니다.",
        "reason.critical-gaps-block": "점수는 충분하지만 핵심 공백이 남아 있습니다: {0}.",
        "reason.score-reaches-advance": "점수 {0}점이 진행 기준 {1}점에 도달했고 핵심 공백이 없습니다.",
        "reason.score-below-advance": "점수 {0}점이 진행 기준 {1}점보다 낮습니다.",
        "reason.critical-gaps": "핵심 공백부터 메우세요: {0}.",
        "reason.red-flag-costs": "레드 플래그 {0}로 {1}점이 깎였습니다.",
        "recommendation.advance": "진행",
        "recommendation.dig-deeper": "추가 확인",
        "recommendation.disqualify": "제외",
        "gap.unknown": "모름",
        "gap.absent": "없음 확인",
        "gap.weak": "기대 미달",
    },
}


def t(key: str, lang: str = "en", *args: Any, **values: Any) -> str:
    """The UI string `key` in `lang` (English when missing), formatted with the values."""
    catalogue = MESSAGES.get(lang, MESSAGES["en"])
    template = catalogue.get(key) or MESSAGES["en"][key]
    return template.format(*args, **values)


def explain(reason: Reason, lang: str = "en", names: dict[str, str] | None = None) -> str:
    """One sentence for a recommendation reason; ids are shown by their names when given."""
    shown = (
        [", ".join((names or {}).get(v, v) for v in reason.values)]
        if reason.code in _LISTS
        else [(names or {}).get(v, v) for v in reason.values]
    )
    return t(f"reason.{reason.code}", lang, *shown)


_LISTS = {"critical-absent", "critical-gaps-block", "critical-gaps"}
