"""ui.charts.organisations: organisations by type and session, the most-mentioned actors and the frameworks
cited per session, as HTML."""

import re
from html import unescape

import pandas as pd
import pytest

import idm_data
from chart_cases import HOSTILE
from idm_data.views import actors
from ui.charts import organisations as charts
from ui.charts.html import BAR_SHARE
from ui.escape import html_text


@pytest.fixture(scope="module")
def tables():
    return idm_data.load()


@pytest.fixture(scope="module")
def names(tables):
    return charts.session_names(tables["sessions"])


def rows(html: str) -> list[str]:
    return [unescape(r) for r in re.findall(r'<th scope="row" title="[^"]*">([^<]*)</th>', html)]


def widths(html: str) -> list[float]:
    return [float(w) for w in re.findall(r'class="idm-bar" style="width:([\d.]+)%', html)]


def sessions(n: int, name: str = "Session") -> pd.DataFrame:
    return pd.DataFrame({"session_id": [f"idm-{2001 + i}-1" for i in range(n)],
                         "session_name": [name if i % 2 else "" for i in range(n)]})


def cited(n_sessions: int, n_frameworks: int, label: str = "Framework") -> pd.DataFrame:
    return pd.DataFrame([{"framework_id": f"f{f}", "framework_label": f"{label} {f}", "name": f"{label} {f} in full",
                          "session_id": f"idm-{2001 + s}-1", "n_mentions": 1 + (s + f) % 5, "n_sentences": 1,
                          "n_documents": 1} for s in range(n_sessions) for f in range(n_frameworks)])


def test_session_names_are_distinct_and_fall_back_to_the_id():
    named = charts.session_names(sessions(4, name="Same name"))
    assert named == {"idm-2001-1": "idm-2001-1", "idm-2002-1": "Same name", "idm-2003-1": "idm-2003-1",
                     "idm-2004-1": "Same name #2"}


def test_organisations_by_type_stack_to_each_sessions_total(tables, names):
    by_type = actors.organisations_by_type_session(tables)
    html = charts.by_type_html(by_type, names)
    assert rows(html) == [names[s] for s in sorted(set(by_type["session_id"]))]
    assert len(widths(html)) == len(by_type)  # a segment per type and session
    totals = by_type.groupby("session_id")["n_organisations"].sum()
    written = [int(v) for v in re.findall(r'<span class="idm-bar-value">(\d+)</span>', html)]
    assert written == [int(totals[s]) for s in sorted(totals.index)]
    assert max(sum(widths(row)) for row in html.split("<tr>")[1:]) == pytest.approx(BAR_SHARE, abs=0.2)


def test_top_actors_are_bars_most_mentioned_first(tables):
    leaders = actors.top_actors(tables, 15)
    html = charts.top_actors_html(leaders)
    assert rows(html) == leaders["actor_label"].tolist()
    assert widths(html) == sorted(widths(html), reverse=True) and widths(html)[0] == BAR_SHARE


def test_frameworks_most_cited_first(tables, names):
    by_session = actors.frameworks_by_session(tables)
    html = charts.frameworks_html(by_session, names)
    totals = by_session.groupby("framework_label")["n_mentions"].sum()
    assert rows(html)[0] == totals.idxmax() == "Global Compact for Migration"
    assert html.count('class="idm-bubble"') == len(by_session)


@pytest.mark.parametrize("n_sessions", [1, 3, 12, 24])
def test_framework_columns_stay_in_bounds_and_numbers_only_where_they_fit(n_sessions):
    html = charts.frameworks_html(cited(n_sessions, 4), {f"idm-{2001 + s}-1": f"S{s}" for s in range(n_sessions)})
    html = html.split("</style>", 1)[1]
    width = int(re.search(r"--cell: (\d+)px", html)[1])
    assert charts.MIN_COLUMN_PX <= width <= charts.MAX_COLUMN_PX
    assert ("idm-bubble-value" in html) == (width >= charts.NUMBERS_FROM_PX)
    sizes = [int(w) for w in re.findall(r'class="idm-bubble" style="width:(\d+)px', html)]
    assert max(sizes) <= min(width, charts.ROW_PX) - 4  # a bubble stays inside its cell
    assert ("idm-upright" in html) == (width < charts.WRAP_FROM_PX)


@pytest.mark.parametrize("name", HOSTILE)
def test_stored_names_are_escaped(name):
    named = {f"idm-{2001 + s}-1": f"{name} {s}" for s in range(2)}
    by_type = pd.DataFrame({"org_type": "ngo", "org_type_label": "NGO", "session_id": list(named),
                            "n_organisations": [1, 2], "n_mentions": [1, 3], "org_ids": "x"})
    leaders = pd.DataFrame({"actor_id": ["a"], "actor_name": [name], "actor_label": [name], "actor_type": ["NGO"],
                            "n_mentions": [2], "n_documents": [1], "sessions": ["idm-2001-1"]})
    for html in (charts.by_type_html(by_type, named), charts.top_actors_html(leaders),
                 charts.frameworks_html(cited(2, 2, label=name), named)):
        body = html.split("</style>", 1)[1]
        assert "<img" not in body and "<script" not in body and "<b>" not in body and html_text(name) in body
