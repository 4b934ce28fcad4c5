"""Parse generated HTML for the structural tests: elements, attributes, SVG trees."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from html.parser import HTMLParser

SVG = "{http://www.w3.org/2000/svg}"
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"
FORBIDDEN_TAGS = {"script", "iframe", "object", "embed", "img", "link", "base", "form", "frame"}


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    text: list[str] = field(default_factory=list)


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[Element] = []
        self.open: list[Element] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {k: v or "" for k, v in attrs})
        self.elements.append(element)
        if tag not in ("meta", "br", "hr", "img", "link", "col"):
            self.open.append(element)

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self.open) - 1, -1, -1):
            if self.open[index].tag == tag:
                del self.open[index:]
                break

    def handle_data(self, data: str) -> None:
        for element in self.open:
            element.text.append(data)


def elements(html: str) -> list[Element]:
    """Every element of the document, in order, with the text inside it."""
    parser = _Collect()
    parser.feed(html)
    parser.close()
    return parser.elements


def find(html: str, tag: str, **attrs: str) -> list[Element]:
    """Elements with this tag whose attributes include `attrs` (use class_ for class)."""
    wanted = {k.rstrip("_").replace("_", "-"): v for k, v in attrs.items()}
    return [
        e
        for e in elements(html)
        if e.tag == tag and all(e.attrs.get(k) == v for k, v in wanted.items())
    ]


def text_of(element: Element) -> str:
    return " ".join("".join(element.text).split())


def svgs(html: str, kind: str) -> list[ET.Element]:
    """The inline SVG charts of one kind (radar, history, bars), parsed as XML."""
    found = re.findall(r'<svg [^>]*class="chart ' + kind + r'".*?</svg>', html, re.S)
    return [ET.fromstring(chunk) for chunk in found]


def assert_safe(html: str) -> None:
    """No active content, no event handlers, no non-http(s) links, the CSP in place."""
    parsed = elements(html)
    tags = {e.tag for e in parsed}
    assert not tags & FORBIDDEN_TAGS, tags & FORBIDDEN_TAGS
    for element in parsed:
        for name, value in element.attrs.items():
            assert not name.startswith("on"), (element.tag, name)
            if name in ("href", "src", "xlink:href", "action", "formaction"):
                assert value.startswith(("https://", "http://", "#")), (name, value)
            assert "javascript:" not in value.lower() or name not in ("href", "src"), value
    metas = [e for e in parsed if e.tag == "meta" and e.attrs.get("http-equiv")]
    assert [m.attrs["content"] for m in metas] == [CSP]
    assert parsed[0].tag == "html"
    head = [e.tag for e in parsed[:8]]
    assert head[:3] == ["html", "head", "meta"] and "meta" in head[3:]  # CSP before content
    # No external resource: no URL in the styles, no element that could fetch one.
    styles = " ".join(text_of(e) for e in parsed if e.tag == "style")
    assert "@import" not in styles and "url(" not in styles and "http" not in styles
