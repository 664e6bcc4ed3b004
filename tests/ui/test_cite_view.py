""""Cite this view" in a page's sidebar: drawn once opened, naming the page, its filters,
today's date and the codebook version."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from streamlit.testing.v1 import AppTest

from idm_data.extract.themes import codebook_version

PAGES = Path(__file__).resolve().parents[2] / "app_pages"


def run(page: str, opened: bool, **params) -> AppTest:
    at = AppTest.from_file(str(PAGES / f"{page}.py"), default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    if opened:
        at.session_state["cite-view"] = True
    at.run()
    assert not at.exception, at.exception
    return at


def test_the_citation_waits_for_its_expander():
    at = run("organisations", opened=False)
    assert "Cite this view" in [e.label for e in at.sidebar.expander]
    assert not at.sidebar.code


def test_the_opened_citation_names_the_view_the_date_and_the_codebook():
    at = run("organisations", opened=True, session=["idm-2017-2"], theme=["gcm-23"])
    plain, bibtex = (code.value for code in at.sidebar.code)
    today = date.today()
    assert plain.startswith(f"IDM Atlas ({today.year}). Organisations and people — sessions: IDM 2017, second")
    assert "themes: GCM 23: " in plain and f"Theme codebook version {codebook_version()}." in plain
    assert plain.endswith(f"(accessed {today.day} {today:%B %Y}).")
    assert bibtex.startswith("@misc{idmatlas") and f"urldate = {{{today.isoformat()}}}" in bibtex
