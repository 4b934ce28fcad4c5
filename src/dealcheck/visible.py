"""The one neutraliser for text that reaches a terminal, a Markdown file or a CSV cell.

Text from deal files, CRM exports and frameworks may hold terminal escape sequences
(`ESC [2J`, OSC-8 links), other control characters, or bidirectional overrides
(U+202E) that make a line read differently from what it holds. None of them reaches
an output: control characters are made visible as their Unicode control pictures
(ESC becomes `␛`, so a sequence shows as harmless text), C1 controls become `�`, and
bidi embedding, override and isolate marks are removed. Tab, and line breaks where a
field may span lines, are kept.
"""

from __future__ import annotations

import re

#: Embedding, override and isolate marks: they reorder what is displayed.
BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"

_ONE_LINE = re.compile(f"[\x00-\x08\x0a-\x1f\x7f-\x9f{BIDI_CONTROLS}]")
_LINES = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f{BIDI_CONTROLS}]")


def _shown(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)  # ␀ … ␟: ESC shows as ␛
    if code == 0x7F:
        return "\u2421"  # ␡
    if code <= 0x9F:
        return "\ufffd"
    return ""  # a bidi control


def visible(text: str, *, lines: bool = False) -> str:
    """`text` without hidden controls; keeps tabs, and line breaks when `lines`."""
    pattern = _LINES if lines else _ONE_LINE
    if pattern.search(text) is None:
        return text
    return pattern.sub(_shown, text)


def has_hidden(text: str) -> bool:
    """Whether `visible(text, lines=True)` would change anything."""
    return _LINES.search(text) is not None
