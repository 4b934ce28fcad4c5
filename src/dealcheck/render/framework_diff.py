"""`framework diff`: the semantic diff of two framework versions, as text or Markdown."""

from __future__ import annotations

from dealcheck.i18n import t
from dealcheck.language.diff import (
    ExpectationChange,
    FrameworkDiff,
    ScaleChange,
    ShareChange,
    TextChange,
    TextKey,
)
from dealcheck.language.framework import Framework, Level, RedFlag
from dealcheck.render.markdown import escape

Section = tuple[str, list[str]]


def diff_text(diff: FrameworkDiff, lang: str) -> str:
    """The diff for a terminal: a title, then each section with its changes indented."""
    lines = [_title(diff, lang)]
    for title, items in _sections(diff, lang):
        lines += ["", title, *(f"  {item}" for item in items)]
    for language, changes in _texts_by_language(diff):
        lines += ["", t("diff.texts", lang, language=t(f"lang.{language}", lang))]
        for change in changes:
            lines += [
                f"  {_place(diff, change.where, lang)}",
                f"    - {change.before or '∅'}",
                f"    + {change.after or '∅'}",
            ]
    if diff.empty:
        lines += ["", t("diff.none", lang)]
    return "\n".join(lines) + "\n"


def diff_markdown(diff: FrameworkDiff, lang: str) -> str:
    """The diff as Markdown for a pull request comment; every user text escaped."""
    lines = [f"## {escape(_title(diff, lang))}"]
    for title, items in _sections(diff, lang):
        lines += ["", f"### {escape(title)}", "", *(f"- {escape(item)}" for item in items)]
    for language, changes in _texts_by_language(diff):
        lines += ["", f"### {escape(t('diff.texts', lang, language=t(f'lang.{language}', lang)))}"]
        lines.append("")
        for change in changes:
            lines += [
                f"- **{escape(_place(diff, change.where, lang))}**",
                f"  - ~~{escape(change.before)}~~" if change.before else "  - ∅",
                f"  - {escape(change.after)}" if change.after else "  - ∅",
            ]
    if diff.empty:
        lines += ["", escape(t("diff.none", lang))]
    return "\n".join(lines) + "\n"


def _title(diff: FrameworkDiff, lang: str) -> str:
    old, new = diff.old, diff.new
    if old.id == new.id:
        return t("diff.title", lang, name=new.name.get(lang), old=old.version, new=new.version)
    return t(
        "diff.title_two",
        lang,
        old=f"{old.name.get(lang)} {old.version}",
        new=f"{new.name.get(lang)} {new.version}",
    )


def _sections(diff: FrameworkDiff, lang: str) -> list[Section]:
    sections: list[Section] = [
        (t("diff.criteria", lang), [_share(change, lang) for change in diff.shares]),
        (t("diff.scale", lang), [_scale(change, lang) for change in diff.scale]),
        (t("diff.expectations", lang), [_expectation(c, diff, lang) for c in diff.expectations]),
        (
            t("diff.stages", lang),
            [
                _added_removed(
                    (c.after or c.before).name.get(lang),  # type: ignore[union-attr]
                    c.before is None,
                    lang,
                )
                for c in diff.stages
            ]
            + [
                t(
                    "diff.aliases",
                    lang,
                    stage=c.stage.name.get(lang),
                    changes=", ".join(
                        [*(f"+ {a}" for a in c.added), *(f"− {a}" for a in c.removed)]
                    ),
                )
                for c in diff.aliases
            ],
        ),
        (t("diff.flags", lang), [_flag(c.before, c.after, lang) for c in diff.flags]),
        (
            t("diff.grades", lang),
            [
                f"{c.grade}: {_number(c.before, lang)} → {_number(c.after, lang)}"
                for c in diff.grades
            ],
        ),
        (
            t("diff.rule", lang),
            [
                f"{t(f'diff.rule.{c.setting}', lang)}: {_setting(c.before, lang)} → "
                f"{_setting(c.after, lang)}"
                for c in diff.rule
            ],
        ),
    ]
    return [(title, items) for title, items in sections if items]


def _share(change: ShareChange, lang: str) -> str:
    name = change.criterion.name.get(lang)
    if change.before is None:
        line = f"+ {name}: {t('diff.added', lang)}, {change.after:.1f} %"
    elif change.after is None:
        line = f"− {name}: {t('diff.removed', lang)} ({change.before:.1f} %)"
    else:
        line = f"{name}: {change.before:.1f} % → {change.after:.1f} %"
    if change.before is not None and change.after is not None:
        if change.critical_after and not change.critical_before:
            line += f", {t('diff.now_critical', lang)}"
        elif change.critical_before and not change.critical_after:
            line += f", {t('diff.no_longer_critical', lang)}"
    elif change.critical_after and change.before is None:
        line += f", {t('diff.critical', lang)}"
    return line


