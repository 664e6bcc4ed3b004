"""The learned theme coder: its features, its gate on what can be coded, and the
rows it adds to theme_mentions."""

import numpy as np
import pytest

import idm_data
from idm_data.extract import theme_model, themes
from idm_data.extract.document import extract_document
from idm_data.ingest.files import SourceDocument
from idm_data.resources import CORPUS_DIR

TEXTS = ["Migrants' rights and decent work go together.", "Decent work for migrant workers, and fair recruitment.",
         "Cooperation between States on migration governance.", "States cooperate; migrants work."]


def test_tfidf_is_scikit_learns():
    from sklearn.feature_extraction.text import TfidfVectorizer  # here: importing scikit-learn costs every worker a second

    ours = theme_model.Tfidf.fit(TEXTS, min_df=1)
    theirs = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=1).fit(TEXTS)
    assert ours.vocabulary == theirs.vocabulary_
    np.testing.assert_allclose(ours.matrix(TEXTS), theirs.transform(TEXTS).toarray(), rtol=1e-5)


@pytest.mark.parametrize("text", [
    "La migración es un fenómeno global que requiere la cooperación de todos los Estados.",
    "Die Migration erfordert die Zusammenarbeit aller Staaten und Regionen der Welt.",
    "%% 12 ## data collection §§ 44 ~~ 99 ||| ###",
    "INTERNATIONAL DIALOGUE ON MIGRATION AND DATA COLLECTION",
    "Closing remarks",
    "27 March 2018, UN Headquarters, New York",
])
def test_what_is_not_english_prose_is_not_codable(text):
    assert not theme_model.codable(text)


@pytest.mark.parametrize("text", [
    "Takeaway 4 - Synergize efforts of the international community",
    "States must cooperate on the collection of migration data.",
])
def test_prose_is_codable(text):
    assert theme_model.codable(text)


def test_the_shipped_model_belongs_to_the_codebook():
    model = theme_model.shipped_model()
    assert model is not None
    assert model.theme_ids == tuple(themes.theme_table()["theme_id"]), "the codebook changed: retrain the coder"
    assert model.codebook_version == themes.codebook_version()
    assert set(model.objectives) <= set(themes.objective_ids()) and "gcm-23" in model.objectives
    assert model.dense_coef.shape == (len(model.objectives), 3 * theme_model.EMBEDDING_DIM + len(model.theme_ids))
    assert model.term_coef.shape == (len(model.objectives), len(model.tfidf.vocabulary))


def _objectives(text: str) -> dict[str, list[dict]]:
    rows = extract_document(SourceDocument("probe.txt", text, "x", {}))["theme_mentions"]
    found: dict[str, list[dict]] = {}
    for row in rows:
        found.setdefault(row["theme_id"], []).append(row)
    return {k: v for k, v in found.items() if k in themes.objective_ids()}


@pytest.mark.parametrize("line", [
    "La trata de personas y el tráfico ilícito de migrantes son delitos graves en toda la región.",
    "%% 12 ## migration data collection §§ trafficking ~~ 99 |||",
    "MIGRATION DATA AND HUMAN TRAFFICKING",
])
def test_bad_input_gets_no_objective_rather_than_a_guess(line):
    assert _objectives(line + "\n") == {}


def test_a_phrase_inside_a_longer_name_is_no_statement_but_a_whole_name_is():
    found = _objectives("Eve Geddie of the Platform for International Cooperation on Undocumented Migrants spoke "
                        "about the GFMD and how States cooperate through it on migration.\n")
    assert "gcm-07" not in found  # "Undocumented" is a word of PICUM's name
    assert "gcm-23" in found


def test_phrase_words_do_not_run_across_punctuation():
    found = themes.find_themes("Those who were forced, migration officials said, stayed.")
    assert "gcm-02" not in {m.theme_id for m in found}
    assert "gcm-02" in {m.theme_id for m in themes.find_themes("Forced migration is rising.")}


@pytest.fixture(scope="module")
def mentions():
    return idm_data.load(CORPUS_DIR)["theme_mentions"]


def test_model_rows_say_how_they_were_found(mentions, ):
    model = theme_model.shipped_model()
    rows = mentions[mentions["method"] == "model"]
    assert len(rows) > 50 and set(rows["theme_id"]) <= set(model.objectives)
    assert (rows["score"] >= model.threshold).all()
    sentences = idm_data.load(CORPUS_DIR)["sentences"].set_index("sentence_id")["text"]
    for row in rows.head(40).itertuples():  # the highlighted span is one of the weighty words, or the sentence
        span = sentences[row.sentence_id][row.sentence_start:row.sentence_end].lower()
        assert span == sentences[row.sentence_id].lower() or span.split()[0] in row.matched


def test_phrase_rows_of_objectives_carry_the_models_score(mentions):
    model = theme_model.shipped_model()
    phrase = mentions[(mentions["method"] == "phrase") & mentions["theme_id"].isin(model.objectives)]
    assert phrase["score"].notna().all() and phrase["score"].between(0, 1).all()
    cross = mentions[mentions["family"] == "cross_cutting"]
    assert cross["score"].isna().all() and set(cross["method"]) == {"phrase"}


def test_cross_cutting_themes_never_take_a_statement_from_an_objective(mentions):
    # a sentence matched by "Partnerships" can carry gcm-23 too: both rows are kept
    both = mentions.groupby("sentence_id")["theme_id"].agg(set)
    assert any({"partnerships", "gcm-23"} <= found for found in both)
