"""Every shared link renders: each page over single-session filters (issue 10).

The full sweep runs every page over every session × theme and every
session × document type (every page × every link, a few minutes): it is marked
`sweep`, runs in `python -m pytest` (CI) and `-m sweep`, and is left out by
a `-m` expression that does not name it (the fast tier, `-m "not browser"`;
see tests/conftest.py). Two covers of the same links stand between: links
chosen so that every (table, empty or not) state that any link produces is
produced by one of them (fast tier), and every pair of such states (`slow`).
"""

from __future__ import annotations

import itertools

import pytest

from apptest_helpers import ROOT, run_page

import idm_data
from idm_data.resources import CORPUS_DIR
from idm_data.views import filters as f

PAGES = sorted(p.stem for p in (ROOT / "app_pages").glob("*.py"))
_TABLES = idm_data.load(CORPUS_DIR)


def single_links(tables) -> list[f.Filters]:
    """Every single session × single theme, and every session × document type."""
    sessions = sorted(s for s in tables["sessions"]["session_id"] if s)
    themes = list(tables["themes"]["theme_id"])
    doc_types = sorted(t for t in set(tables["documents"]["doc_type"]) if t)
    return ([f.Filters((s,), (t,), ()) for s in sessions for t in themes]
            + [f.Filters((s,), (), (d,)) for s in sessions for d in doc_types])


def cover(views: dict[f.Filters, dict], size: int) -> list[f.Filters]:
    """A few links that between them produce every combination of `size` table states
    (a table empty or not) that any link produces (greedy set cover)."""
    def combinations(view):
        states = sorted((name, frame.empty) for name, frame in view.items())
        return set(itertools.combinations(states, size))

    links = list(views)
    wanted = {link: combinations(view) for link, view in views.items()}
    missing, chosen = set().union(*wanted.values()), []
    while missing:
        best = max(links, key=lambda link: len(wanted[link] & missing))
        chosen.append(best)
        missing -= wanted[best]
    return chosen


def params(link: f.Filters) -> dict:
    return {"session": list(link.sessions), "theme": list(link.themes), "doc_type": list(link.doc_types)}


def link_id(link: f.Filters) -> str:
    return "&".join(f"{key}={values[0]}" for key, values in params(link).items() if values)


ALL_LINKS = single_links(_TABLES)
_VIEWS = {link: f.apply(_TABLES, link) for link in ALL_LINKS}
STATES = cover(_VIEWS, 1)  # every table empty and not, as any link makes it
PAIRS = cover(_VIEWS, 2)  # every pair of those states


def test_the_links_are_every_session_with_every_theme_and_document_type():
    assert len(ALL_LINKS) == 3 * len(_TABLES["themes"]) + 3 * 2
    assert f.Filters(("idm-2018-1",), ("gcm-23",), ()) in ALL_LINKS  # the link that crashed the takeaways page


def test_every_filtered_table_keeps_its_columns():
    """An empty view has the columns of the full table, so nothing built on it loses a key."""
    for link, view in _VIEWS.items():
        for name, frame in view.items():
            assert list(frame.columns) == list(_TABLES[name].columns), (link_id(link), name)


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("link", STATES, ids=link_id)
def test_page_renders_links_that_empty_and_fill_every_table(page, link):
    run_page(str(ROOT / "app_pages" / f"{page}.py"), **params(link))


@pytest.mark.slow
@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("link", PAIRS, ids=link_id)
def test_page_renders_a_pairwise_cover_of_the_links(page, link):
    run_page(str(ROOT / "app_pages" / f"{page}.py"), **params(link))


@pytest.mark.sweep
@pytest.mark.parametrize("page", PAGES)
def test_page_renders_every_single_session_link(page):
    failed = []
    for link in ALL_LINKS:
        try:
            run_page(str(ROOT / "app_pages" / f"{page}.py"), **params(link))
        except AssertionError as exc:
            failed.append(f"{link_id(link)}: {str(exc)[:300]}")
    assert not failed, f"{len(failed)} of {len(ALL_LINKS)} links fail on {page}:\n" + "\n".join(failed[:10])