def _scale(change: ScaleChange, lang: str) -> str:
    owner = (
        f"{t('diff.scale_of', lang, criterion=change.criterion.name.get(lang))}: "
        if change.criterion
        else ""
    )
    if change.before is None or change.after is None:
        level = change.after or change.before
        assert level is not None
        added = _added_removed(level.label.get(lang), change.before is None, lang)
        return f"{owner}{added}: {t('diff.value', lang, value=level.value)}"
    return f"{owner}{_level(change.before, lang)} → {_level(change.after, lang)}"


def _expectation(change: ExpectationChange, diff: FrameworkDiff, lang: str) -> str:
    name = change.criterion.name.get(lang)
    where = (
        t("diff.at_stage", lang, criterion=name, stage=change.stage.name.get(lang))
        if change.stage
        else t("diff.no_stage", lang, criterion=name)
    )
    before = change.before.label.get(lang) if change.before else t("diff.nothing", lang)
    after = change.after.label.get(lang) if change.after else t("diff.nothing", lang)
    return f"{where}: {before} → {after}"


def _flag(before: RedFlag | None, after: RedFlag | None, lang: str) -> str:
    shown = after or before
    assert shown is not None
    name = shown.name.get(lang)
    if before is None or after is None:
        return f"{_added_removed(name, before is None, lang)}: {_effect(shown, lang)}"
    return f"{name}: {_effect(before, lang)} → {_effect(after, lang)}"


def _effect(flag: RedFlag, lang: str) -> str:
    return t(f"effect.{flag.effect.value}", lang, points=f"{flag.points or 0:g}")


def _added_removed(name: str, added: bool, lang: str) -> str:
    return (
        f"+ {name} ({t('diff.added', lang)})" if added else f"− {name} ({t('diff.removed', lang)})"
    )


def _level(level: Level, lang: str) -> str:
    return t("diff.level", lang, label=level.label.get(lang), value=level.value)


def _number(value: float | None, lang: str) -> str:
    return t("diff.nothing", lang) if value is None else f"{value:g}"


def _setting(value: float | int | bool | list[object], lang: str) -> str:
    if isinstance(value, bool):
        return t("yes" if value else "no", lang)
    if isinstance(value, list):  # the not-now rules: how many, their detail is in the file
        return t("diff.rules", lang, count=len(value))
    return f"{value:g}"


def _texts_by_language(diff: FrameworkDiff) -> list[tuple[str, list[TextChange]]]:
    given = {change.lang for change in diff.texts}
    languages = [lang for lang in (*diff.new.languages, *sorted(given)) if lang in given]
    languages = list(dict.fromkeys(languages))
    return [(lang, [c for c in diff.texts if c.lang == lang]) for lang in languages]


def _place(diff: FrameworkDiff, where: TextKey, lang: str) -> str:
    """Name a text's place in the reader's language: its owner, then the field."""
    owner = _owner(diff.new, where, lang) or _owner(diff.old, where, lang)
    rest = where[2:] if where[0] in ("criteria", "stages", "red_flags", "scale") else where
    field = _field(rest, diff.new, where, lang)
    return f"{owner} · {field}" if owner else field


def _owner(framework: Framework, where: TextKey, lang: str) -> str | None:
    kind, key = where[0], where[1] if len(where) > 1 else None
    if kind == "criteria" and (criterion := framework.criterion(str(key))):
        return criterion.name.get(lang)
    if kind == "stages":
        stage = next((s for s in framework.stages if s.id == key), None)
        return stage.name.get(lang) if stage else None
    if kind == "red_flags":
        flag = next((f for f in framework.red_flags if f.id == key), None)
        return flag.name.get(lang) if flag else None
    if kind == "scale" and (level := framework.scale.by_id(str(key))):
        return t("diff.level_of_scale", lang, label=level.label.get(lang))
    return t("diff.framework", lang) if kind in ("name", "description") else None


def _field(rest: TextKey, framework: Framework, where: TextKey, lang: str) -> str:
    if not rest:
        return ""
    name = str(rest[0])
    if name == "questions" and len(rest) > 1 and isinstance(rest[1], int):
        return t("diff.field.questions", lang, number=rest[1] + 1)
    if name == "levels" and len(rest) > 1:
        criterion = framework.criterion(str(where[1]))
        level = framework.scale_of(criterion).by_id(str(rest[1])) if criterion else None
        label = level.label.get(lang) if level else str(rest[1])
        return t("diff.field.levels", lang, label=label)
    if name == "scale" and len(rest) > 2:
        return t(f"diff.field.{rest[-1]}", lang)
    return t(f"diff.field.{name}", lang)
