"""Shared AppTest helpers for the page tests."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[1]


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


def evidence_shown(at: AppTest) -> list[tuple[str, str]]:
    """The evidence sentences a page shows: (highlighted text, source line) each."""
    found = []
    for block in at.markdown:
        if ":small[:gray[" not in block.value:
            continue
        for sentence in block.value.split("\n\n"):
            text, _, source = sentence.partition("  \n")
            found.append((text, source))
    return found
