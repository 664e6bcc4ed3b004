"""Shared AppTest helpers for the page tests."""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path

import pandas as pd
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]


def page_path(name: str) -> str:
    return str(ROOT / "app_pages" / f"{name}.py")


def run_page(page: str, timeout: int = 60, **params) -> AppTest:
    """Run a page with URL query parameters; it must not raise."""
    at = AppTest.from_file(page, default_timeout=timeout)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, at.exception
    return at


def html_tables(at: AppTest) -> list[pd.DataFrame]:
    """Every HTML table a page shows (ui.blocks.table_html), as the text a reader sees, headers as columns."""
    import lxml.html

    found = []
    for block in at.get("html"):
        if "<table" not in block.proto.body:
            continue
        for table in lxml.html.fromstring(f"<div>{block.proto.body}</div>").iter("table"):
            header = [cell.text_content() for cell in table.iter("th")]
            rows = [[cell.text_content() for cell in row.findall("td")] for row in table.iter("tr") if row.findall("td")]
            found.append(pd.DataFrame(rows, columns=header, dtype=object))
    return found


def as_shown(frame: pd.DataFrame) -> pd.DataFrame:
    """A frame as ui.blocks.table_html writes it with the Method page's formats: whole numbers as they
    are, other numbers to three decimals, missing values empty."""
    def cell(value, column):
        if value is None or value != value:
            return ""
        if pd.api.types.is_float_dtype(frame[column]):
            return f"{value:.3f}"
        return str(value)

    return pd.DataFrame({c: [cell(v, c) for v in frame[c]] for c in frame.columns}, dtype=object)


def url_values(at: AppTest, key: str) -> list[str]:
    """A query parameter as a list (AppTest gives one value as a string)."""
    value = at.query_params.get(key, [])
    return [value] if isinstance(value, str) else list(value)


EVIDENCE = re.compile(r'<p>(.*?)</p><p class="idm-source">(.*?)</p>', re.S)


def evidence_shown(at: AppTest) -> list[tuple[str, str]]:
    """The evidence sentences a page shows: (highlighted text, source line) each, as HTML."""
    return [found for block in at.get("html") if 'class="idm-evidence"' in block.proto.body
            for found in EVIDENCE.findall(block.proto.body)]


def page_text(at: AppTest) -> str:
    """Everything the page wrote as Markdown or HTML, one block per line."""
    return "\n".join([m.value for m in at.markdown] + [h.proto.body for h in at.get("html")])


def as_read(markdown: str) -> str:
    """What a reader sees of escaped Markdown source: backslash escapes and invisible word joiners removed."""
    return re.sub(r"\\(.)", r"\1", markdown).replace("\u2060", "")


# ---------------------------------------------------------------- what a page lets through as markup

_TEXT_KINDS = ("title", "header", "subheader", "markdown", "caption", "text", "success", "info", "warning", "error",
               "toast")
_WIDGET_KINDS = ("button", "download_button", "selectbox", "multiselect", "text_input", "toggle", "slider",
                 "date_input", "file_uploader", "checkbox", "radio", "expander", "tabs", "metric")
# the app draws its own SVG charts (checked inside like any HTML); foreignObject would carry HTML into one
_ACTIVE_TAGS = {"script", "img", "iframe", "object", "embed", "form", "link", "meta", "base", "foreignobject", "video",
                "audio", "image", "use"}
_PLOTLY_TAGS = re.compile(r"<\s*/?\s*(a|img|script|iframe)\b", re.I)


def _markdown_renderer():
    from markdown_it import MarkdownIt

    # GFM with autolinks, as Streamlit renders Markdown; raw HTML allowed (stricter than st.markdown's default)
    renderer = MarkdownIt("gfm-like", {"html": True, "linkify": True})
    renderer.linkify.set({"fuzzy_link": True, "fuzzy_email": True})
    return renderer


