"""What `map init` knows about CRM export layouts, and the name indexes built from it.

Each built-in CRM has a `<crm>.layout.yaml` beside its preset: the headers each column
role takes (API names and report labels in the UI languages the CRM ships), the columns
that say whether a deal is won, closed or how far along it is, the default stage names,
and the qualification fields teams commonly add. The frameworks in play add their own
criterion names and aliases, and stage names and aliases, in every language they declare.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from dealcheck.drafting.headers import PREFIXES, NameIndex
from dealcheck.language.framework import Framework
from dealcheck.language.validation import validate_located
from dealcheck.language.yamlfile import read_yaml
from dealcheck.mapping.loading import PRESETS_DIR
from dealcheck.mapping.model import LOST, WON

Signal = Literal["won", "closed", "order"]
#: Stage names that mean a closed deal in any CRM (English and Korean sales usage).
WON_NAMES = ("won", "closed won", "closed/won", "수주", "성사", "계약 성사")
LOST_NAMES = ("lost", "closed lost", "closed/lost", "실주", "실패", "무산")
#: Headers any CRM's export may use, beyond the built-in layouts (generic and Korean Excel).
GENERIC: dict[str, tuple[str, ...]] = {
    "deal_id": ("deal id", "opportunity_id", "record id", "딜 id", "거래 id", "레코드 id"),
    "name": ("deal name", "deal", "title", "딜 이름", "딜명", "거래명", "거래 이름", "건명"),
    "company": ("account", "company", "customer", "organization", "회사", "회사명", "고객사"),
    "amount": (
        "amount",
        "deal value",
        "value",
        "close_value",
        "deal size",
        "예상 금액",
        "거래 금액",
    ),
    "currency": ("currency", "currency code", "통화"),
    "stage": (
        "stage",
        "deal_stage",
        "pipeline stage",
        "sales stage",
        "단계",
        "딜 단계",
        "영업 단계",
    ),
    "status": ("status", "deal status", "상태"),
    "close_date": ("close date", "expected close date", "예상 마감일", "종료일", "계약 예정일"),
    "created_date": ("created date", "create date", "created", "engage_date", "등록일", "생성일"),
    "stage_since": ("stage change date", "date entered stage", "단계 변경일"),
    "owner": (
        "owner",
        "deal owner",
        "sales rep",
        "sales_agent",
        "담당자",
        "영업 담당자",
        "영업대표",
    ),
    "next_step": ("next step", "next steps", "다음 액션", "다음 할 일"),
    "forecast_category": ("forecast category", "forecastcategoryname", "포캐스트 분류"),
}


class Layout(BaseModel):
    """One CRM's export layouts, as map init knows them."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    crm: str = Field(description="The CRM these layouts come from.")
    columns: dict[str, list[str]] = Field(description="Column role -> headers it takes.")
    signals: dict[Signal, list[str]] = Field(
        default_factory=dict, description="won / closed / order -> headers carrying that signal."
    )
    stages: dict[str, str] = Field(
        default_factory=dict, description="Default stage names -> stage id, or won / lost."
    )
    criteria: dict[str, dict[str, list[str]]] = Field(
        default_factory=dict,
        description="Framework id -> criterion id -> headers of fields teams commonly add.",
    )


def load_layouts() -> list[Layout]:
    """The built-in layouts, sorted by CRM name."""
    paths = sorted(PRESETS_DIR.glob("*.layout.yaml"))
    return [
        validate_located(Layout, read_yaml(p, display_name=f"<preset>/{p.name}")) for p in paths
    ]


@dataclass
class Knowledge:
    """Name indexes for one draft: roles, signals, stages and criteria."""

    roles: NameIndex
    signals: NameIndex
    criteria: NameIndex
    stages: list[NameIndex] = field(default_factory=list)


def knowledge(frameworks: list[Framework], crm: str | None) -> Knowledge:
    """Indexes of every name the layouts and `frameworks` know.

    With `crm`, that CRM's stage names are consulted before the frameworks' and the
    other CRMs' (a stage index per level of trust; the first sure answer wins).
    """
    layouts = load_layouts()
    prefixes = PREFIXES | {fw.id for fw in frameworks}
    roles, signals, criteria = NameIndex(prefixes), NameIndex(prefixes), NameIndex(prefixes)
    for role, generic in GENERIC.items():
        for name in generic:
            roles.add(name, role)
    for layout in layouts:
        for role, headers in layout.columns.items():
            for name in headers:
                roles.add(name, role)
        for signal, headers in layout.signals.items():
            for name in headers:
                signals.add(name, signal)
        for fw_id, by_criterion in layout.criteria.items():
            for criterion_id, headers in by_criterion.items():
                for name in headers:
                    criteria.add(name, f"{fw_id}/{criterion_id}")
    for fw in frameworks:
        for criterion in fw.criteria:
            target = f"{fw.id}/{criterion.id}"
            texts = criterion.name.root
            names = [criterion.id, *criterion.aliases]
            names += list(texts.values()) if isinstance(texts, dict) else [texts]
            for name in names:
                criteria.add(name, target)
    own = [lay for lay in layouts if lay.crm == crm]
    others = [lay for lay in layouts if lay.crm != crm]
    stages = [_stage_index(own, frameworks)] if own else []
    stages.append(_stage_index([], frameworks))
    stages.append(_stage_index(others, frameworks))
    return Knowledge(roles, signals, criteria, stages)


def _stage_index(layouts: list[Layout], frameworks: list[Framework]) -> NameIndex:
    """Stage names -> stage id (or won / lost); without layouts, the frameworks' own names."""
    index = NameIndex(())
    staged = next((fw for fw in frameworks if fw.stages), None)
    known = {s.id for s in staged.stages} if staged else set()
    if not layouts and staged:
        for stage in staged.stages:
            texts = stage.name.root
            for name in [
                stage.id,
                *stage.aliases,
                *(texts.values() if isinstance(texts, dict) else [texts]),
            ]:
                index.add(name, stage.id)
        for name in WON_NAMES:
            index.add(name, WON)
        for name in LOST_NAMES:
            index.add(name, LOST)
    for layout in layouts:
        for name, target in layout.stages.items():
            if target in known or target in (WON, LOST):
                index.add(name, target)
    return index
