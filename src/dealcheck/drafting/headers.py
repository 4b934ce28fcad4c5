"""How `map init` compares a column header with a name it knows.

Two spellings of one field should compare equal: `StageName`, `Stage Name` and
`STAGENAME`; `Champion__c`, `MEDDPICC - Champion` and `Champion (Y/N)`; `챔피언` and the
framework's `챔피언(내부 지지자)`. A header is reduced to a key: accents, case, CRM
suffixes, parenthetical glosses, leading framework or record-type prefixes and every
space and punctuation mark removed. Equal keys are a sure match; anything looser is only
ever offered as a candidate.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

_SUFFIX = re.compile(r"__[cr]$", re.IGNORECASE)
_GLOSS = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
_WORDS = re.compile(r"[^\W_]+")
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
#: Leading words that only say which record or framework a field belongs to.
PREFIXES = frozenset({"deal", "opportunity", "meddpicc", "meddic", "meddicc", "bant", "hs"})
#: Words too common in headers to suggest a candidate by themselves.
_GENERIC = frozenset(
    {"value", "date", "name", "status", "type", "number", "code", "owner", "next", "step", "time"}
    | {"known", "identified", "confirmed", "total", "custom", "field"}
)
#: Trailing words that only say how the field is answered.
_ANSWER_WORDS = (("y", "n"), ("yes", "no"), ("yn",))


def words(text: str, prefixes: Iterable[str] = PREFIXES) -> list[str]:
    """The words of a header that carry its meaning, lower-cased and without accents."""
    text = text.strip()
    if "__" in text:
        text = _SUFFIX.sub("", text)
    if "(" in text or "[" in text:
        text = _GLOSS.sub(" ", text)
    if not text.islower():
        text = _CAMEL.sub(" ", text)
    if not text.isascii():  # wide exports are mostly ASCII: skip the costly part
        text = unicodedata.normalize("NFKD", text)
        text = unicodedata.normalize(
            "NFC", "".join(c for c in text if not unicodedata.combining(c))
        )
    found = _WORDS.findall(text.casefold())
    known = prefixes if isinstance(prefixes, frozenset) else frozenset(prefixes)
    while len(found) > 1 and found[0] in known:
        found = found[1:]
    for tail in _ANSWER_WORDS:
        if len(found) > len(tail) and tuple(found[-len(tail) :]) == tail:
            found = found[: -len(tail)]
    return found


def header_key(text: str, prefixes: Iterable[str] = PREFIXES) -> str:
    """The key two headers compare equal by (see the module docstring)."""
    key = "".join(words(text, prefixes))
    return key or text.strip().casefold()


class NameIndex:
    """Known names (key -> what they name), and which header columns carry them."""

    def __init__(self, prefixes: Iterable[str] = PREFIXES) -> None:
        self.prefixes = frozenset(prefixes)
        self.targets: dict[str, set[str]] = {}
        self.tokens: dict[str, set[str]] = {}

    def add(self, name: str, target: str) -> None:
        """Teach that a header spelled like `name` carries `target`."""
        found = words(name, self.prefixes)
        key = "".join(found) or name.strip().casefold()
        self.targets.setdefault(key, set()).add(target)
        for word in found:
            if word not in _GENERIC and (len(word) > 2 or (len(word) == 2 and not word.isascii())):
                self.tokens.setdefault(word, set()).add(target)

    def sure_key(self, key: str) -> str | None:
        """The one target a header key (see `header_key`) names, if exactly one."""
        targets = self.targets.get(key)
        return next(iter(targets)) if targets and len(targets) == 1 else None

    def sure(self, header: str, found: list[str] | None = None) -> str | None:
        """The one target whose known name the header spells, if exactly one.

        `found` is the header's `words` when the caller has them already.
        """
        found = words(header, self.prefixes) if found is None else found
        targets = self.targets.get("".join(found) or header.strip().casefold())
        return next(iter(targets)) if targets and len(targets) == 1 else None

    def near(self, header: str, found: list[str] | None = None) -> set[str]:
        """Targets sharing a meaningful word with the header: candidates, never picks."""
        near: set[str] = set()
        for word in words(header, self.prefixes) if found is None else found:
            near |= self.tokens.get(word, set())
        return near
