"""The one escaping rule: every stored or visitor-supplied string (session ids, titles,
venues, speakers, discovered names, file names, sentences, queries) is escaped here
before it reaches Markdown, HTML or a Plotly label.

Markdown: HTML-escaped, then every Markdown special character backslashed, so no link,
image, emphasis or heading can be formed; bare URLs and addresses get an invisible word
joiner, as Streamlit links them after the backslashes are gone (a URL copied from the
page then carries that invisible character: the price of never being a link). HTML: `html.escape` with quotes (safe in text
and in attribute values). Plotly: Plotly renders a subset of HTML (<a>, <b>, <br>, <span
style>…) in titles, tick labels, text and hover data, and decodes entities, so labels are
HTML-escaped too. Highlighting wraps spans of escaped text in <mark>.
"""

from __future__ import annotations

import html
import json
import re

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~>$:@])")
# Streamlit links bare URLs and e-mail addresses found in the rendered text (remark-gfm's autolink
# literals), where a backslash no longer stands: an invisible word joiner inside "://", after "www" and
# after "@" leaves none to find.
_AUTOLINK = re.compile(r"(?<=:)(?=//)|(?<=www)(?=\.)|(?<=@)", re.I)  # any "www": remark links "_www.x" too
WORD_JOINER = "\u2060"


def html_text(text: object) -> str:
    """Text for HTML: in an element or an attribute value."""
    return html.escape(str(text), quote=True)


def pick_attribute(value: dict) -> str:
    """The `data-pick` attribute of a mark that reports a click to the page (`ui.clickable`): `value` as
    JSON, escaped for an attribute."""
    return f'data-pick="{html_text(json.dumps(value))}"'


def markdown_text(text: object) -> str:
    """Text for Markdown (st.markdown, captions, info boxes, headers): nothing in it is markup."""
    unlinked = _AUTOLINK.sub(WORD_JOINER, str(text))
    return _MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(unlinked, quote=False))


def plotly_text(text: object) -> str:
    """Text for a Plotly title, tick label, trace name, text or hover value."""
    return html.escape(str(text), quote=False)


def _highlight(text: str, spans: list[tuple[int, int]], escape) -> str:
    out, pos = [], 0
    for start, end in sorted(spans):
        if start < pos:
            continue
        out += [escape(text[pos:start]), "<mark>", escape(text[start:end]), "</mark>"]
        pos = end
    out.append(escape(text[pos:]))
    return "".join(out)


def highlight_markdown(text: str, spans: list[tuple[int, int]]) -> str:
    """Escaped text with each span wrapped in <mark>, for Markdown (unsafe_allow_html)."""
    return _highlight(text, spans, markdown_text)


def highlight_html(text: str, spans: list[tuple[int, int]]) -> str:
    """Escaped text with each span wrapped in <mark>, for HTML."""
    return _highlight(text, spans, lambda part: html.escape(part, quote=False))
