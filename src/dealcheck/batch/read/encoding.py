"""Recognise how a CRM export was saved: its encoding, or an Excel workbook instead of text."""

from __future__ import annotations

import codecs
import unicodedata

from dealcheck.errors import InputError, say

#: Tried in this order. cp949 (not euc-kr, which rejects valid Hangul syllables Excel
#: writes) comes before cp1252 because cp1252 decodes almost any byte string.
CANDIDATES = ("utf-8", "cp949", "cp1252")
_UTF16_PROBE = 1024
_XLSX = b"PK\x03\x04"
_XLS = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def refuse_workbook(head: bytes, name: str) -> None:
    """Raise a helpful error when the bytes are an Excel workbook, not text.

    Raises:
        InputError: For .xlsx (zip) and .xls (OLE) signatures.
    """
    kind = ".xlsx" if head.startswith(_XLSX) else ".xls" if head.startswith(_XLS) else None
    if kind:
        raise InputError(say("read.workbook", name=name, kind=kind))


def bom_encoding(head: bytes) -> tuple[str, int] | None:
    """The encoding a byte-order mark announces, and the BOM's length."""
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8", 3
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return ("utf-16-le" if head.startswith(codecs.BOM_UTF16_LE) else "utf-16-be"), 2
    return None


def detect_encoding(sample: bytes, name: str, *, complete: bool) -> str:
    """Pick the first candidate encoding that decodes `sample` plausibly.

    Args:
        sample: The first bytes of the file (after any BOM), or all of it.
        name: The file name, for the error message.
        complete: Whether `sample` is the whole file (else a cut multi-byte character
            at the end is forgiven).

    Raises:
        InputError: When no candidate fits, with the `--encoding` hint.
    """
    wide = utf16_without_bom(sample)
    if wide:
        return wide
    for encoding in CANDIDATES:
        decoder = codecs.getincrementaldecoder(encoding)()
        try:
            text = decoder.decode(sample, final=complete)
        except UnicodeDecodeError:
            continue
        if encoding == "cp949" and not _looks_korean(text):
            continue
        if encoding == "cp1252" and _has_controls(text):
            continue
        return encoding
    raise InputError(say("read.encoding_unknown", name=name))


def utf16_without_bom(sample: bytes) -> str | None:
    """`utf-16-le` or `utf-16-be` when the sample is UTF-16 whose BOM was stripped.

    Such a file also decodes as UTF-8, into text full of NUL characters. In a CRM
    export the delimiters, digits and line breaks are ASCII, so UTF-16 puts a NUL byte
    beside most of them, always at the same parity; text in any 8-bit encoding has
    (almost) no NUL bytes at all.
    """
    head = sample[:_UTF16_PROBE]
    odd, even = head[1::2].count(0), head[0::2].count(0)
    pairs = len(head) // 2
    if pairs < 2:
        return None
    for encoding, nul, other in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if nul * 4 >= pairs and other * 8 <= nul and _decodes(head[: pairs * 2], encoding):
            return encoding
    return None


def _decodes(sample: bytes, encoding: str) -> bool:
    decoder = codecs.getincrementaldecoder(encoding)()
    try:
        decoder.decode(sample, final=False)  # forgives a surrogate pair cut at the end
    except UnicodeDecodeError:
        return False
    return True


def _looks_korean(text: str) -> bool:
    """CP949 also decodes many Latin-1 byte pairs; accept it only when Hangul dominates."""
    wide = [c for c in text if ord(c) > 0x7F]
    if not wide:
        return True
    hangul = sum(1 for c in wide if "\uac00" <= c <= "\ud7a3" or "\u3131" <= c <= "\u318e")
    return hangul * 2 >= len(wide)


def _has_controls(text: str) -> bool:
    return any(unicodedata.category(c) == "Cc" and c not in "\t\r\n" for c in text[:65536])
