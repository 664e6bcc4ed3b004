"""AppTest for app_pages/themes.py: default view, filters, URL parameters in and out, malformed input."""

import json
import re
from html import unescape
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from apptest_helpers import as_read, evidence_shown, page_text, run_page

import idm_data
from idm_data.views import filters
from idm_data.views import theme_stats as ts

PAGE = str(Path(__file__).resolve().parents[2] / "app_pages" / "themes.py")


@pytest.fixture(scope="module")
def tables():
    return idm_data.load()


def run(**params) -> AppTest:
    return run_page(PAGE, **params)


def options(at: AppTest, key: str) -> list[str]:
    """The picker's options as shown (labels)."""
    return list(at.selectbox(key=key).options)


def labels(tables, kind: str, ids: list[str]) -> list[str]:
    vocab = getattr(filters.vocabulary(tables), kind)
    return [vocab[i] for i in ids]


def counts_line(at: AppTest) -> str:
    return next(m.value for m in at.markdown if "sentence(s)," in m.value)


def heading(at: AppTest) -> str:
    return as_read(at.subheader[0].value)


def evidence_captions(at: AppTest) -> list[str]:
    return [source for _, source in evidence_shown(at)]


def grid(at: AppTest) -> str:
    """The grid's HTML, as the page hands it to its clickable component."""
    [element] = at.get("bidi_component")
    return json.loads(element.proto.json)["html"]


def click(at: AppTest, **pick) -> AppTest:
    """A click on the grid cell whose `data-pick` is `pick`, and the run it causes; then, as in a browser,
    the click is spent (a trigger lasts one run)."""
    at.session_state["theme-grid"] = {"pick": pick}
    at.run()
    at.session_state["theme-grid"] = {}
    return at


def chosen_pick(at: AppTest) -> dict:
    [found] = re.findall(r'data-pick="([^"]*)" class="idm-chosen"', grid(at))
    return json.loads(unescape(found))


def cell_label(tables, session_id: str, theme_id: str) -> str:
    cell = ts.theme_matrix(tables).set_index(["session_id", "theme_id"]).loc[(session_id, theme_id)]
    return f"{cell['label']} in {cell['session_label']}"


def test_default_view_shows_the_highest_cell(tables):
    at = run()
    session_id, theme_id = ts.default_cell(ts.theme_matrix(tables), "rate_per_1k_words")
    assert heading(at) == cell_label(tables, session_id, theme_id)
    assert at.selectbox(key="cell_session").value == session_id
    assert len(options(at, "cell_theme")) == len(tables["themes"])
    assert dict(at.query_params) == {}  # defaults are not written to the URL
    assert chosen_pick(at) == {"session_id": session_id, "theme_id": theme_id}  # the shown cell is outlined
    assert grid(at).count("<button") == 3 * len(tables["themes"])
    assert page_text(at).count('class="idm-bar"') == len(tables["themes"])
    assert not at.get("vega_lite_chart") and not at.get("plotly_chart")  # no chart script to load
    assert any("**Sources:**" in c.value for c in at.caption)
    assert any("GCM 22" in c.value and "Never mentioned" in c.value for c in at.caption)


def test_cell_from_url_lists_its_sentences(tables):
    at = run(cell_session="idm-2017-2", cell_theme="gcm-07")
    mentions = tables["theme_mentions"]
    rows = mentions[(mentions["session_id"] == "idm-2017-2") & (mentions["theme_id"] == "gcm-07")]
    assert heading(at) == cell_label(tables, "idm-2017-2", "gcm-07")
    captions = evidence_captions(at)
    assert len(captions) == rows["sentence_id"].nunique()
    assert all("idm-2017-2" in c for c in captions)
    assert sum("<mark>" in text for text, _ in evidence_shown(at)) == len(captions)
    assert dict(at.query_params) == {"cell_session": "idm-2017-2", "cell_theme": "gcm-07"}


def test_zero_cell_is_shown_with_no_sentence(tables):
    at = run(cell_session="idm-2017-2", cell_theme="gcm-22")
    assert heading(at) == cell_label(tables, "idm-2017-2", "gcm-22")
    assert any(c.value == "No sentence." for c in at.caption)
    assert counts_line(at).startswith("0 sentence(s), 0 coding(s)")


def test_widgets_write_the_url():
    at = run()
    at.selectbox(key="measure").set_value("n_sentences").run()
    at.selectbox(key="family").set_value("gcm_objective").run()
    at.selectbox(key="cell_theme").set_value("gcm-10").run()
    at.selectbox(key="cell_session").set_value("idm-2017-1").run()
    assert not at.exception
    assert at.query_params["measure"] == "n_sentences"
    assert at.query_params["family"] == "gcm_objective"
    assert (at.query_params["cell_session"], at.query_params["cell_theme"]) == ("idm-2017-1", "gcm-10")
    assert heading(at).startswith("GCM 10: ")


