from __future__ import annotations

import pytest

from dealcheck.render.html.markup import Markup, el, esc, join, linkify, safe_url


def test_plain_strings_are_always_escaped() -> None:
    assert el("p", None, "<b>&'\"") == "<p>&lt;b&gt;&amp;&#x27;&quot;</p>"
    assert el("p", None, Markup("<b>ok</b>")) == "<p><b>ok</b></p>"
    assert join(["<", Markup("<br>"), 1, 2.5, None]) == "&lt;<br>12.5"
    assert esc(esc("<")) == "&lt;"  # never double-escaped


def test_attributes_are_escaped_and_checked() -> None:
    assert el("td", {"title": '"><script>', "hidden": True, "x": None}) == (
        '<td title="&quot;&gt;&lt;script&gt;" hidden></td>'
    )
    for name in ("onclick", "onLoad", "on-x", "a b", 'x"'):
        with pytest.raises(ValueError, match="not allowed"):
            el("p", {name: "1"})
    with pytest.raises(ValueError, match="bad tag"):
        el("p onclick=x", None)


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        "data:text/html,x",
        "//evil.example",
        "vbscript:x",
    ],
)
def test_only_http_links(url: str) -> None:
    assert safe_url(url) is None
    with pytest.raises(ValueError, match="only http"):
        el("a", {"href": url}, "x")


def test_linkify_makes_only_http_links() -> None:
    html = linkify("see https://a.example/x?y=1&z=2, javascript:alert(1) and <b>")
    assert html == (
        'see <a href="https://a.example/x?y=1&amp;z=2" rel="noopener noreferrer nofollow">'
        "https://a.example/x?y=1&amp;z=2</a>, javascript:alert(1) and &lt;b&gt;"
    )
    assert linkify("http://") == "http://"
