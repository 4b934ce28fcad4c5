"""How a mapping's column names meet an export's headers: spelled alike, they match."""

from __future__ import annotations

import re
import unicodedata

_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_SPACES = re.compile(r"\s+")


def normalise_header(text: str) -> str:
    """How a column name is compared: NFKC, no zero-width characters, spaces collapsed, casefolded."""
    text = _ZERO_WIDTH.sub("", unicodedata.normalize("NFKC", text))
    return _SPACES.sub(" ", text).strip().casefold()