def test_grid_click_chooses_the_cell(tables):
    at = run()
    click(at, session_id="idm-2017-1", theme_id="children")
    assert not at.exception
    assert heading(at) == cell_label(tables, "idm-2017-1", "children")
    assert chosen_pick(at) == {"session_id": "idm-2017-1", "theme_id": "children"}
    assert (at.query_params["cell_session"], at.query_params["cell_theme"]) == ("idm-2017-1", "children")
    at.selectbox(key="cell_theme").set_value("gender").run()  # the picker wins over an old click
    assert at.query_params["cell_theme"] == "gender"
    click(at, session_id="idm-2017-1", theme_id="children")  # the same cell, again
    assert at.query_params["cell_theme"] == "children" and heading(at) == cell_label(tables, "idm-2017-1", "children")


@pytest.mark.parametrize("pick", [{"session_id": "idm-2099-1", "theme_id": "gcm-07"},
                                  {"session_id": "idm-2017-2", "theme_id": "<b>gcm-07</b>"}, {"junk": 1}])
def test_a_click_on_an_unknown_cell_changes_nothing(tables, pick):
    at = run(cell_session="idm-2017-2", cell_theme="gcm-07")
    click(at, **pick)
    assert not at.exception and heading(at) == cell_label(tables, "idm-2017-2", "gcm-07")


def test_family_restricts_the_themes(tables):
    at = run(family="cross_cutting")
    cross = tables["themes"].loc[tables["themes"]["family"] == "cross_cutting", "theme_id"].tolist()
    assert options(at, "cell_theme") == labels(tables, "themes", cross)


def test_session_and_doc_type_filters(tables):
    at = run(session="idm-2018-1", doc_type="closing_remarks", cell_theme="partnerships")
    docs = tables["documents"]
    words = docs.loc[(docs["session_id"] == "idm-2018-1") & (docs["doc_type"] == "closing_remarks"), "n_words"].sum()
    assert options(at, "cell_session") == labels(tables, "sessions", ["idm-2018-1"])
    assert f"in {words:,} words" in counts_line(at)
    assert all("Closing remarks" in c for c in evidence_captions(at))


def test_theme_filter_restricts_the_grid(tables):
    at = run(theme=["gcm-23", "gcm-01"], cell_theme="partnerships")
    assert options(at, "cell_theme") == labels(tables, "themes", ["gcm-01", "gcm-23"])  # official order
    assert at.selectbox(key="cell_theme").value in ("gcm-01", "gcm-23")  # the stale cell is dropped
    assert "cell_theme" not in at.query_params


def test_no_data_message_and_footer():
    at = run(theme="gcm-01", family="cross_cutting")
    assert any("No data for the theme matrix" in i.value for i in at.info)
    assert any("**Sources:**" in c.value for c in at.caption)


@pytest.mark.parametrize("params", [
    {"cell_session": "idm-2099-9", "cell_theme": "gcm-99"},
    {"cell_session": "<script>", "cell_theme": "'; drop"},
    {"measure": "bogus", "family": "everything"},
    {"session": "nope", "doc_type": "poem", "theme": "xyz"},
    {"foo": "bar", "cell": "idm-2018-1"},
])
def test_malformed_parameters_fall_back_to_defaults(tables, params):
    at = run(**params)
    session_id, theme_id = ts.default_cell(ts.theme_matrix(tables), "rate_per_1k_words")
    assert heading(at) == cell_label(tables, session_id, theme_id)
    assert at.selectbox(key="measure").value == "rate_per_1k_words"
    assert dict(at.query_params) == {}


def test_repeated_keys_take_the_first_known_value():
    at = run(cell_session=["idm-2017-1", "idm-2018-1"], cell_theme=["gcm-05", "gcm-06"])
    assert (at.selectbox(key="cell_session").value, at.selectbox(key="cell_theme").value) == ("idm-2017-1", "gcm-05")
    assert at.query_params["cell_theme"] == "gcm-05"


# --- which codings the grid counts (phrase matches only, or the learned coder above a score) ---

@pytest.mark.parametrize("coding, min_score", [("all", 0.0), ("phrase", 0.0), ("all", 0.8)])
def test_the_grid_counts_the_codings_chosen(tables, coding, min_score):
    params = {"family": "gcm_objective", "measure": "n_sentences", "cell_session": "idm-2018-1",
              "cell_theme": "gcm-23", "coding": coding}
    if min_score:
        params["min_score"] = str(min_score)
    at = run(**params)
    expected = ts.theme_matrix(tables, "gcm_objective", (), coding, min_score)
    cell = expected.set_index(["session_id", "theme_id"]).loc[("idm-2018-1", "gcm-23"), "n_sentences"]
    assert counts_line(at).startswith(f"{cell} sentence(s)")
    shown = evidence_shown(at)
    assert len(shown) == min(cell, 50)
    found_by = re.findall(r'<p class="idm-source">Found by: (.*?)</p>', "".join(
        b.proto.body for b in at.get("html") if "idm-evidence" in b.proto.body))
    assert len(found_by) == len(shown)  # every sentence says how it was found
    learned = sum("learned coder, score" in line for line in found_by)
    assert (learned == 0) if coding == "phrase" else learned > 0
    if min_score:
        scores = [float(m) for line in found_by for m in re.findall(r"learned coder, score (\d\.\d\d)", line)]
        assert all(score >= min_score for score in scores)


def test_unknown_coding_values_fall_back():
    at = run(coding="<script>", min_score="2")
    assert not at.exception
    assert at.selectbox(key="coding").value == "all" and at.selectbox(key="min_score").value == "0"
