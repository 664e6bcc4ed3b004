"""Unit tests of idm_data.search.similar: sentence vectors from the packaged wordllama model."""

import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from idm_data.search import similar

ROOT = Path(__file__).resolve().parents[2]
TEXTS = ["Migrants have rights and capacities.", "Migrants are rights holders with agency.",
         "The budget of the meeting was approved.", "Migrants have rights and capacities.", ""]


@pytest.fixture(scope="module")
def tables():
    ids = [f"d.p1.s{i}" for i in range(1, len(TEXTS) + 1)]
    sentences = pd.DataFrame({"sentence_id": ids, "doc_id": "d", "session_id": "s", "text": TEXTS})
    return {"sentences": sentences, "documents": pd.DataFrame({"doc_id": ["d"], "title": ["Doc"],
                                                               "doc_type": ["summary"]})}


@pytest.fixture(scope="module")
def vectors(tables):
    return similar.SentenceVectors.build(tables["sentences"])


def test_identical_texts_are_embedded_once_as_unit_vectors(vectors):
    assert vectors.vectors.shape[0] == 4  # the repeated sentence once
    norms = np.linalg.norm(vectors.vectors, axis=1)
    assert np.allclose(norms[norms > 0], 1.0, atol=1e-5)


def test_nearest_by_meaning(vectors, tables):
    best = similar.nearest(vectors, "d.p1.s1", tables["sentences"]["sentence_id"])
    assert "d.p1.s1" not in best.index
    assert list(best.index[:2]) == ["d.p1.s4", "d.p1.s2"]  # the same words, then the same meaning
    assert best.iloc[0] == pytest.approx(1.0, abs=1e-5)
    assert best.is_monotonic_decreasing and best["d.p1.s2"] > best["d.p1.s3"]


def test_nearest_only_among_the_view(vectors):
    assert list(similar.nearest(vectors, "d.p1.s1", ["d.p1.s3", "d.p1.s1"]).index) == ["d.p1.s3"]
    assert similar.nearest(vectors, "unknown", ["d.p1.s3"]).empty
    assert similar.nearest(vectors, "d.p1.s1", []).empty


def test_similar_sentences_as_evidence(vectors, tables):
    out = similar.similar_sentences(vectors, tables, "d.p1.s2", n=2)
    assert list(out.columns) == similar.SIMILAR_COLUMNS
    assert len(out) == 2 and set(out["title"]) == {"Doc"} and out["spans"].tolist() == [[], []]
    assert similar.similar_sentences(vectors, tables, "nope").empty


@pytest.mark.slow  # a second Python process
def test_wordllama_is_imported_only_when_asked():
    code = ("import sys, ui.data, idm_data.search.similar, idm_data.search.fulltext; "
            "assert 'wordllama' not in sys.modules, 'imported early'")
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, timeout=120)
