"""AppTest for app_pages/organisations.py: organisations by type, top actors, people,
frameworks, and the organisation picker."""

import re
from html import unescape
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from apptest_helpers import as_read, page_text, run_page

import idm_data
from idm_data.views import actors
from idm_data.views.filters import Filters, apply

PAGE = str(Path(__file__).resolve().parents[2] / "app_pages" / "organisations.py")
DEFAULT_TOP = 15


@pytest.fixture(scope="module")
def tables():
    return idm_data.load()


def run(**params) -> AppTest:
    return run_page(PAGE, **params)


def run_open(**params) -> AppTest:
    """The page with its organisation and people tables opened."""
    at = AppTest.from_file(PAGE, default_timeout=60)
    at.query_params.update(params)
    at.session_state["organisations-table"] = at.session_state["people-table"] = True
    at.run()
    assert not at.exception, at.exception
    return at


CHART_TITLE = re.compile(r'<p class="idm-chart-title">([^<]*)</p>')


def charts(at: AppTest) -> dict[str, str]:
    """Each HTML chart of the page, by its title."""
    blocks = [h.proto.body for h in at.get("html") if CHART_TITLE.search(h.proto.body)]
    return {unescape(CHART_TITLE.search(body)[1]): body for body in blocks}


def chart(at: AppTest, starts: str) -> str:
    [found] = [body for title, body in charts(at).items() if title.startswith(starts)]
    return found


def rows(body: str) -> list[str]:
    """The row labels of a chart, in order."""
    return [unescape(label) for label in re.findall(r'<th scope="row" title="[^"]*">([^<]*)</th>', body)]


def param(at: AppTest, key: str) -> list[str]:
    value = at.query_params.get(key, [])
    return [value] if isinstance(value, str) else list(value)


def n_actors(tables) -> int:
    return len(actors.organisation_summary(tables)) + len(actors.country_summary(tables))


def test_default_view(tables):
    at = run_open()
    assert len(charts(at)) == 3
    top = min(DEFAULT_TOP, n_actors(tables))
    assert at.slider[0].value == top
    leaders = chart(at, f"The {top} most-mentioned actors")
    assert rows(leaders) == actors.top_actors(tables, top)["actor_label"].tolist()
    orgs, people = at.dataframe[0].value, at.dataframe[1].value
    assert orgs["org_id"].tolist() == actors.organisation_summary(tables)["org_id"].tolist()
    assert people["person_id"].is_unique and len(people) == tables["people"]["person_id"].nunique()
    assert {"name", "title", "affiliation", "documents", "sessions", "n_mentions", "first_sentence_id"} <= set(people)
    assert at.selectbox[0].value == "" and "<mark>" not in page_text(at)
    per_session = actors.frameworks_per_session(tables)
    assert any(f"{per_session['n_frameworks'].iloc[0]} framework(s)" in c.value for c in at.caption)


def test_no_discovered_organisation_is_said(tables):
    at = run()
    if actors.organisation_summary(tables)["needs_review"].any():
        assert at.warning and "discovered" in at.warning[0].value
    else:
        assert any("none awaits review" in c.value for c in at.caption)


def test_top_in_url():
    at = run(top="5")
    assert at.slider[0].value == 5 and param(at, "top") == ["5"]
    assert len(rows(chart(at, "The 5 most-mentioned"))) == 5


@pytest.mark.parametrize("raw", ["abc", "5.5"])
def test_malformed_top_falls_back_to_the_default(tables, raw):
    at = run(top=raw)
    assert at.slider[0].value == min(DEFAULT_TOP, n_actors(tables))
    assert "top" not in at.query_params


@pytest.mark.parametrize("raw, expected", [("-3", 1), ("99999", None)])
def test_top_out_of_range_is_clamped(tables, raw, expected):
    at = run(top=raw)
    assert at.slider[0].value == (expected or n_actors(tables))


def test_moving_the_slider_writes_the_url():
    at = run()
    at.slider[0].set_value(7).run()
    assert not at.exception and param(at, "top") == ["7"]


