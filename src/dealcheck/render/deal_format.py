"""Plain-text pieces shared by the deal report and call plan renderers (no rich here)."""

from __future__ import annotations

from dealcheck.deals.basics import close_date_passed
from dealcheck.deals.history import DealReport
from dealcheck.i18n import t
from dealcheck.language.framework import UNKNOWN, RedFlag
from dealcheck.scoring.answers import EvidenceSource
from dealcheck.scoring.assessment import Assessment
from dealcheck.scoring.score import CriterionScore, Recommendation, Scorecard, closed_outcome
from dealcheck.scoring.scorecard import Gap, NextQuestion

BAR_WIDTH = 8
_FORCED = (Recommendation.DISQUALIFY, Recommendation.NOT_NOW)


def bar(share: float, width: int = BAR_WIDTH) -> str:
    """A bar readable without colour: filled and empty blocks, e.g. `█████░░░`."""
    filled = round(max(0.0, min(1.0, share)) * width)
    return "█" * filled + "░" * (width - filled)


def score_cells(card: Scorecard, lang: str) -> tuple[str, str, str, str]:
    """(score, bar, grade, recommendation) of a framework's row.

    A stage set has no score; red flags alone have none either: their row counts the
    flags checked and raised, and names the verdict only when a flag forces one.
    """
    if not card.scored:
        dash = t("report.not_scored", lang)
        if not card.framework.red_flags:
            return dash, "", dash, t("report.stage_set_row", lang)
        checked, total, raised = card.flag_tally
        tally = t("report.flags_row", lang, checked=checked, total=total, raised=raised)
        if card.recommendation in _FORCED:
            tally += f" · {t(f'recommendation.{card.recommendation.value}', lang)}"
        return dash, "", dash, tally
    recommendation = t(f"recommendation.{card.recommendation.value}", lang)
    return f"{card.score:.0f}", bar(card.score / 100), card.grade, recommendation


def overall_cells(assessment: Assessment, lang: str) -> tuple[str, str, str, str]:
    """(score, bar, grade, recommendation) of the overall row; no score when nothing scored."""
    recommendation = t(f"recommendation.{assessment.recommendation.value}", lang)
    if not assessment.scored:
        dash = t("report.not_scored", lang)
        return dash, "", dash, recommendation
    score = assessment.score
    return f"{score:.0f}", bar(score / 100), assessment.grade, recommendation


def level_text(scored: CriterionScore, lang: str) -> str:
    """The level's label, or 'unknown'; a level credited below the claim says so and why."""
    if scored.level is None:
        return t("gap.unknown", lang)
    if scored.claimed is None or scored.credit is None:
        return scored.level.label.get(lang)
    return t(
        f"credit.{scored.credit.value}",
        lang,
        scored.claimed.label.get(lang),
        scored.level.label.get(lang),
    )


def gap_text(gap: Gap, lang: str) -> str:
    """What falls short and the level expected, e.g. 'below expected (Assumed → Partial)'.

    An unknown criterion says 'unknown' once: '(unknown → Assumed)' after it would
    repeat it, so it names only the level expected.
    """
    kind = t(f"gap.{gap.kind.value}", lang)
    expected = gap.expected.label.get(lang)
    if gap.level is None:
        return f"{kind} ({t('gap.expected', lang, expected)})"
    return f"{kind} ({gap.level.label.get(lang)} → {expected})"


def question_text(question: NextQuestion, lang: str) -> str:
    """A question for the next call, with what the customer already confirmed about it."""
    text = question.text.get(lang)
    return t("ask.on_record", lang, text, question.known) if question.known else text


def stage_ahead_text(assessment: Assessment, lang: str) -> str | None:
    """'The CRM stage says X; the exit criteria support Y (not yet: …)', or None.

    A missing event the rep alone vouches for is named with "rep's word only".
    """
    check = assessment.stage_check
    if check is None:
        return None
    believed = t("exit.rep_word", lang)
    missing = "; ".join(
        f"{c.name.get(lang)} ({believed})" if c in check.rep_word_only else c.name.get(lang)
        for c in check.missing
    )
    return t(
        "report.stage_ahead",
        lang,
        check.stage.name.get(lang),
        check.supported.name.get(lang),
        missing,
    )


def stage_supported_text(assessment: Assessment, lang: str) -> str | None:
    """'The exit criteria support the CRM stage, X.', or None.

    None unless exit checks were judged and the stage is not ahead of them.
    """
    if assessment.stage_check is not None or not assessment.exit_checks:
        return None
    stage = next(
        (
            card.stage
            for card in assessment.scorecards
            if card.stage and any(s.exit_criteria for s in card.framework.stages)
        ),
        None,
    )
    return t("report.stage_supported", lang, stage.name.get(lang)) if stage else None


def exit_check_lines(assessment: Assessment, lang: str) -> list[tuple[str, str]]:
    """Each exit check up to the deal's stage: (mark, 'name: answer · source date · evidence').

    The mark is ✓ for an event that counts, ! for a yes on the rep's word alone, ✗ for
    no, ? for unknown.
    """
    lines = []
    for status in assessment.exit_checks:
        answer = status.answer
        said = {True: "yes", False: "no"}.get(answer.happened, "unknown")  # type: ignore[arg-type]
        parts = [t(f"exit.{said}", lang)]
        if answer.source is not None:
            shown = shown_source(answer.source, lang)
            parts.append(f"{shown} {answer.confirmed_on}" if answer.confirmed_on else shown)
        if answer.evidence:
            parts.append(answer.evidence)
        if status.rep_word_only:
            parts.append(t("exit.rep_word_note", lang))
        mark = (
            "✓" if status.counts else "!" if status.rep_word_only else "✗" if said == "no" else "?"
        )
        lines.append((mark, f"{status.check.name.get(lang)}: {' · '.join(parts)}"))
    return lines


