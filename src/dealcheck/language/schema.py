"""Build the published JSON Schema of the framework language from the pydantic models.

The result is committed as `schema/framework.schema.json` and ships in the wheel (see
`schema_file`); a test keeps the two equal. Regenerate it with
`python -m dealcheck.language.schema > schema/framework.schema.json`.

One schema covers both kinds of file: a complete framework (every required key, every
criterion whole) and one that `extends` another, where every key is optional and an
item of `criteria`, `stages` or `red_flags` needs only its `id` (it overrides the
inherited item of that id, or adds a new one that `framework validate` checks whole).
"""

from __future__ import annotations

import copy
import json
from typing import Any

from dealcheck import __version__
from dealcheck.language.framework import Framework

SCHEMA_ID = "https://dealcheck.dev/schema/framework.schema.json"
# Lists that `extends` merges by id, and the model of their items.
MERGED_BY_ID = {"criteria": "Criterion", "stages": "Stage", "red_flags": "RedFlag"}


def framework_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a framework file, complete or extending."""
    model = Framework.model_json_schema(by_alias=True, mode="validation")
    defs: dict[str, Any] = model.pop("$defs")
    required = model.pop("required")
    properties = copy.deepcopy(model["properties"])
    for key, item in MERGED_BY_ID.items():
        defs[f"{item}Override"] = {
            **copy.deepcopy(defs[item]),
            "required": ["id"],
            "description": f"With `extends`: the inherited {key} item with this id, changed "
            "only where a key is given; or a new item, which needs every key of "
            f"{item} (`dealcheck framework validate` checks it).",
        }
        properties[key] = {**properties[key], "items": {"$ref": f"#/$defs/{item}Override"}}
    complete = {
        "required": required,
        "properties": {
            key: {"items": {"$ref": f"#/$defs/{item}"}} for key, item in MERGED_BY_ID.items()
        },
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": f"dealcheck framework (dealcheck {__version__})",
        "description": model["description"],
        "type": "object",
        "additionalProperties": False,
        "properties": properties,
        # Without `extends` a file is the whole framework: every required key, whole items.
        "if": {"required": ["extends"], "properties": {"extends": {"type": "string"}}},
        "else": complete,
        "$defs": defs,
    }


def framework_schema_json() -> str:
    """The schema as indented JSON text, ending with a newline."""
    return json.dumps(framework_schema(), indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    print(framework_schema_json(), end="")