def test_org_in_url_lists_its_sentences(tables):
    at = run(org="iom")
    assert at.selectbox[0].value == "iom" and param(at, "org") == ["iom"]
    expected = tables["organisation_mentions"].query("org_id == 'iom'")["sentence_id"].nunique()
    assert f"International Organization for Migration (IOM)** in {expected} sentence(s)" in as_read(page_text(at))
    assert "<mark>IOM</mark>" in page_text(at)


@pytest.mark.parametrize("bogus", ["IOM", "<script>"])
def test_bogus_org_is_dropped(bogus):
    at = run(org=bogus)
    assert at.selectbox[0].value == "" and "org" not in at.query_params
    assert "<mark>" not in page_text(at)


def test_choosing_an_organisation_writes_the_url():
    at = run()
    at.selectbox[0].set_value("gfmd").run()
    assert not at.exception and param(at, "org") == ["gfmd"]
    assert "Global Forum on Migration and Development" in page_text(at)


def test_session_filter(tables):
    at = run(session=["idm-2017-2"], org="ilo")  # ILO is named in 2018 only
    assert "ilo" not in set(apply(tables, Filters(sessions=("idm-2017-2",)))["organisation_mentions"]["org_id"])
    assert "org" not in at.query_params and param(at, "session") == ["idm-2017-2"]
    by_type = chart(at, "Distinct organisations named")
    expected = actors.organisations_by_type_session(apply(tables, Filters(sessions=("idm-2017-2",))))
    assert by_type.count('class="idm-bar"') == len(expected)  # a segment per type and session


def test_doc_type_filter(tables):
    at = run_open(doc_type=["summary_of_conclusions"])
    expected = actors.people_summary(apply(tables, Filters(doc_types=("summary_of_conclusions",))))
    assert at.dataframe[1].value["person_id"].tolist() == expected["person_id"].tolist()


def test_filters_without_actors_show_no_data(tables):
    def empty(theme):
        chosen = apply(tables, Filters(sessions=("idm-2017-2",), themes=(theme,)))
        return chosen["organisation_mentions"].empty and chosen["country_mentions"].empty
    theme = next(t for t in tables["themes"]["theme_id"] if empty(t))
    at = run(session=["idm-2017-2"], theme=[theme], org="iom", top="5")
    assert any("No data" in i.value for i in at.info)
    assert "org" not in at.query_params and "top" not in at.query_params
    assert not at.slider and not at.selectbox


def test_frameworks_alone_still_show(tables):
    def frameworks_only(session, theme):
        chosen = apply(tables, Filters(sessions=(session,), themes=(theme,)))
        return (chosen["organisation_mentions"].empty and chosen["country_mentions"].empty
                and not chosen["framework_mentions"].empty)
    found = next(((s, t) for s in tables["sessions"]["session_id"] for t in tables["themes"]["theme_id"]
                  if frameworks_only(s, t)), None)
    if found is None:
        pytest.skip("no filter keeps frameworks without actors in this corpus")
    at = run(session=[found[0]], theme=[found[1]], org="iom", top="5")
    assert list(charts(at)) == ["Citations of each framework per session"]
    assert "org" not in at.query_params and "top" not in at.query_params


def test_unknown_parameters_are_dropped():
    at = run(country="MEX", junk="1", org="iom")
    assert set(at.query_params) == {"org"}


def test_tables_wait_for_their_expanders():
    at = run()
    assert not at.dataframe and {"Every organisation as a table", "Every person as a table"} <= {e.label for e in at.expander}


# --- from the accessibility and safety work (issues 13 and 10) ---

def test_each_chart_has_a_summary_in_words_and_its_data_a_click_away(tables):
    at = run()
    summaries = [as_read(c.value) for c in at.caption if c.value.startswith("In words:")]
    leaders = actors.top_actors(tables, DEFAULT_TOP)
    first = leaders.iloc[0]
    assert len(summaries) == 3
    assert summaries[0].startswith("In words: The type with most distinct organisations in each session: IDM 2017")
    assert summaries[1].startswith(f"In words: {len(leaders)} actors shown, {leaders['n_mentions'].sum()} mentions "
                                   f"in all; the most: {first['actor_label']} ({first['n_mentions']} mentions)")
    assert "frameworks cited" in summaries[2]
    assert [e.label for e in at.expander].count("The chart's data as a table") == 3
