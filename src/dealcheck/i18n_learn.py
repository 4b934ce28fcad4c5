"""UI strings of `dealcheck learn` (what won and lost deals show), in English and Korean.

Kept apart from `i18n.py` and merged into its catalogues, like the pipeline's. Korean
follows GLOSSARY-ko.md: 딜, 수주 / 실주, 레드 플래그, 파악되지 않음, and no variable
particle after a name.
"""

from __future__ import annotations

LEARN: dict[str, dict[str, str]] = {
    "en": {
        "learn.title": "What won and lost deals show",
        "learn.counts": "{deals:,} closed deals: {won:,} won, {lost:,} lost (win rate {rate})",
        "learn.sources": "Inputs: {sources} · frameworks: {frameworks}",
        "learn.left_out": "Left out: {parts}",
        "learn.left.open": "{count:,} open deals",
        "learn.left.unknown": "{count:,} closed without saying won or lost",
        "learn.left.skipped": "{count:,} rows not read",
        "learn.no_qualification_title": "No qualification columns to learn from",
        "learn.no_qualification": "The inputs hold no criterion or red flag answers, so this "
        "report cannot say which answers go with winning; it shows the win rates the data "
        "has. Map the CRM's qualification fields (`dealcheck map init`) to learn from them.",
        "learn.findings": "What goes with winning and losing",
        "learn.findings_note": "Largest difference first; only where the interval leaves out "
        "zero. Win rate with the answer, against the other deals.",
        "learn.finding": "{label}: won {rate_with} of {deals_with:,}, the others "
        "{rate_without} of {deals_without:,}; {difference} ({interval})",
        "learn.interval": "interval {low:+.0f} to {high:+.0f} pts",
        "learn.points": "{value:+.0f} pts",
        "learn.no_findings": "With {deals:,} deals, no answer or red flag shows a difference "
        "in win rate that chance alone does not explain.",
        "learn.no_effect": "No clear effect",
        "learn.no_effect_note": "Enough deals on each side, and every interval holds zero:",
        "learn.too_few": "Too few deals to tell",
        "learn.too_few_note": "Under {min:,} deals on a side in every comparison; never ranked:",
        "learn.not_in_data": "Not in the data",
        "learn.not_in_data_note": "No column answers these criteria, so they cannot be judged:",
        "learn.level": "{criterion}: {level}",
        "learn.level_unknown": "{criterion}: not answered",
        "learn.target": "{criterion}: {level} or better",
        "learn.flag": "'{flag}' red flag raised",
        "learn.by_stage": "By stage reached",
        "learn.stage_line": "{stage}: {deals:,} deals, win rate {rate} ({low}–{high})",
        "learn.stage_findings": "what differs here: {items}",
        "learn.stage_none": "no finding here ({tested:,} comparisons with enough deals)",
        "learn.stage_too_few": "too few deals to tell (under {min:,} on a side)",
        "learn.calibration": "Does the verdict match the outcome?",
        "learn.calibration_note": "Each deal as the framework would have judged it at the "
        "stage it reached, before its outcome was known.",
        "learn.col.score": "score",
        "learn.col.verdict": "verdict",
        "learn.col.deals": "deals",
        "learn.col.won": "won",
        "learn.col.rate": "win rate",
        "learn.col.interval": "95% interval",
        "learn.too_few_mark": "too few",
        "learn.calibration_result": "Advance won {rate_with} of {deals_with:,}, dig deeper "
        "{rate_without} of {deals_without:,}: {difference} ({interval}).",
        "learn.calibration.up": "Deals to advance win more: the verdict tells winners apart.",
        "learn.calibration.down": "Deals to advance win less than those to dig deeper: the "
        "verdict does not match this team's outcomes; see what goes with winning and losing.",
        "learn.calibration.none": "No clear difference: on this history the verdict does not "
        "yet tell winners apart.",
        "learn.calibration.too_few": "Too few deals (under {min:,} on a side) to compare "
        "advance with dig deeper.",
        "learn.losses": "Why deals were lost",
        "learn.losses_note": "{lost:,} lost deals say why; the red flags raised on the deals "
        "lost for each reason are the flags that would have caught them.",
        "learn.loss": "{reason}: {deals:,} ({share})",
        "learn.loss_flags": "red flags raised on them: {flags}; none on {none:,}",
        "learn.loss_no_flags": "no red flag raised on any of them",
        "learn.no_reasons": "Loss reasons are not mapped: add `loss_reason: COLUMN` under "
        "`columns:` in the mapping to see why deals were lost.",
        "learn.described": "Win rate by {column}",
        "learn.column.stage reached": "stage reached",
        "learn.column.owner": "owner",
        "learn.more_groups": "{groups:,} more, with {deals:,} deals",
        "learn.no_stage_reached": "The stage each closed deal reached is not in the data: map "
        "the column that holds it as `stage_reached` under `columns:` to see win rates by "
        "stage.",
        "learn.honest.described": "Confounding: an owner's or a product's win rate reflects "
        "the deals it got (size, segment, season) as much as how they were sold.",
        "learn.not_read": "Not read",
        "learn.unmapped": "{column}: '{value}' ×{count:,}, not in the mapping (read as unknown)",
        "learn.bad_dates": "{count:,} close dates could not be read",
        "learn.honesty": "What this can and cannot show",
        "learn.honest.sample": "Sample: {deals:,} closed deals. A comparison needs {min:,} "
        "deals or more on each side (--min-deals) to count; smaller ones are marked too few "
        "and never ranked.",
        "learn.honest.intervals": "Intervals: each difference has an interval that holds for "
        "all {tests:,} comparisons at once, so the chance that even one finding here is luck "
        "is under 5%. An interval that holds zero means no clear effect, not proof of none.",
        "learn.honest.confounding": "Confounding: deals differ in many ways at once. A finding "
        "may come from something that goes with the answer (larger deals, a stronger rep, a "
        "product, the season) rather than from the answer itself.",
        "learn.honest.cause": "A correlation is not a cause: getting an answer on a deal does "
        "not by itself make it like the deals that won. Treat a finding as a question to test "
        "on the next deals, not as a rule.",
        "learn.honest.recorded": "Only what was recorded: answers as the CRM held them when "
        "exported, often filled in or changed after the outcome was known.",
    },
    "ko": {
        "learn.title": "수주·실주 딜 분석",
        "learn.counts": "종료된 딜 {deals:,}건: 수주 {won:,}건, 실주 {lost:,}건 (수주율 {rate})",
        "learn.sources": "입력: {sources} · 프레임워크: {frameworks}",
        "learn.left_out": "제외: {parts}",
        "learn.left.open": "진행 중인 딜 {count:,}건",
        "learn.left.unknown": "수주·실주 구분 없이 종료된 딜 {count:,}건",
        "learn.left.skipped": "읽지 못한 행 {count:,}개",
        "learn.no_qualification_title": "학습할 검증 항목 열이 없습니다",
        "learn.no_qualification": "입력에 기준이나 레드 플래그에 대한 답변이 없어, 어떤 답변이 "
        "수주와 함께 나타나는지는 알 수 없습니다. 아래는 데이터로 보여 줄 수 있는 수주율입니다. "
        "CRM의 검증 항목 필드를 매핑하면(`dealcheck map init`) 그 답변에서 배울 수 있습니다.",
        "learn.findings": "수주·실주와 함께 나타나는 것",
        "learn.findings_note": "차이가 큰 순서입니다. 구간이 0을 포함하지 않는 항목만 보여 "
        "줍니다. 해당 딜의 수주율과 나머지 딜의 수주율을 비교합니다.",
        "learn.finding": "{label}: 해당 딜 {deals_with:,}건 중 수주율 {rate_with}, 나머지 "
        "{deals_without:,}건은 {rate_without}; {difference} ({interval})",
        "learn.interval": "구간 {low:+.0f} ~ {high:+.0f}%p",
        "learn.points": "{value:+.0f}%p",
        "learn.no_findings": "딜 {deals:,}건으로는 우연만으로 설명되지 않는 수주율 차이를 보이는 "
        "답변이나 레드 플래그가 없습니다.",
        "learn.no_effect": "뚜렷한 효과 없음",
        "learn.no_effect_note": "양쪽 모두 딜이 충분하고, 모든 구간이 0을 포함합니다:",
        "learn.too_few": "딜이 너무 적어 판단할 수 없음",
        "learn.too_few_note": "모든 비교에서 한쪽 딜이 {min:,}건 미만이며, 순위에 넣지 않습니다:",
        "learn.not_in_data": "데이터에 없음",
        "learn.not_in_data_note": "이 기준에 답하는 열이 없어 판단할 수 없습니다:",
        "learn.level": "{criterion}: {level}",
        "learn.level_unknown": "{criterion}: 파악되지 않음",
        "learn.target": "{criterion}: {level} 이상",
        "learn.flag": "'{flag}' 레드 플래그 해당",
        "learn.by_stage": "도달한 단계별",
        "learn.stage_line": "{stage}: 딜 {deals:,}건, 수주율 {rate} ({low}~{high})",
        "learn.stage_findings": "이 단계에서 차이를 보인 것: {items}",
        "learn.stage_none": "이 단계에서는 발견 없음 (딜이 충분한 비교 {tested:,}개)",
        "learn.stage_too_few": "딜이 너무 적어 판단할 수 없음 (한쪽 {min:,}건 미만)",
        "learn.calibration": "판정이 결과와 맞았나요?",
        "learn.calibration_note": "각 딜을 결과가 나오기 전, 도달한 단계에서 프레임워크가 "
        "판정했을 그대로 보았습니다.",
        "learn.col.score": "점수",
        "learn.col.verdict": "판정",
        "learn.col.deals": "딜",
        "learn.col.won": "수주",
        "learn.col.rate": "수주율",
        "learn.col.interval": "95% 구간",
        "learn.too_few_mark": "표본 부족",
        "learn.calibration_result": "진행 판정 딜의 수주율 {rate_with} ({deals_with:,}건), "
        "추가 검증 필요 딜 {rate_without} ({deals_without:,}건): {difference} ({interval}).",
        "learn.calibration.up": "진행 판정 딜이 더 많이 수주합니다. 판정이 수주할 딜을 가려냅니다.",
        "learn.calibration.down": "진행 판정 딜이 추가 검증 필요 딜보다 덜 수주합니다. 판정이 "
        "이 팀의 결과와 맞지 않으니, 수주·실주와 함께 나타나는 것을 보세요.",
        "learn.calibration.none": "뚜렷한 차이가 없습니다. 이 이력에서는 판정이 아직 수주할 "
        "딜을 가려내지 못합니다.",
        "learn.calibration.too_few": "딜이 너무 적어(한쪽 {min:,}건 미만) 진행과 추가 검증 "
        "필요를 비교할 수 없습니다.",
        "learn.losses": "실주 사유",
        "learn.losses_note": "사유가 기록된 실주 딜 {lost:,}건. 사유별 실주 딜에 해당했던 레드 "
        "플래그가, 그 딜을 미리 걸러 낼 수 있었던 레드 플래그입니다.",
        "learn.loss": "{reason}: {deals:,}건 ({share})",
        "learn.loss_flags": "해당했던 레드 플래그: {flags}; 해당 없음 {none:,}건",
        "learn.loss_no_flags": "해당했던 레드 플래그 없음",
        "learn.no_reasons": "실주 사유가 매핑되어 있지 않습니다. 매핑의 `columns:` 아래에 "
        "`loss_reason: 열 이름`을 추가하면 실주 사유를 볼 수 있습니다.",
        "learn.described": "{column}별 수주율",
        "learn.column.stage reached": "도달한 단계",
        "learn.column.owner": "담당자",
        "learn.more_groups": "그 밖에 {groups:,}개, 딜 {deals:,}건",
        "learn.no_stage_reached": "종료된 딜이 어느 단계까지 갔는지가 데이터에 없습니다. 그 "
        "열을 매핑의 `columns:` 아래에 `stage_reached`로 매핑하면 단계별 수주율을 볼 수 "
        "있습니다.",
        "learn.honest.described": "교란 요인: 담당자나 제품의 수주율에는 영업 방식만큼이나 "
        "맡은 딜의 성격(규모, 고객군, 시기)이 반영됩니다.",
        "learn.not_read": "읽지 못한 것",
        "learn.unmapped": "{column}: '{value}' ×{count:,}, 매핑에 없는 값 (파악되지 않음으로 읽음)",
        "learn.bad_dates": "종료일을 읽지 못한 딜 {count:,}건",
        "learn.honesty": "이 분석이 보여 줄 수 있는 것과 없는 것",
        "learn.honest.sample": "표본: 종료된 딜 {deals:,}건. 비교 한쪽에 딜이 {min:,}건 이상 "
        "있어야 결과로 셉니다(--min-deals). 그보다 적으면 표본 부족으로 표시하고 순위에 넣지 "
        "않습니다.",
        "learn.honest.intervals": "구간: 각 차이의 구간은 비교 {tests:,}개 전체에 함께 "
        "적용되므로, 여기 나온 결과 중 하나라도 우연일 확률은 5% 미만입니다. 구간이 0을 "
        "포함하면 뚜렷한 효과가 없다는 뜻이지, 효과가 없다는 증명은 아닙니다.",
        "learn.honest.confounding": "교란 요인: 딜은 여러 면에서 동시에 다릅니다. 결과는 답변 "
        "자체가 아니라 그 답변과 함께 나타나는 다른 것(더 큰 딜, 더 노련한 담당자, 제품, "
        "시기)에서 왔을 수 있습니다.",
        "learn.honest.cause": "상관관계는 인과관계가 아닙니다. 어떤 딜에서 답변을 확보했다고 "
        "해서 그 딜이 수주한 딜처럼 되지는 않습니다. 결과는 규칙이 아니라 다음 딜에서 "
        "검증할 질문으로 다루세요.",
        "learn.honest.recorded": "기록된 것만: 답변은 내보낼 때 CRM에 있던 그대로이며, 결과가 "
        "나온 뒤에 채우거나 바꾼 경우가 많습니다.",
    },
}
