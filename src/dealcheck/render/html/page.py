"""The page shell shared by the HTML reports: CSP, fonts that render Hangul, print CSS.

A report is one offline file: no scripts, no external fonts, styles or images. The
Content-Security-Policy says so to the browser too, so a report that somehow carried
a script or an external image would have it refused rather than run or fetched.
"""

from __future__ import annotations

import re

from dealcheck.render.html.markup import Markup, el, join

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"

# Hangul-capable faces first on each platform, then the generic family.
FONTS = (
    'system-ui, -apple-system, "Segoe UI", "Apple SD Gothic Neo", "Malgun Gothic", '
    '"Noto Sans KR", "Noto Sans CJK KR", "NanumGothic", sans-serif'
)

HANGUL = re.compile("[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]")
# A page stays small by using the system's Hangul font rather than embedding one. Where
# none is installed, Hangul shows as boxes, so this note is in English: the one text the
# reader of such a page can still read.
FONT_NOTE = (
    "Korean text on this page uses the computer's Hangul font (Apple SD Gothic Neo, "
    "Malgun Gothic, Noto Sans KR or NanumGothic). If it shows as empty boxes, install one: "
    "on Linux, the fonts-nanum or fonts-noto-cjk package."
)

CSS = f"""
:root {{ --ink: #1f2933; --muted: #616e7c; --line: #d9e2ec; --paper: #fff;
  --advance: #1f7a4d; --dig-deeper: #b7791f; --disqualify: #c53030; --accent: #2b6cb0;
  --not-now: #52606d; }}
* {{ box-sizing: border-box; }}
body {{ font-family: {FONTS}; color: var(--ink); background: var(--paper); margin: 0;
  line-height: 1.45; font-size: 15px; }}
main {{ max-width: 1040px; margin: 0 auto; padding: 24px 28px 48px; }}
h1 {{ font-size: 1.5rem; margin: 0 0 4px; word-break: break-word; }}
h2 {{ font-size: 1.15rem; margin: 28px 0 8px; border-bottom: 1px solid var(--line);
  padding-bottom: 4px; }}
h3 {{ font-size: 1rem; margin: 16px 0 6px; }}
.muted {{ color: var(--muted); }}
.verdict {{ display: flex; flex-wrap: wrap; gap: 16px; align-items: center; margin: 16px 0;
  padding: 14px 18px; border: 2px solid var(--line); border-radius: 10px; }}
.verdict .score {{ font-size: 2.4rem; font-weight: 700; line-height: 1; }}
.verdict .recommendation {{ font-size: 1.3rem; font-weight: 700; text-transform: uppercase;
  letter-spacing: .03em; }}
.advance {{ color: var(--advance); }}
.dig-deeper {{ color: var(--dig-deeper); }}
.disqualify {{ color: var(--disqualify); }}
.not-now {{ color: var(--not-now); }}
.verdict.advance, .verdict.dig-deeper, .verdict.disqualify {{ color: var(--ink); }}
.verdict.advance {{ border-color: var(--advance); }}
.verdict.dig-deeper {{ border-color: var(--dig-deeper); }}
.verdict.disqualify {{ border-color: var(--disqualify); }}
.verdict.not-now {{ border-color: var(--not-now); color: var(--ink); }}
.grid {{ display: grid; grid-template-columns: repeat(auto-fit, minmax(420px, 1fr));
  gap: 16px; }}
figure {{ margin: 0; }}
figcaption {{ font-weight: 600; margin-bottom: 4px; }}
svg {{ max-width: 100%; height: auto; font-family: {FONTS}; }}
svg text {{ fill: var(--ink); font-size: 13px; }}
svg .axis, svg .ring {{ stroke: var(--line); fill: none; }}
svg .expected {{ fill: none; stroke: var(--muted); stroke-width: 2; stroke-dasharray: 6 4; }}
svg .actual {{ fill: rgba(43, 108, 176, .22); stroke: var(--accent); stroke-width: 2; }}
svg .point {{ fill: var(--accent); }}
svg .bar {{ fill: var(--accent); }}
svg .bar.advance {{ fill: var(--advance); }}
svg .bar.dig-deeper {{ fill: var(--dig-deeper); }}
svg .bar.disqualify {{ fill: var(--disqualify); }}
svg .bar.not-now {{ fill: var(--not-now); }}
svg .history {{ fill: none; stroke: var(--accent); stroke-width: 2; }}
svg .guide {{ stroke: var(--line); stroke-dasharray: 3 3; }}
table {{ border-collapse: collapse; width: 100%; margin: 6px 0 12px; }}
th, td {{ text-align: left; padding: 5px 8px; border-bottom: 1px solid var(--line);
  vertical-align: top; overflow-wrap: break-word; }}
th {{ font-weight: 600; color: var(--muted); font-size: .85rem; }}
td.num, th.num {{ text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }}
.grid.small {{ grid-template-columns: repeat(auto-fit, minmax(300px, 1fr)); }}
.scroll {{ overflow-x: auto; }}
table.heat td {{ text-align: center; width: 2.2em; }}
table.heat td.gap {{ background: #fde2e1; color: var(--disqualify); }}
table.heat td.met {{ background: #e3f9e5; color: var(--advance); }}
table.heat th.deal {{ font-size: .75rem; max-width: 9em; overflow-wrap: anywhere; }}
.note, .lead {{ margin: 4px 0; }}
svg .bar.commit {{ fill: var(--advance); }}
svg .bar.omitted {{ fill: var(--disqualify); }}
ul, ol {{ padding-left: 1.3rem; }}
.flag {{ color: var(--disqualify); font-weight: 600; }}
.tag {{ display: inline-block; padding: 0 6px; border-radius: 4px; font-size: .8rem;
  border: 1px solid currentColor; }}
.up {{ color: var(--advance); }} .down {{ color: var(--disqualify); }}
footer {{ margin-top: 32px; font-size: .8rem; color: var(--muted); }}
.font-note {{ max-width: 1040px; margin: 0 auto; padding: 0 28px 24px; font-size: .75rem;
  color: var(--muted); }}
@media print {{
  @page {{ margin: 14mm; }}
  body {{ font-size: 11pt; }}
  main {{ max-width: none; padding: 0; }}
  section, figure, table, .verdict {{ break-inside: avoid; }}
  h2 {{ break-after: avoid; }}
  a {{ color: inherit; text-decoration: none; }}
  * {{ -webkit-print-color-adjust: exact; print-color-adjust: exact; }}
}}
"""


def page(title: str, lang: str, body: Markup) -> str:
    """A complete, self-contained HTML document."""
    head = join(
        [
            el("meta", {"charset": "utf-8"}),
            el("meta", {"http-equiv": "Content-Security-Policy", "content": CSP}),
            el("meta", {"name": "viewport", "content": "width=device-width, initial-scale=1"}),
            el("meta", {"name": "referrer", "content": "no-referrer"}),
            el("meta", {"name": "generator", "content": "dealcheck"}),
            el("title", None, title),
            el("style", None, Markup(CSS)),
        ]
    )
    note = (
        el("p", {"class": "font-note", "lang": "en", "id": "font-note"}, FONT_NOTE)
        if HANGUL.search(str(body))
        else None
    )
    document = el("html", {"lang": lang}, el("head", None, head), el("body", None, body, note))
    return "<!DOCTYPE html>\n" + document + "\n"
