"""The published JSON Schema of the framework language."""

from __future__ import annotations

import json

from dealcheck import __version__
from dealcheck.language.framework import Framework

SCHEMA_ID = "https://dealcheck.dev/schema/framework.schema.json"


def framework_schema() -> dict[str, object]:
    """The JSON Schema (draft 2020-12) of a framework file."""
    schema = Framework.model_json_schema(by_alias=True, mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        **schema,
        "title": f"dealcheck framework (dealcheck {__version__})",
    }


def framework_schema_json() -> str:
    """The schema as indented JSON text."""
    return json.dumps(framework_schema(), indent=2, ensure_ascii=False)
