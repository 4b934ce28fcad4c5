"""UI strings of `dealcheck learn --suggest / --compare-framework`, in English and Korean.

Merged into `i18n.py`'s catalogues like the learning report's. Korean follows
GLOSSARY-ko.md: 딜, 수주 / 실주, 레드 플래그 with its name, no variable particle.
"""

from __future__ import annotations

TUNING: dict[str, dict[str, str]] = {
    "en": {
        "tuning.suggest": "Suggested changes",
        "tuning.suggest_note": "Fitted on the {train:,} older deals only; the {test:,} newest "
        "are kept for the backtest. A value changes only where its interval (95% for the "
        "{tested:,} values tested together) leaves out the current one, with at least {min:,} "
        "deals behind it.",
        "tuning.written": "Written to {path}: review it in a pull request like any framework "
        "change; nothing changes until the team adopts it.",
        "tuning.nothing": "No change: in {deals:,} training deals no weight or red flag "
        "differs from the current one beyond chance. No file written.",
        "tuning.weight": "{criterion}: weight {before} → {after}; won {rate_with} at {level} "
        "or better ({deals_with:,} deals), {rate_without} below ({deals_without:,}); "
        "{difference} ({interval})",
        "tuning.rescaled": "Rescaled to keep the total weight, not for their own evidence: {items}",
        "tuning.flag": "'{flag}' red flag: {before} → {after} points off; won {rate_with} "
        "with it ({deals_with:,} deals), {rate_without} without ({deals_without:,}); "
        "{difference} ({interval})",
        "tuning.kept": "Unchanged: {within:,} within their interval, {few:,} with too few "
        "deals, {policy:,} cap or disqualify red flags (policy: never fitted).",
        "tuning.backtest": "Backtest: {current} against {other}",
        "tuning.backtest_note": "AUC: the chance that a won deal scores above a lost one (0.5 "
        "is a coin toss, 1.0 always). Brier: the mean squared gap between the predicted "
        "chance of winning and what happened (lower is better; always saying 50% gives "
        "0.25). A score becomes a chance of winning by a curve fitted on the training deals.",
        "tuning.split_date": "Trained on {train:,} deals closed before {cutoff}, tested on "
        "the {test:,} closed since ({won:,} won).",
        "tuning.split_order": "Too few close dates: trained on the first {train:,} deals in "
        "the input's order, tested on the last {test:,} ({won:,} won).",
        "tuning.undated": "{undated:,} deals without a close date were used for training only.",
        "tuning.few": "Too few deals to backtest: training and test need {min:,} each "
        "(training {train:,}, test {test:,}).",
        "tuning.one_outcome": "The test deals are all won or all lost: nothing to separate.",
        "tuning.col.framework": "Framework",
        "tuning.col.interval": "95% interval",
        "tuning.col.brier": "Brier",
        "tuning.difference": "Difference",
        "tuning.better": "{other} ranks won deals above lost ones more often on the newer "
        "deals: AUC {gain} (interval {low} to {high}).",
        "tuning.worse": "{other} separates won from lost worse on the newer deals: AUC "
        "{gain} (interval {low} to {high}). Do not adopt it as it is.",
        "tuning.same": "No clear difference in AUC: the interval of the difference ({low} to "
        "{high}) holds zero.",
    },
    "ko": {
        "tuning.suggest": "제안하는 변경",
        "tuning.suggest_note": "오래된 딜 {train:,}건으로만 학습했고, 최근 딜 {test:,}건은 "
        "백테스트용으로 남겨 두었습니다. 구간(함께 검정한 값 {tested:,}개에 대해 95%)이 현재 "
        "값을 벗어나고 최소 {min:,}건의 딜이 뒷받침할 때만 값을 바꿉니다.",
        "tuning.written": "저장 위치: {path}. 다른 프레임워크 변경처럼 풀 리퀘스트에서 "
        "검토하세요. 팀이 채택하기 전에는 아무것도 바뀌지 않습니다.",
        "tuning.nothing": "변경 없음: 학습용 딜 {deals:,}건에서 우연 이상으로 현재 값과 다른 "
        "가중치나 레드 플래그가 없습니다. 파일을 쓰지 않았습니다.",
        "tuning.weight": "{criterion}: 가중치 {before} → {after}; {level} 이상 수주율 "
        "{rate_with}({deals_with:,}건), 그 아래 {rate_without}({deals_without:,}건); "
        "{difference} ({interval})",
        "tuning.rescaled": "전체 가중치 합을 유지하려고 비율만 조정(자체 근거 아님): {items}",
        "tuning.flag": "'{flag}' 레드 플래그: 감점 {before} → {after}점; 해당 딜 수주율 "
        "{rate_with}({deals_with:,}건), 해당 없음 {rate_without}({deals_without:,}건); "
        "{difference} ({interval})",
        "tuning.kept": "유지: 구간 안 {within:,}개, 딜 부족 {few:,}개, 점수 상한·중단 레드 "
        "플래그 {policy:,}개(정책이므로 학습하지 않음).",
        "tuning.backtest": "백테스트: {current} 대 {other}",
        "tuning.backtest_note": "AUC: 수주 딜이 실주 딜보다 높은 점수를 받을 확률입니다(0.5는 "
        "동전 던지기, 1.0은 항상). Brier 점수: 예측한 수주 확률과 실제 결과의 차이를 제곱해 "
        "평균한 값입니다(낮을수록 좋고, 늘 50%라고 하면 0.25). 점수는 학습용 딜에 맞춘 "
        "곡선으로 수주 확률로 바꿉니다.",
        "tuning.split_date": "{cutoff} 이전에 종료된 딜 {train:,}건으로 학습하고, 그 이후 "
        "종료된 {test:,}건(수주 {won:,}건)으로 검증했습니다.",
        "tuning.split_order": "종료일이 부족해 입력 순서의 앞 {train:,}건으로 학습하고, 마지막 "
        "{test:,}건(수주 {won:,}건)으로 검증했습니다.",
        "tuning.undated": "종료일이 없는 딜 {undated:,}건은 학습에만 썼습니다.",
        "tuning.few": "백테스트하기에 딜이 부족합니다. 학습과 검증에 각각 최소 {min:,}건이 "
        "필요합니다(학습 {train:,}건, 검증 {test:,}건).",
        "tuning.one_outcome": "검증용 딜이 모두 수주이거나 모두 실주라 가를 것이 없습니다.",
        "tuning.col.framework": "프레임워크",
        "tuning.col.interval": "95% 구간",
        "tuning.col.brier": "Brier 점수",
        "tuning.difference": "차이",
        "tuning.better": "최근 딜에서 {other} 쪽이 수주 딜을 실주 딜보다 높게 매기는 경우가 "
        "더 많습니다: AUC {gain}(구간 {low} ~ {high}).",
        "tuning.worse": "최근 딜에서 {other} 쪽이 수주와 실주를 더 못 가릅니다: AUC "
        "{gain}(구간 {low} ~ {high}). 이대로 채택하지 마세요.",
        "tuning.same": "AUC에 뚜렷한 차이가 없습니다: 차이의 구간({low} ~ {high})에 0이 "
        "들어 있습니다.",
    },
}
