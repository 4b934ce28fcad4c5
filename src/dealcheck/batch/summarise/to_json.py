"""The pipeline summary as JSON, for a team's own dashboard (`--format json`).

Ids, not translated names: stages, criteria, flags, recommendations and forecast
categories are the ids of the frameworks and of this module's categories, and
`labels` maps them to names in the run's language. Amounts are objects keyed by
currency code ("" when the export has none), never summed across currencies.
Bump `SCHEMA_VERSION` on any change a consumer could trip over.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import Any

from dealcheck.batch.summarise.model import PipelineSummary

SCHEMA_VERSION = 2


def summary_to_json(summary: PipelineSummary) -> dict[str, Any]:
    """The summary as JSON-ready data, with `schema_version` first."""
    data = asdict(summary)
    data["coverage"] = [
        {**row, "ratio": None if c.ratio is None else round(c.ratio, 3)}
        for row, c in zip(data["coverage"], summary.coverage, strict=True)
    ]
    # The reason is there in English; its message is for the reader's language.
    data["reject_examples"] = [
        {k: v for k, v in row.items() if k != "message"} for row in data["reject_examples"]
    ]
    return {"schema_version": SCHEMA_VERSION, **_plain(data)}


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    return value
