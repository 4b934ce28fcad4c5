"""Safe HTML building: every plain `str` is escaped; only `Markup` passes through.

The reports are built in code rather than templates, so escaping is structural: `el`
escapes every child that is not `Markup` and every attribute value, and `Markup` is
only ever made here, from already-escaped parts. There is no way to put user text
into the page without going through `html.escape`.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from urllib.parse import urlsplit

_NAME = re.compile(r"[a-zA-Z][a-zA-Z0-9-]*")
_URL = re.compile(r"https?://[^\s<>\"'`]+", re.IGNORECASE)
_VOID = frozenset({"meta", "br", "hr", "img", "link", "col"})


class Markup(str):
    """Text that is already safe HTML. Made only by this module's functions."""

    __slots__ = ()


Child = Markup | str | int | float | None
AttrValue = str | int | float | bool | None


def esc(text: object) -> Markup:
    """Escape any value for use as HTML text or a quoted attribute value."""
    if isinstance(text, Markup):
        return text
    return Markup(html.escape(str(text), quote=True))


def join(parts: Iterable[Child]) -> Markup:
    """Concatenate children, escaping the ones that are not `Markup`."""
    return Markup("".join(_child(p) for p in parts))


def el(tag: str, attrs: dict[str, AttrValue] | None = None, *children: Child) -> Markup:
    """One element: `el("p", {"class": "x"}, "text", other_markup)`.

    Attribute names must be plain lowercase names (data-*, aria-* included); values
    are escaped; `True` writes a bare attribute and `None`/`False` drops it. `href`
    and `src` accept only http(s) URLs or in-page `#fragments`.
    """
    if not _NAME.fullmatch(tag):
        raise ValueError(f"bad tag name {tag!r}")
    rendered = [f"<{tag}"]
    for name, value in (attrs or {}).items():
        if not _NAME.fullmatch(name) or name.lower().startswith("on"):
            raise ValueError(f"attribute {name!r} is not allowed")
        if value is None or value is False:
            continue
        if value is True:
            rendered.append(f" {name}")
            continue
        text = _number(value) if isinstance(value, int | float) else str(value)
        if name in ("href", "src") and not (text.startswith("#") or safe_url(text)):
            raise ValueError(f"{name}={text!r}: only http(s) links are allowed")
        rendered.append(f' {name}="{esc(text)}"')
    rendered.append(">")
    if tag in _VOID:
        return Markup("".join(rendered))
    return Markup("".join(rendered) + join(children) + f"</{tag}>")


def safe_url(url: str) -> str | None:
    """The URL when it is an absolute http(s) link with a host, else None."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return url.strip()


def linkify(text: str) -> Markup:
    """Escaped text in which http(s) URLs become links; nothing else ever does."""
    out: list[Markup] = []
    last = 0
    for match in _URL.finditer(text):
        url = match.group(0).rstrip(".,;:!?)")
        end = match.start() + len(url)
        out.append(esc(text[last : match.start()]))
        if safe_url(url):
            out.append(el("a", {"href": url, "rel": "noopener noreferrer nofollow"}, url))
        else:
            out.append(esc(url))
        last = end
    out.append(esc(text[last:]))
    return join(out)


def _child(part: Child) -> str:
    if part is None:
        return ""
    if isinstance(part, Markup):
        return part
    if isinstance(part, int | float):
        return _number(part)
    return html.escape(part, quote=True)


def _number(value: float) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int):
        return str(value)
    shown = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if shown in ("", "-0") else shown
