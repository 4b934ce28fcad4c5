"""`dealcheck map init`: draft a mapping from an export's headers by fuzzy matching.

Each column role and criterion is matched against synonyms (English and Korean) of
its name; a confident match is written in, a weak one is written with a `TODO`
comment, and no match leaves a commented-out `TODO` line for the user.
"""

from __future__ import annotations

import difflib
import json
from collections import Counter
from itertools import islice

from dealcheck.batch.binding import ROLES
from dealcheck.batch.encoding import normalise_header
from dealcheck.batch.mapping import load_mapping
from dealcheck.batch.reading import open_input
from dealcheck.language.framework import DEFAULT_LANGUAGE, Framework

SURE, MAYBE = 0.86, 0.6
STAGE_SAMPLE_ROWS = 2000
SYNONYMS: dict[str, tuple[str, ...]] = {
    "deal_id": (
        "opportunity id",
        "deal id",
        "record id",
        "id",
        "opportunity_id",
        "deal - id",
        "딜 id",
        "레코드 id",
    ),
    "name": (
        "opportunity name",
        "deal name",
        "title",
        "deal - title",
        "딜 이름",
        "거래명",
        "딜명",
        "거래 이름",
    ),
    "company": (
        "account name",
        "account",
        "company",
        "associated company",
        "organization",
        "deal - organization",
        "회사",
        "회사명",
        "고객사",
    ),
    "amount": (
        "amount",
        "deal value",
        "value",
        "close_value",
        "deal - value",
        "금액",
        "거래 금액",
        "예상 금액",
    ),
    "currency": ("currency", "opportunity currency", "deal - currency", "통화"),
    "stage": ("stage", "deal stage", "deal_stage", "deal - stage", "단계", "딜 단계", "거래 단계"),
    "status": ("status", "deal - status", "상태"),
    "close_date": (
        "close date",
        "close_date",
        "expected close date",
        "deal - expected close date",
        "마감일",
        "예상 마감일",
        "종료일",
    ),
    "created_date": (
        "created date",
        "create date",
        "engage_date",
        "deal - deal created",
        "생성일",
        "등록일",
    ),
    "stage_since": (
        "last stage change date",
        "stage change date",
        "date entered stage",
        "단계 변경일",
    ),
    "owner": (
        "opportunity owner",
        "deal owner",
        "owner",
        "sales_agent",
        "deal - owner",
        "담당자",
        "영업 담당자",
    ),
    "next_step": ("next step", "next steps", "deal - next activity", "다음 단계", "다음 액션"),
}


def draft_mapping(
    path: str, frameworks: list[Framework], *, crm: str | None = None, encoding: str | None = None
) -> str:
    """A commented YAML mapping draft for the file at `path`.

    Raises:
        UsageError, InputError: When the file cannot be opened or read.
    """
    opened = open_input(path, encoding=encoding, delimiter=None)
    try:
        header = opened.header
        stage_column = _best("stage", header, crm)[0]
        stage_names = _stage_values(opened, header, stage_column)
    finally:
        opened.close()
    lines = [
        f"# dealcheck mapping drafted from {path} ({opened.encoding}).",
        "# Check every TODO, then: dealcheck score FILE --map THIS_FILE",
        f"frameworks: {json.dumps([fw.id for fw in frameworks])}",
    ]
    if crm:
        lines.append(f"crm: {crm}")
    lines.append("columns:")
    taken: set[str] = set()
    for role in ROLES:
        column, ratio = _best(role, header, crm)
        if column and ratio >= SURE and column not in taken:
            taken.add(column)
            lines.append(f"  {role}: {_q(column)}")
        elif column and ratio >= MAYBE and column not in taken:
            lines.append(f"  {role}: {_q(column)}  # TODO: guessed ({ratio:.0%} match); check")
        else:
            lines.append(f"  # {role}: TODO  # no column found")
    lines += _stages(stage_names, frameworks)
    lines += _criteria(header, frameworks, taken)
    return "\n".join(lines) + "\n"


def _best(role: str, header: list[str], crm: str | None) -> tuple[str | None, float]:
    if crm:
        preset = load_mapping(crm)[0]
        wanted = getattr(preset.columns, role)
        for column in header:
            if wanted and normalise_header(column) == normalise_header(wanted):
                return column, 1.0
    return _match(SYNONYMS[role], header)


def _match(names: tuple[str, ...] | list[str], header: list[str]) -> tuple[str | None, float]:
    best: tuple[str | None, float] = (None, 0.0)
    for column in header:
        key = normalise_header(column)
        for name in names:
            ratio = difflib.SequenceMatcher(None, key, normalise_header(name)).ratio()
            if ratio > best[1]:
                best = (column, ratio)
    return best


def _stage_values(opened: object, header: list[str], column: str | None) -> list[str]:
    if column is None:
        return []
    position = header.index(column)
    seen: Counter[str] = Counter()
    for _, cells, _problem in islice(getattr(opened, "rows"), STAGE_SAMPLE_ROWS):  # noqa: B009
        if cells and len(cells) > position and cells[position].strip():
            seen[cells[position].strip()] += 1
    return [name for name, _ in seen.most_common(30)]


def _stages(names: list[str], frameworks: list[Framework]) -> list[str]:
    staged = next((fw for fw in frameworks if fw.stages), None)
    if not names:
        return []
    lines = ["stages:  # CRM stage name -> framework stage id, or won / lost"]
    for name in names:
        found = staged.stage(name) if staged else None
        lowered = name.casefold()
        if found:
            lines.append(f"  {_q(name)}: {found.id}")
        elif "won" in lowered or any(w in name for w in ("성공", "성사", "수주")):
            lines.append(f"  {_q(name)}: won")
        elif "lost" in lowered or any(w in name for w in ("실패", "무산")):
            lines.append(f"  {_q(name)}: lost")
        else:
            ids = [s.id for s in staged.stages] if staged else []
            lines.append(f"  {_q(name)}: TODO  # one of: {', '.join([*ids, 'won', 'lost'])}")
    return lines


def _criteria(header: list[str], frameworks: list[Framework], taken: set[str]) -> list[str]:
    lines = ["criteria:  # framework -> criterion -> {column, kind: level | yes-no | text}"]
    for fw in frameworks:
        if not fw.criteria:
            continue
        lines.append(f"  {fw.id}:")
        start = len(lines)
        for criterion in fw.criteria:
            names = [criterion.id, criterion.id.replace("-", " ")]
            names += (
                list(criterion.name.root.values())
                if isinstance(criterion.name.root, dict)
                else [criterion.name.get(DEFAULT_LANGUAGE)]
            )
            column, ratio = _match(names, [h for h in header if h not in taken])
            if column and ratio >= MAYBE:
                note = "" if ratio >= SURE else f"  # TODO: guessed ({ratio:.0%} match)"
                lines.append(f"    {criterion.id}: {{column: {_q(column)}, kind: level}}{note}")
            else:
                lines.append(f"    # {criterion.id}: {{column: TODO, kind: level}}")
        if all(line.lstrip().startswith("#") for line in lines[start:]):
            lines[start - 1] += " {}  # no column matched; map them below"
    return lines


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)
