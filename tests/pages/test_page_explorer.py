"""AppTest of the Explorer page: ranked search, malformed and hostile queries, filters, sentence in
context, sentences like it, URL parameters."""

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from apptest_helpers import evidence_shown, run_page

import idm_data
from idm_data.search import fulltext, query as q
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
    return next(m.value for m in at.markdown if "sentence(s)**" in m.value)


def test_default_view(tables):
    at = run()
    assert any(c.value.startswith(f"{len(tables['sentences'])} sentences can be searched with the current filters.")
               for c in at.caption)
    assert len(at.dataframe) == 0 and len(at.metric) == 0
    assert at.selectbox(key="sentence").value == ""
    assert dict(at.query_params) == {}


def test_search_shows_kwic_and_sentences():
    at = run(q="diaspora")
    assert summary(at).startswith("**13 sentence(s)** of 4 document(s) and 3 session(s) match, the most relevant first")
    kwic = at.dataframe[0].value
    assert list(kwic.columns) == ["rank", "left", "match", "right", "title", "session_id", "sentence_id", "relevance"]
    assert kwic.shape[0] == 13 and set(kwic["match"].str.lower()) == {"diaspora"}
    assert list(kwic["rank"]) == list(range(1, 14)) and kwic["relevance"].is_monotonic_decreasing
    assert sum("<mark>diaspora</mark>" in text.lower() for text, _ in evidence_shown(at)) == 13
    assert [b.proto.label for b in at.get("download_button")] == ["Download the matches (CSV)",
                                                                  "Download the matches (JSON)"]
    # search hits lead the sentence picker, best first
    assert at.selectbox(key="sentence").options[1].startswith(kwic["sentence_id"].iloc[0])


def test_word_forms_and_prefixes():
    at = run(q="vulnerab*")
    matches = set(at.dataframe[0].value["match"].str.lower())
    assert {"vulnerable", "vulnerability", "vulnerabilities"} <= matches


@pytest.mark.parametrize("key, field, value", [("session", "sessions", "idm-2018-1"),
                                               ("theme", "themes", "whole-of-society"),
                                               ("doc_type", "doc_types", "summary_of_conclusions")])
def test_each_filter_restricts_the_search(tables, key, field, value):
    view = f.apply(tables, f.Filters(**{field: (value,)}))
    expected = fulltext.search(fulltext.SentenceIndex(tables["sentences"]), view, "diaspora").hits
    at = run(q="diaspora", **{key: value})
    assert 0 < len(expected) < 13
    assert list(at.dataframe[0].value["sentence_id"]) == list(expected["sentence_id"])


def test_search_that_finds_nothing_says_so():
    at = run(q="Geneva", session="idm-2018-1")
    assert any(i.value.startswith("No sentence matches “Geneva”") for i in at.info)
    assert len(at.dataframe) == 0


def test_filters_that_leave_nothing():
    at = run(q="diaspora", theme="gcm-01", doc_type="closing_remarks", session="idm-2017-2")
    assert any("No sentence matches" in i.value or "No data" in i.value for i in at.info)
    assert len(at.dataframe) == 0


def test_search_box_writes_and_clears_the_url():
    at = run()
    at.text_input(key="q").input('"whole of society"').run()
    assert at.query_params["q"] == '"whole of society"'
    assert summary(at).startswith("**8 sentence(s)**")
    at.text_input(key="q").input("").run()
    assert "q" not in at.query_params


MALFORMED = ['"whole of society', "NOT", "NOT labour", "migrants NOT", "*", "migrant *", "()", "(migrants",
             "migrants)", "refugees OR", "AND OR", "NEAR(", "NEAR(migrants)", "NEAR(a b, x)", "!!!", '""']


def test_malformed_queries_get_a_friendly_message():
    at = run()
    for text in MALFORMED:
        at.text_input(key="q").input(text).run()
        assert not at.exception, text
        assert len(at.warning) == 1 and len(at.dataframe) == 0, text
        assert at.query_params["q"] == text.strip()
    messages = {w.value for w in at.warning}
    assert all("fts5" not in m.lower() and "syntax error" not in m.lower() for m in messages)


HOSTILE = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "[link](javascript:alert(1))",
           "'; DROP TABLE sentence_text; --", "text:migrant", "^migrant", "{text}: migrant", "migrant\\",
           "**migrant**", "$x$ migrant"]


def test_hostile_queries_are_only_text():
    at = run()
    for text in HOSTILE:
        at.text_input(key="q").input(text).run()
        assert not at.exception, text
        shown = [e.value for e in list(at.markdown) + list(at.info) + list(at.warning) + list(at.caption)]
        assert all("<script" not in v and "<img" not in v and "](javascript" not in v for v in shown), text
    assert run(q="x" * 300).query_params["q"] == "x" * 200  # the box keeps 200 characters


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
    assert any(i.value.startswith("No sentence matches") for i in at.info)
    assert all("<script>" not in e.value for e in list(at.markdown) + list(at.info) + list(at.caption))


def test_sentence_outside_the_filters_is_dropped(sentence):
    at = run(sentence=sentence["sentence_id"], session="idm-2018-1")
    assert "sentence" not in at.query_params
    assert len(at.metric) == 0


def test_sentences_like_this_one(sentence):
    at = run(sentence=sentence["sentence_id"])
    assert at.toggle(key="like").value is False and len(at.dataframe) == 0
    at.toggle(key="like").set_value(True).run()
    alike = at.dataframe[0].value
    assert at.query_params["like"] == "1"
    assert len(alike) == 10 and sentence["sentence_id"] not in set(alike["sentence_id"])
    assert alike["similarity"].is_monotonic_decreasing and alike["similarity"].iloc[0] < 1.0
    assert "Download these sentences (CSV)" in [b.proto.label for b in at.get("download_button")]


def test_sentences_like_this_one_within_the_filters(sentence):
    at = run(sentence=sentence["sentence_id"], like="1", session="idm-2017-2")
    assert set(at.dataframe[0].value["session_id"]) == {"idm-2017-2"}


@pytest.mark.parametrize("value", ["banana", "0", "<b>"])
def test_unknown_like_values_are_off(sentence, value):
    at = run(sentence=sentence["sentence_id"], like=value)
    assert at.toggle(key="like").value is False and "like" not in at.query_params
