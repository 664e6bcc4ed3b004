"""Unit tests of idm_data.search.fulltext: the FTS5 index on tiny frames and on the packaged corpus."""

import itertools
import threading

import pandas as pd
import pytest

import idm_data
from idm_data.search import fulltext as ft
from idm_data.search import query as q
from idm_data.views import filters as f

TEXTS = {
    "d1.p1.s1": "Migrants are not a homogenous vulnerable group.",
    "d1.p1.s2": "Situations of vulnerability call for a whole-of-society approach.",
    "d1.p2.s1": "Society as a whole gains when a migrant is included.",
    "d2.p1.s1": "Health services for migrants and refugees in São Paulo.",
    "d2.p1.s2": "Labour migration, labour rights and health of migrant workers.",
    "d2.p2.s1": "<b>Hostile</b> \ue000 text about migrants.",
}


def _tiny() -> dict[str, pd.DataFrame]:
    ids = list(TEXTS)
    sentences = pd.DataFrame({"sentence_id": ids, "doc_id": [i.split(".")[0] for i in ids],
                              "session_id": ["s1", "s1", "s1", "s2", "s2", "s2"], "text": list(TEXTS.values())})
    documents = pd.DataFrame({"doc_id": ["d1", "d2"], "title": ["One", "Two"]})
    return {"sentences": sentences, "documents": documents}


@pytest.fixture(scope="module")
def tiny():
    tables = _tiny()
    return ft.SentenceIndex(tables["sentences"]), tables


def found(tiny, text: str) -> list[str]:
    index, tables = tiny
    result = ft.search(index, tables, text)
    assert not result.problem, result.problem
    return list(result.hits["sentence_id"])


@pytest.mark.parametrize("text, expected", [
    ("migrant", {"d1.p1.s1", "d1.p2.s1", "d2.p1.s1", "d2.p1.s2", "d2.p2.s1"}),  # and "migrants"
    ("MIGRANTS", {"d1.p1.s1", "d1.p2.s1", "d2.p1.s1", "d2.p1.s2", "d2.p2.s1"}),
    ("vulnerab*", {"d1.p1.s1", "d1.p1.s2"}),  # porter stems "vulnerable" to "vulner": still found
    ("vulnerable", {"d1.p1.s1", "d1.p1.s2"}),  # one stem for both
    ('"whole of society"', {"d1.p1.s2"}),  # the hyphenated form, not "Society as a whole"
    ("whole society", {"d1.p1.s2", "d1.p2.s1"}),
    ("migrants NOT health", {"d1.p1.s1", "d1.p2.s1", "d2.p2.s1"}),
    ("refugees OR health", {"d2.p1.s1", "d2.p1.s2"}),
    ("NEAR(labour workers, 5)", {"d2.p1.s2"}),  # five words between them
    ("NEAR(labour workers, 4)", set()),
    ("sao", {"d2.p1.s1"}),  # diacritics removed
    ("São*", {"d2.p1.s1"}),
    ("hostile", {"d2.p2.s1"}),
    ("b", {"d2.p2.s1"}),  # markup in a sentence is just text
    ("zzz*", set()),
])
def test_what_a_query_finds(tiny, text, expected):
    assert set(found(tiny, text)) == expected


def test_ranked_by_bm25(tiny):
    hits = ft.search(*tiny, "labour").hits
    assert list(hits["rank"]) == [1] and hits["relevance"].iloc[0] > 0
    ranked = ft.search(*tiny, "health OR labour").hits
    assert ranked["sentence_id"].iloc[0] == "d2.p1.s2"  # both words, "labour" twice
    assert ranked["relevance"].is_monotonic_decreasing


def test_spans_and_context(tiny):
    hits = ft.search(*tiny, "migrant health").top.set_index("sentence_id")
    row = hits.loc["d2.p1.s2"]
    assert [row["text"][a:b] for a, b in row["spans"]] == ["health", "migrant"]
    assert (row["left"], row["match"]) == ("Labour migration, labour rights and ", "health")
    phrase = ft.search(*tiny, '"whole of society"').top.iloc[0]
    assert [phrase["text"][a:b] for a, b in phrase["spans"]] == ["whole-of-society"]


def test_a_text_holding_a_marker_gets_no_spans_but_is_listed(tiny):
    top = ft.search(*tiny, "hostile").top
    assert top["spans"].tolist() == [[]] and top["text"].iloc[0] == TEXTS["d2.p2.s1"]


@pytest.mark.parametrize("marked, text, spans", [
    ("a \ue000b\ue001 c", "a b c", [(2, 3)]),
    ("\ue000ab\ue001\ue000c\ue001", "abc", [(0, 2), (2, 3)]),
    ("no match", "no match", []),
    ("\ue000x\ue001 \ue000", "x \ue000", []),  # the text held a marker: offsets would lie
    ("\ue001x", "x", []),
])
def test_spans_from_marked(marked, text, spans):
    assert ft.spans_from_marked(marked, text) == spans