def html_problems(html: str) -> list[str]:
    """Links out, images, scripts and event handlers in an HTML fragment (the app's own
    relative links, e.g. `explorer?sentence=…`, are fine)."""
    import lxml.html

    if not html.strip():
        return []
    problems = []
    for element in lxml.html.fragment_fromstring(html, create_parent="div").iter():
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag.lower() in _ACTIVE_TAGS:
            problems.append(f"<{tag}>")
        for name, value in element.attrib.items():
            if name.lower().startswith("on"):
                problems.append(f"<{tag} {name}=…>")
            elif name.lower() in ("href", "src", "action") and re.match(r"\s*([a-z][a-z0-9+.-]*:|//)", value, re.I):
                problems.append(f"<{tag} {name}={value}>")
    return problems


# remark-gfm (Streamlit's Markdown) links these in the rendered text, after backslash escapes are gone
_BARE_LINK = re.compile(r"(?:https?://|www(?=\.))[-.\w]+|[-.\w+]+@[-\w]+(?:\.[-\w]+)+", re.I)


def bare_links(html: str) -> list[str]:
    """URLs and e-mail addresses in the text of rendered Markdown (outside links and code), which
    Streamlit would turn into links."""
    import lxml.html

    if not html.strip():
        return []
    found = []
    for element in lxml.html.fragment_fromstring(html, create_parent="div").iter():
        if not isinstance(element.tag, str) or any(a.tag in ("a", "code", "pre") for a in element.iterancestors()):
            continue
        texts = [] if element.tag in ("a", "code", "pre") else [element.text or ""]
        texts.append(element.tail or "")  # a tail belongs to the parent, already not a link or code
        found += [match for text in texts for match in _BARE_LINK.findall(text)]
    return found


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for item in value.values() for s in _strings(item)]
    if isinstance(value, list):
        return [s for item in value for s in _strings(item)]
    return []


def markup_leaks(at: AppTest) -> list[str]:
    """Every link out, image or script that the page's Markdown (rendered as GitHub-flavoured
    Markdown), HTML blocks, widget labels and Plotly figures would put in the browser."""
    import json

    renderer, leaks = _markdown_renderer(), []
    sources = [e.value for kind in _TEXT_KINDS for e in getattr(at, kind)]
    for kind in _WIDGET_KINDS:
        for widget in getattr(at, kind):
            sources += [getattr(widget, field, None) for field in ("label", "help")]
    for source in filter(None, sources):
        rendered = renderer.render(str(source))
        leaks += [f"Markdown {problem}: {source[:120]!r}" for problem in html_problems(rendered)]
        leaks += [f"Markdown bare link {link!r}: {source[:120]!r}" for link in bare_links(rendered)]
    for block in at.get("html"):
        leaks += [f"HTML {problem}" for problem in html_problems(block.proto.body)]
    for index, _ in enumerate(at.get("bidi_component")):  # the clickable charts (ui.clickable)
        leaks += [f"chart HTML {problem}" for problem in html_problems(clickable_html(at, index))]
    for chart in at.get("plotly_chart"):
        leaks += [f"Plotly label {text[:120]!r}" for text in _strings(json.loads(chart.proto.spec))
                  if _PLOTLY_TAGS.search(text)]
    return leaks


def clickable_html(at: AppTest, index: int = 0) -> str:
    """The HTML a page hands to its `index`-th clickable component (ui.clickable)."""
    return json.loads(at.get("bidi_component")[index].proto.json)["html"]


def picks(html: str) -> list[dict]:
    """What a click on each mark of clickable HTML would pick, in order."""
    return [json.loads(unescape(value)) for value in re.findall(r'data-pick="([^"]*)"', html)]


def click_pick(at: AppTest, key: str, **pick) -> AppTest:
    """A click on the mark of the clickable component `key` whose `data-pick` is `pick`, and the run it
    causes; then, as in a browser, the click is spent (a trigger lasts one run)."""
    at.session_state[key] = {"pick": pick}
    at.run()
    at.session_state[key] = {}
    return at