def verified_text(assessment: Assessment, lang: str) -> str:
    """'N % of the weight verified by the customer', or that sources are unknown."""
    share = assessment.verified_share
    if share is None:
        return t("report.sources_unknown", lang)
    return t("report.verified", lang, f"{100 * share:.0f}")


def source_text(scored: CriterionScore, lang: str) -> str:
    """Where the evidence came from, and when it was confirmed."""
    answer = scored.answer
    if answer.source is None:
        return ""
    shown = shown_source(answer.source, lang)
    return f"{shown} {answer.confirmed_on.isoformat()}" if answer.confirmed_on else shown


def shown_source(source: EvidenceSource, lang: str) -> str:
    """A source as a report reader sees it: the rep's belief is not "my belief" there."""
    if source is EvidenceSource.BELIEF:
        return t("report.source_belief", lang)
    return t(f"source.{source.value}", lang)


def flag_effect(flag: RedFlag, lang: str, *, scored: bool = True) -> str:
    """What a flag does, in words: 'capped at 50', '−15 points' or 'disqualifies'.

    A deal with no score (red flags alone) loses no points: a cap or a cost is what
    the flag would do to a scored deal, and says so.
    """
    effect = flag.effect.value
    if not scored and effect != "disqualify":
        effect += "_unscored"
    return t(f"flag.{effect}", lang, f"{flag.points or 0:g}")


def unchecked_flags(assessment: Assessment, lang: str) -> list[str]:
    """Names of the red flags nobody has answered yet, each once."""
    names = {
        f.id: f.name.get(lang)
        for card in reversed(assessment.scorecards)
        for f in card.framework.red_flags
    }
    ids = dict.fromkeys(f for card in assessment.scorecards for f in card.unanswered_flags)
    return [names.get(flag_id, flag_id) for flag_id in ids]


def amount_text(amount: float | None, currency: str | None) -> str:
    """An amount with thousands separators and its currency, or '?'."""
    if amount is None:
        return "?"
    shown = f"{amount:,.0f}" if amount == int(amount) else f"{amount:,.2f}"
    return f"{shown} {currency}" if currency else shown


def title_lines(report: DealReport, lang: str) -> tuple[str, str]:
    """The report's title and the deal basics line."""
    deal = report.deal
    title = t(
        "report.title",
        lang,
        name=deal.name,
        number=report.number,
        count=len(deal.qualifications),
        date=report.qualification.date.isoformat(),
    )
    basics = t(
        "report.deal",
        lang,
        company=deal.company or "?",
        amount=amount_text(deal.amount, deal.currency),
        stage=_stage_name(report, lang),
        close=_close_text(report, lang),
        owner=deal.owner or "?",
    )
    return title, basics


def _close_text(report: DealReport, lang: str) -> str:
    """The expected close date, flagged when an open deal's date has passed."""
    deal = report.deal
    if deal.close_date is None:
        return "?"
    if close_date_passed(deal, report.qualification.stage, report.today):
        return t("report.close_passed", lang, deal.close_date.isoformat())
    return deal.close_date.isoformat()


def _stage_name(report: DealReport, lang: str) -> str:
    outcome = closed_outcome(report.deal.stage)
    if outcome is not None:
        return t(f"recommendation.{outcome.value}", lang)
    stage = next((c.stage for c in report.assessment.scorecards if c.stage), None)
    if stage is not None:
        return stage.name.get(lang)
    return report.qualification.stage or report.deal.stage or "?"


def moved_lines(report: DealReport, lang: str) -> list[str]:
    """'Since <date>: score +n' and one line per answer that moved."""
    changes = report.changes
    if changes is None:
        return []
    names: dict[str, str] = {}
    for card in reversed(report.assessment.scorecards):
        names.update({f.id: f.name.get(lang) for f in card.framework.red_flags})
        names.update({c.id: c.name.get(lang) for c in card.framework.criteria})
    labels = {
        level.id: level.label.get(lang)
        for card in report.assessment.scorecards
        for c in card.criteria
        for level in card.framework.scale_of(c.criterion).root
    }
    labels.update({"yes": t("yes", lang), "no": t("no", lang)})
    since = t("report.changes", lang, changes.previous_date)
    # Red flags alone have no score to move: only their answers moved.
    if report.assessment.scored:
        since += f": {t('report.score_delta', lang, changes.score_delta)}"
    lines = [since]
    lines += [
        t(
            "report.moved",
            lang,
            names.get(m.item, m.item),
            _shown(m.before, lang, labels),
            _shown(m.after, lang, labels),
        )
        for m in changes.moved
    ]
    if not changes.moved:
        lines.append(t("report.nothing_moved", lang))
    return lines


def _shown(value: str, lang: str, labels: dict[str, str]) -> str:
    return t("gap.unknown", lang) if value == UNKNOWN else labels.get(value, value)
