"""AppTest of the Explorer page: search, filters, sentence in context, URL parameters."""

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from apptest_helpers import evidence_shown, run_page

import idm_data
from idm_data.views import evidence
from idm_data.views import filters as f


PAGE = Path(__file__).resolve().parents[2] / "app_pages" / "explorer.py"


@pytest.fixture(scope="module")
def tables():
    return idm_data.load()


@pytest.fixture(scope="module")
def sentence(tables) -> dict:
    """The Geneva sentence 'Rather migrants are heterogeneous...', found by its words, not its id."""
    sentences = tables["sentences"]
    return sentences[sentences["text"].str.startswith("Rather migrants are heterogeneous")].iloc[0].to_dict()


def run(**params) -> AppTest:
    return run_page(str(PAGE), **params)


def summary(at: AppTest) -> str:
    return next(m.value for m in at.markdown if "match(es) in" in m.value)


def test_default_view(tables):
    at = run()
    assert any(c.value == f"{len(tables['sentences'])} sentences can be searched with the current filters."
               for c in at.caption)
    assert len(at.dataframe) == 0 and len(at.metric) == 0
    assert at.selectbox(key="sentence").value == ""
    assert dict(at.query_params) == {}


def test_search_shows_kwic_and_sentences():
    at = run(q="diaspora")
    assert summary(at) == "**15 match(es) in 13 sentence(s)** of 4 document(s) and 3 session(s)."
    kwic = at.dataframe[0].value
    assert list(kwic.columns) == ["left", "match", "right", "title", "session_id", "sentence_id", "doc_id"]
    assert kwic.shape[0] == 13 and set(kwic["match"].str.lower()) == {"diaspora"}
    assert sum("<mark>diaspora</mark>" in text.lower() for text, _ in evidence_shown(at)) == 13
    assert [b.proto.label for b in at.get("download_button")] == ["Download the matches (CSV)",
                                                                  "Download the matches (JSON)"]
    # search hits lead the sentence picker
    assert at.selectbox(key="sentence").options[1].startswith(kwic["sentence_id"].iloc[0])


@pytest.mark.parametrize("key, field, value", [("session", "sessions", "idm-2018-1"),
                                               ("theme", "themes", "whole-of-society"),
                                               ("doc_type", "doc_types", "summary_of_conclusions")])
def test_each_filter_restricts_the_search(tables, key, field, value):
    chosen = f.Filters(**{field: (value,)})
    expected = evidence.search(f.apply(tables, chosen), "diaspora")
    at = run(q="diaspora", **{key: value})
    assert 0 < len(expected) < 13
    assert at.dataframe[0].value.shape[0] == len(expected)
    assert list(at.dataframe[0].value["sentence_id"]) == list(expected["sentence_id"])


def test_search_that_finds_nothing_says_so():
    at = run(q="Geneva", session="idm-2018-1")
    assert any(i.value.startswith("No sentence contains “Geneva”") for i in at.info)
    assert len(at.dataframe) == 0


def test_search_box_writes_and_clears_the_url():
    at = run()
    at.text_input(key="q").input("whole of society").run()
    assert at.query_params["q"] == "whole of society"
    assert summary(at).startswith("**5 match(es) in 5 sentence(s)**")
    at.text_input(key="q").input("").run()
    assert "q" not in at.query_params


def test_sentence_in_context_from_url(sentence):
    at = run(sentence=sentence["sentence_id"])
    assert [m.value for m in at.metric] == [str(sentence["paragraph_no"]), "2",
                                            f"{sentence['char_start']}–{sentence['char_end']}"]
    marked = [m.value for m in at.markdown if "<mark>" in m.value]
    assert marked and marked[0].startswith("It is important not to generalize or stigmatize\\. <mark>Rather migrants")
    roles = [c.value.split(" · ")[0] for c in at.caption if "· paragraph" in c.value]
    assert roles == ["Previous paragraph", "Paragraph of the sentence", "Next paragraph"]
    assert at.query_params["sentence"] == sentence["sentence_id"]


def test_picking_a_sentence_writes_the_url():
    at = run(q="diaspora")
    first = at.dataframe[0].value["sentence_id"].iloc[0]
    at.selectbox(key="sentence").set_value(first).run()
    assert at.query_params["sentence"] == first
    assert len(at.metric) == 3


def test_malformed_parameters():
    at = run(sentence="bogus", q="<script>alert(1)</script>", view="x",
             session=["nope", "idm-2017-1", "idm-2017-2", "idm-2017-1"])
    assert "sentence" not in at.query_params and "view" not in at.query_params
    assert at.query_params["session"] == ["idm-2017-1", "idm-2017-2"]  # unknown and repeated ids dropped
    assert any(i.value.startswith("No sentence contains") for i in at.info)
    assert all("<script>" not in e.value for e in list(at.markdown) + list(at.info) + list(at.caption))


def test_sentence_outside_the_filters_is_dropped(sentence):
    at = run(sentence=sentence["sentence_id"], session="idm-2018-1")
    assert "sentence" not in at.query_params
    assert len(at.metric) == 0
