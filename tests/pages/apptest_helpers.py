"""Shared AppTest helpers for the page tests."""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path

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
    """What a reader sees of escaped Markdown source: backslash escapes removed."""
    return re.sub(r"\\(.)", r"\1", markdown)


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
