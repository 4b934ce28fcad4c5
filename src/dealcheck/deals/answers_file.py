"""The `--answers` file: read it, and check it against the frameworks in play.

Every problem names `FILE:LINE:COLUMN` and the fix, and all are input errors (exit 3):
a misspelt criterion, answers for a framework this qualification does not use, and a
"confirmed on" date in the future are one kind of mistake (the file says something
the qualification cannot record), so they are reported the same way.
"""

from __future__ import annotations

import datetime as dt
import difflib
from pathlib import Path
from typing import Any

from dealcheck.deals.model import AnswersFile
from dealcheck.deals.reconcile import exit_ids
from dealcheck.errors import InputError, UsageError, say
from dealcheck.language.framework import UNKNOWN, Framework
from dealcheck.language.validation import validate_located
from dealcheck.language.yamlfile import locate, read_yaml


def read_answers(path: Path | None) -> tuple[AnswersFile, Any] | None:
    """The answers file and its located YAML tree, or None when no file was given.

    Raises:
        UsageError: The file does not exist.
        ValidationFailed: It breaks the answers file rules.
    """
    if path is None:
        return None
    if not path.is_file():
        raise UsageError(say("answers.missing", path=path))
    tree = read_yaml(path)
    return validate_located(AnswersFile, tree), tree


def check_answers(
    given: AnswersFile, tree: Any, path: Path, frameworks: list[Framework], today: dt.date
) -> None:
    """Refuse answers the qualification cannot record.

    Raises:
        InputError: Answers for a framework not in play, an unknown criterion or red
            flag, or a confirmation date after today.
    """
    in_play = {f.id: f for f in frameworks}
    for framework_id, answers in given.answers.items():
        where = _where(tree, path, ("answers", framework_id), on_key=True)
        framework = in_play.get(framework_id)
        if framework is None:
            raise InputError(
                say(
                    "answers.not_in_play",
                    where=where,
                    framework=framework_id,
                    in_play=", ".join(in_play),
                )
            )
        for kind, ids, items in (
            ("criteria", answers.criteria, [c.id for c in framework.criteria]),
            ("red_flags", answers.red_flags, [f.id for f in framework.red_flags]),
            ("exit_criteria", answers.exit_criteria, exit_ids(framework)),
        ):
            for item in ids:
                if item not in items:
                    close = difflib.get_close_matches(item, items, n=1)
                    hint = say("hint.did_you_mean", close[0]) if close else ""
                    raise InputError(
                        say(
                            f"answers.no_{kind}",
                            where=_where(
                                tree, path, ("answers", framework_id, kind, item), on_key=True
                            ),
                            framework=framework_id,
                            item=item,
                            hint=hint,
                        )
                    )
        for criterion in framework.criteria:
            given_level = answers.criteria.get(criterion.id)
            scale = criterion.scale or framework.scale
            if given_level is None or given_level.level == UNKNOWN:
                continue
            if scale.by_id(given_level.level) is None:
                spot = ("answers", framework_id, "criteria", criterion.id, "level")
                known = ", ".join([level.id for level in scale.root] + [UNKNOWN])
                raise InputError(
                    say(
                        "answers.no_level",
                        where=_where(tree, path, spot),
                        criterion=criterion.id,
                        level=given_level.level,
                        known=known,
                    )
                )
        dated = [("criteria", k, r.confirmed_on) for k, r in answers.criteria.items()]
        dated += [("exit_criteria", k, r.confirmed_on) for k, r in answers.exit_criteria.items()]
        for kind, item_id, confirmed_on in dated:
            if confirmed_on is not None and confirmed_on > today:
                spot = ("answers", framework_id, kind, item_id, "confirmed_on")
                raise InputError(
                    say(
                        "answers.future",
                        where=_where(tree, path, spot),
                        day=confirmed_on,
                        today=today,
                    )
                )


def _where(tree: Any, path: Path, spot: tuple[str, ...], *, on_key: bool = False) -> str:
    location = locate(tree, spot, on_key=on_key)
    return str(location) if location is not None else str(path)