def test_only_the_sentences_of_the_view(tiny):
    index, tables = tiny
    view = {"sentences": tables["sentences"][tables["sentences"]["session_id"] == "s2"],
            "documents": tables["documents"]}
    hits = ft.search(index, view, "migrant").hits
    assert set(hits["sentence_id"]) == {"d2.p1.s1", "d2.p1.s2", "d2.p2.s1"}
    assert list(hits["rank"]) == [1, 2, 3] and set(hits["title"]) == {"Two"}


def test_empty_and_malformed_queries(tiny):
    assert ft.search(*tiny, "  ").hits.empty and not ft.search(*tiny, "  ").problem
    result = ft.search(*tiny, '"unclosed')
    assert result.hits.empty and result.top.empty and result.problem == q.UNCLOSED_QUOTE
    assert list(result.hits.columns) == ft.HIT_COLUMNS and list(result.top.columns) == ft.TOP_COLUMNS


def test_the_index_is_read_only(tiny):
    index, _ = tiny
    with pytest.raises(Exception):
        index._db.execute("DELETE FROM sentence_text")


def test_prefixes_expand_to_written_words_and_cap(tiny):
    index, _ = tiny
    assert index.words_beginning("VULNERAB") == ["vulnerability", "vulnerable"]
    assert index.words_beginning("sã") == ["sao"]
    assert index.words_beginning("zzz") == []
    many = ft.SentenceIndex(pd.DataFrame({"sentence_id": ["x"], "doc_id": ["d"], "session_id": ["s"],
                                          "text": [" ".join(f"w{i}" for i in range(ft.MAX_EXPANSION + 1))]}))
    assert many.words_beginning("w") is None


def test_concurrent_searches_agree(tiny):
    expected = found(tiny, "migrant OR health")
    results = []
    threads = [threading.Thread(target=lambda: results.append(found(tiny, "migrant OR health"))) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [expected] * 8


# --- the packaged corpus ------------------------------------------------------

@pytest.fixture(scope="module")
def corpus():
    tables = idm_data.load()
    return ft.SentenceIndex(tables["sentences"]), tables


def test_diaspora(corpus):
    found = ft.search(*corpus, "diaspora")
    hits = found.hits
    assert ft.summary(hits) == {"n_sentences": 13, "n_documents": 4, "n_sessions": 3}
    assert all(m.lower() == "diaspora" for m in found.top["match"])
    assert found.top[ft.HIT_COLUMNS].equals(hits)
    assert list(ft.for_download(hits).columns) == ["rank", "relevance", "session_id", "doc_id", "title",
                                                  "sentence_id", "text"]


def test_only_the_first_hits_get_spans(corpus):
    found = ft.search(*corpus, "the", shown=5)
    assert len(found.top) == 5 and len(found.hits) > 300
    assert list(found.top["sentence_id"]) == list(found.hits["sentence_id"].head(5))
    assert all(m.lower() == "the" for m in found.top["match"])


def test_phrase_finds_hyphenated_forms(corpus):
    hits = ft.search(*corpus, '"whole of society"').top
    matches = {m.lower() for m in hits["match"]}
    assert {"whole of society", "whole-of-society"} <= matches
    assert len(hits) >= 5  # the five the exact-phrase search found, and the hyphenated ones


@pytest.mark.parametrize("key, field, value", [("session", "sessions", "idm-2018-1"),
                                               ("theme", "themes", "whole-of-society"),
                                               ("doc_type", "doc_types", "summary_of_conclusions")])
def test_each_filter_restricts_the_hits(corpus, key, field, value):
    index, tables = corpus
    view = f.apply(tables, f.Filters(**{field: (value,)}))
    every, kept = ft.search(index, tables, "diaspora").hits, ft.search(index, view, "diaspora").hits
    assert 0 < len(kept) < len(every)
    assert set(kept["sentence_id"]) == set(every["sentence_id"]) & set(view["sentences"]["sentence_id"])
    assert list(kept["sentence_id"]) == [s for s in every["sentence_id"] if s in set(kept["sentence_id"])]


PIECES = ["migra*", '"', "(", ")", "*", "AND", "OR", "NOT", "NEAR(", ",", "5", '"civil society"']


def test_fts5_accepts_whatever_parses(corpus):
    """Every short query is either explained by the parser or accepted by FTS5: the generic
    'could not be read' message is never needed on these."""
    index, _ = corpus
    for n in range(1, 4):
        for pieces in itertools.product(PIECES, repeat=n):
            try:
                expression = q.expression(q.parse(" ".join(pieces)), index.words_beginning)
            except q.QueryProblem:
                continue
            index.ranked(expression)  # raises QueryProblem(UNREADABLE) if FTS5 rejects it
