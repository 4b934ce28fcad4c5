"""`dealcheck map check` as plain text: what each mapped column would read as."""

from __future__ import annotations

from dealcheck.drafting.map_check import BLANK, REJECTED, UNMAPPED, ColumnReading, MapCheck
from dealcheck.i18n import MESSAGES, t

_SEPARATORS = {",": "comma", ";": "semicolon", "\t": "tab"}
SAMPLE_WIDTH = 32
_FIXED = ("amount", "date", "text", BLANK, REJECTED, UNMAPPED, "won", "lost", "closed", "yes", "no")


def map_check_text(report: MapCheck, lang: str) -> str:
    """The report: basics, criteria, stages, rejected rows, TODOs, and whether it is ready."""
    separator = _SEPARATORS.get(report.delimiter, "")
    lines = [
        t(
            "check.title",
            lang,
            source=report.source,
            encoding=report.encoding,
            delimiter=f", {t(f'check.sep.{separator}', lang)}" if separator else "",
            rows=report.rows,
            mapping=report.mapping,
        ),
        t("check.frameworks", lang, frameworks=", ".join(report.frameworks) or "—"),
    ]
    basics = [c for c in report.columns if c.entry.startswith("columns.")]
    feeds = [c for c in report.columns if not c.entry.startswith("columns.")]
    for title, columns in (("check.columns", basics), ("check.criteria", feeds)):
        if columns:
            lines += ["", t(title, lang)]
            for column in columns:
                lines += _column(column, report, lang)
    lines += _stages(report, lang)
    if report.problems:
        lines += ["", t("check.problems", lang), *(f"  {p.text(lang)}" for p in report.problems)]
    elif report.rejected:
        lines += ["", t("check.rejected", lang, count=sum(report.rejected.values()))]
        for reason, count in report.rejected.most_common():
            shown = (
                t(f"check.reject.{reason}", lang)
                if "_" in reason or reason == "amount"
                else _reject(reason, lang)
            )
            lines.append(f"  {shown} ×{count}")
    else:
        lines += ["", t("check.no_rejects", lang)]
    if report.todos:
        lines += ["", t("check.todos", lang)]
        lines += [f"  {todo.location}: {todo.entry}" for todo in report.todos]
    lines.append("")
    if report.ready and report.blind:
        # `score` would refuse to qualify every deal on no answers: say what it will run.
        lines.append(t("check.ready_basics", lang, source=report.source, mapping=report.mapping))
        lines.append(t("check.blind", lang, framework=report.blind, source=report.source))
    elif report.ready:
        lines.append(t("check.ready", lang, source=report.source, mapping=report.mapping))
    else:
        lines.append(t("check.not_ready", lang, count=len(report.todos) + len(report.problems)))
    return "\n".join(lines) + "\n"


def _column(column: ColumnReading, report: MapCheck, lang: str) -> list[str]:
    entry = column.entry.removeprefix("columns.")
    name = report.names.get(column.entry)
    label = f"{entry} ({name})" if name and name != entry else entry
    known = f"check.kind.{column.kind}" in MESSAGES["en"]
    shown = t(f"check.kind.{column.kind}", lang) if known else column.kind
    kind = f" [{shown}]" if not column.entry.startswith("columns.") else ""
    cut = [s if len(s) <= SAMPLE_WIDTH else s[: SAMPLE_WIDTH - 1] + "…" for s in column.samples]
    samples = f"  {t('check.e_g', lang)} {', '.join(cut)}" if cut else ""
    outcomes = " · ".join(
        f"{_outcome(outcome, report, lang)} {count:,}"
        for outcome, count in sorted(column.outcomes.items(), key=lambda item: (-item[1], item[0]))
    )
    lines = [f'  {label} ← "{column.header}"{kind}{samples}', f"      {outcomes}"]
    for kind in (UNMAPPED, REJECTED):
        odd = [
            (value, n) for (outcome, value), n in column.strange.most_common() if outcome == kind
        ]
        if odd:
            shown = ", ".join(f'"{value}" ×{count}' for value, count in odd[:5])
            why = f" ({t('check.as_unknown', lang)})" if kind == UNMAPPED else ""
            lines.append(f"      {_outcome(kind, report, lang)}{why}: {shown}")
    return lines


def _outcome(outcome: str, report: MapCheck, lang: str) -> str:
    if outcome in _FIXED or outcome == "unknown":
        return t(f"check.outcome.{outcome}", lang)
    return report.names.get(outcome, outcome)


def _stages(report: MapCheck, lang: str) -> list[str]:
    if not report.stages:
        return []
    lines = ["", t("check.stages", lang)]
    for (name, target), count in sorted(report.stages.items(), key=lambda i: (-i[1], i[0])):
        if target != UNMAPPED:
            lines.append(f'  "{name}" → {_outcome(target, report, lang)} ×{count}')
    unplaced = report.unmapped_stages
    if unplaced:
        values = ", ".join(f'"{name}" ×{count}' for name, count in unplaced)
        lines.append("  " + t("check.unplaced", lang, values=values))
    return lines


def _reject(reason: str, lang: str) -> str:
    """A row's reject reason as read in English; in another language, its category."""
    if lang == "en":
        return reason
    from dealcheck.batch.row_loop import reject_code

    return t(f"pipeline.reject.{reject_code(reason)}", lang)
