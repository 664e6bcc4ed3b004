"""Extraction quality against the hand-made gold (idm_data/evaluation/gold/): a regression
test of behaviour. That the gold itself locates is tests/test_gold.py."""

import pytest

import idm_data
from idm_data.evaluation import score as evaluation
from idm_data.resources import CORPUS_DIR
from idm_data.vocabulary import accuracy_floors

# entity: minimum precision and recall, pooled over the corpus (the issues' targets and,
# where no issue sets one, a regression floor), from the one vocabulary file
TARGETS = accuracy_floors()


@pytest.fixture(scope="module")
def scores():
    return evaluation.evaluate(idm_data.load(CORPUS_DIR)).set_index(["entity", "doc"])


@pytest.mark.parametrize("entity", TARGETS)
def test_pooled_scores_meet_targets(scores, entity):
    row = scores.loc[(entity, "all")]
    precision, recall = TARGETS[entity]["precision"], TARGETS[entity]["recall"]
    assert row["n_gold"] > 0
    assert row["precision"] >= precision and row["recall"] >= recall, (
        f"{entity}: precision {row['precision']:.3f}, recall {row['recall']:.3f}")


def test_every_document_is_scored(scores):
    docs = {f.name for f in CORPUS_DIR.glob("*.txt")}
    scored = {doc for entity, doc in scores.index if entity == "countries"} - {"all"}
    assert scored == docs


def test_scores_fall_when_a_mention_is_lost():
    # the regression test can fail: drop one country mention and recall drops
    tables = dict(idm_data.load(CORPUS_DIR))
    tables["country_mentions"] = tables["country_mentions"].iloc[1:]
    row = evaluation.evaluate_mentions(tables).set_index(["entity", "doc"]).loc[("countries", "all")]
    assert row["recall"] < 1.0 and row["precision"] == 1.0


def test_a_wrong_alias_cannot_score_as_right():
    """Mentions of IOM filed under UNHCR (as a wrong alias would) count as errors, even when
    the catalogue's aliases say IOM's name is UNHCR's: the scorer resolves gold names by the
    gold's own names, never through the extractor's aliases."""
    tables = dict(idm_data.load(CORPUS_DIR))
    orgs = tables["organisations"].copy()
    orgs.loc[orgs["org_id"] == "unhcr", "aliases"] += "|International Organization for Migration|IOM"
    mentions = tables["organisation_mentions"].copy()
    mentions.loc[mentions["org_id"] == "iom", "org_id"] = "unhcr"
    tables.update(organisations=orgs, organisation_mentions=mentions)
    row = evaluation.evaluate(tables).set_index(["entity", "doc"]).loc[("organisations", "all")]
    assert row["precision"] < 0.9 and row["recall"] < 0.9
