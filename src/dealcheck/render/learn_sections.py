"""The sections of the learning report, each built from the report alone."""

from __future__ import annotations

from dealcheck.i18n import t
from dealcheck.learn.effects import Effect, Kind, Status
from dealcheck.learn.outcomes import STAGE_REACHED, Groups
from dealcheck.learn.report import LearnReport
from dealcheck.render.learn_format import (
    Section,
    finding_line,
    label,
    more_groups,
    percent,
    rate_table,
)


def sections(report: LearnReport) -> list[Section]:
    """Every section, in reading order."""
    lang = report.lang
    found: list[Section] = []
    if not report.qualified:
        found.append(
            Section(
                "no-qualification",
                t("learn.no_qualification_title", lang),
                t("learn.no_qualification", lang),
            )
        )
    else:
        found += effects(report)
        found += stages(report)
    found += calibration(report)
    if report.tuning is not None:
        from dealcheck.render.learn_tuning import tuning_sections

        found += tuning_sections(report.tuning, lang, report.names)
    found += losses(report)
    if not any(groups.column == STAGE_REACHED for groups in report.described):
        column = t("learn.column.stage reached", lang)
        found.append(
            Section(
                "by-stage-reached",
                t("learn.described", lang, column=column),
                t("learn.no_stage_reached", lang),
            )
        )
    found += [described(report, groups) for groups in report.described]
    found += not_read(report)
    found.append(honesty(report))
    return found


def _item_name(effect: Effect, report: LearnReport) -> str:
    if effect.kind is Kind.FLAG:
        return t("learn.flag", report.lang, flag=report.names.get(effect.item, effect.item))
    return report.names.get(effect.item, effect.item)


def effects(report: LearnReport) -> list[Section]:
    """What goes with winning, then the items with no clear effect, then too few."""
    lang = report.lang
    findings = report.findings
    top = Section("findings", t("learn.findings", lang), t("learn.findings_note", lang))
    top.lines = [finding_line(e, report) for e in findings] or [
        t("learn.no_findings", lang, deals=report.overall.deals)
    ]
    found = [top]
    by_item: dict[tuple[bool, str], list[Effect]] = {}
    # In the frameworks' order (criteria, then red flags), not by size.
    order = {name: n for n, name in enumerate(report.names)}
    for effect in sorted(report.effects, key=lambda e: order.get(e.item, len(order))):
        by_item.setdefault((effect.kind is Kind.FLAG, effect.item), []).append(effect)
    by_item = dict(sorted(by_item.items(), key=lambda pair: pair[0][0]))
    quiet = [
        _item_name(splits[0], report)
        for splits in by_item.values()
        if all(e.status is not Status.FINDING for e in splits)
        and any(e.status is Status.NO_EFFECT for e in splits)
    ]
    few = [
        _item_name(splits[0], report)
        for splits in by_item.values()
        if all(e.status is Status.TOO_FEW for e in splits)
    ]
    if quiet:
        found.append(
            Section("no-effect", t("learn.no_effect", lang), t("learn.no_effect_note", lang), quiet)
        )
    if few:
        note = t("learn.too_few_note", lang, min=report.min_deals)
        found.append(Section("too-few", t("learn.too_few", lang), note, few))
    if report.not_in_data:
        missing = [report.names.get(key, key) for key in report.not_in_data]
        note = t("learn.not_in_data_note", lang)
        found.append(Section("not-in-data", t("learn.not_in_data", lang), note, missing))
    return found


def stages(report: LearnReport) -> list[Section]:
    """Per stage reached: its win rate and what goes with winning there."""
    lang = report.lang
    if not report.stages:
        return []
    section = Section("stages", t("learn.by_stage", lang))
    for stage in report.stages:
        rate = stage.rate
        line = t(
            "learn.stage_line",
            lang,
            stage=report.names.get(stage.stage, stage.stage),
            deals=rate.deals,
            rate=percent(rate.rate),
            low=percent(rate.low),
            high=percent(rate.high),
        )
        if stage.findings:
            items = ", ".join(
                f"{label(e, report)} ({t('learn.points', lang, value=e.difference * 100)})"
                for e in stage.findings[:3]
            )
            detail = t("learn.stage_findings", lang, items=items)
        elif stage.tested:
            detail = t("learn.stage_none", lang, tested=stage.tested)
        else:
            detail = t("learn.stage_too_few", lang, min=report.min_deals)
        section.lines.append(f"{line}; {detail}")
    return [section]


def calibration(report: LearnReport) -> list[Section]:
    """Win rate by score band and by verdict, and advance against dig deeper."""
    lang = report.lang
    if not (report.score_bands or report.recommendations):
        return []
    section = Section(
        "calibration", t("learn.calibration", lang), t("learn.calibration_note", lang)
    )
    if report.score_bands:
        section.tables.append(rate_table(report.score_bands, t("learn.col.score", lang), lang, {}))
    if report.recommendations:
        verdicts = {r.group: t(f"recommendation.{r.group}", lang) for r in report.recommendations}
        section.tables.append(
            rate_table(report.recommendations, t("learn.col.verdict", lang), lang, verdicts)
        )
    split = report.calibration
    if split is not None:
        if split.status is Status.TOO_FEW:
            section.after.append(t("learn.calibration.too_few", lang, min=report.min_deals))
        else:
            section.after.append(
                t(
                    "learn.calibration_result",
                    lang,
                    rate_with=percent(split.rate_with),
                    deals_with=split.deals_with,
                    rate_without=percent(split.rate_without),
                    deals_without=split.deals_without,
                    difference=t("learn.points", lang, value=split.difference * 100),
                    interval=t("learn.interval", lang, low=split.low * 100, high=split.high * 100),
                )
            )
            verdict = (
                "none"
                if split.status is Status.NO_EFFECT
                else "up"
                if split.difference > 0
                else "down"
            )
            section.after.append(t(f"learn.calibration.{verdict}", lang))
    return [section]


def losses(report: LearnReport) -> list[Section]:
    """The top loss reasons and the red flags raised on the deals lost for each."""
    lang = report.lang
    if not report.lost_with_reason:
        if not report.qualified:
            return []
        return [Section("losses", t("learn.losses", lang), t("learn.no_reasons", lang))]
    section = Section(
        "losses",
        t("learn.losses", lang),
        t("learn.losses_note", lang, lost=report.lost_with_reason),
    )
    for reason in report.loss_reasons:
        line = t(
            "learn.loss",
            lang,
            reason=reason.reason,
            deals=reason.deals,
            share=percent(reason.share),
        )
        if reason.flagged:
            flags = ", ".join(
                f"{report.names.get(flag, flag)} {count:,}" for flag, count in reason.flagged
            )
            line += "; " + t("learn.loss_flags", lang, flags=flags, none=reason.unflagged)
        elif report.qualified:
            line += "; " + t("learn.loss_no_flags", lang)
        section.lines.append(line)
    return [section]


def described(report: LearnReport, groups: Groups) -> Section:
    """Win rate per value of one descriptive column (stage reached, owner, product)."""
    lang = report.lang
    key = f"learn.column.{groups.column}"
    column = t(key, lang) if key in _KNOWN_COLUMNS else groups.column
    names = report.names if groups.column == STAGE_REACHED else {}
    section = Section(
        f"by-{_slug(groups.column)}",
        t("learn.described", lang, column=column),
        tables=[rate_table(groups.rates, column, lang, names)],
    )
    section.after = more_groups(groups, lang)
    return section


_KNOWN_COLUMNS = {"learn.column.stage reached", "learn.column.owner"}


def _slug(text: str) -> str:
    return "-".join("".join(c if c.isalnum() else " " for c in text.casefold()).split()) or "x"


def not_read(report: LearnReport) -> list[Section]:
    """Rows that could not be read, values the mapping does not know, unreadable dates."""
    lang, reading = report.lang, report.reading
    lines = list(reading.skipped_lines)
    lines += [
        t("learn.unmapped", lang, column=column, value=value, count=count)
        for column, value, count in reading.unmapped
    ]
    if reading.bad_dates:
        lines.append(t("learn.bad_dates", lang, count=reading.bad_dates))
    return [Section("not-read", t("learn.not_read", lang), lines=lines)] if lines else []


def honesty(report: LearnReport) -> Section:
    """What the data can and cannot show, in plain words."""
    lang = report.lang
    lines = [
        t("learn.honest.sample", lang, deals=report.overall.deals, min=report.min_deals),
    ]
    if report.qualified:
        lines.append(t("learn.honest.intervals", lang, tests=max(report.comparisons, 1)))
        lines += [t(f"learn.honest.{key}", lang) for key in ("confounding", "cause", "recorded")]
    else:
        lines += [t(f"learn.honest.{key}", lang) for key in ("described", "cause")]
    return Section("honesty", t("learn.honesty", lang), lines=lines)
