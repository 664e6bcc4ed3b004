"""The theme gold (idm_data/evaluation/gold/themes/): two independent passes over every
sentence, each disagreement adjudicated with a reason, and the held-out codings that the
Method page scores."""

import numpy as np
import pandas as pd
import pytest

import idm_data
from idm_data.evaluation import themes as theme_eval
from idm_data.extract.themes import objective_ids
from idm_data.resources import CORPUS_DIR
from idm_data.vocabulary import theme_coding_target


@pytest.fixture(scope="module")
def sentences():
    return idm_data.load(CORPUS_DIR)["sentences"].set_index("sentence_id")


def _sets(frame, column="objectives"):
    return dict(zip(frame["sentence_id"], frame[column]))


def test_gold_covers_every_sentence_with_its_text(sentences):
    gold = theme_eval.read_gold()
    assert gold["sentence_id"].is_unique and set(gold["sentence_id"]) == set(sentences.index)
    assert (gold.set_index("sentence_id")["text"] == sentences.loc[gold["sentence_id"], "text"]).all()


@pytest.mark.parametrize("coded", ["gold", "coder_a", "coder_b"])
def test_every_label_is_an_objective(coded):
    frame = theme_eval.read_gold() if coded == "gold" else dict(zip(("coder_a", "coder_b"), theme_eval.read_passes()))[coded]
    labels = {o for value in frame["objectives"] for o in value.split(";") if o}
    assert labels <= set(objective_ids())


def test_gold_is_the_agreed_label_or_the_adjudicated_one():
    first, second = (_sets(p) for p in theme_eval.read_passes())
    adjudicated = theme_eval.read_adjudication()
    decided = _sets(adjudicated, "decision")
    disagreements = {s for s in first if set(first[s].split(";")) != set(second[s].split(";"))}
    assert set(decided) == disagreements
    assert (adjudicated["reason"].str.len() > 20).all()  # every decision says why
    for sentence_id, objectives in _sets(theme_eval.read_gold()).items():
        expected = decided.get(sentence_id, first[sentence_id])
        assert set(objectives.split(";")) == set(expected.split(";")), sentence_id


def test_kappa_matches_scikit_learn():
    from sklearn.metrics import cohen_kappa_score  # here: importing scikit-learn costs every worker a second

    rng = np.random.default_rng(0)
    a, b = rng.random(500) < 0.3, rng.random(500) < 0.4
    assert theme_eval.cohen_kappa(a, b) == pytest.approx(cohen_kappa_score(a, b))
    assert theme_eval.cohen_kappa(a, a) == 1.0


def test_agreement_reports_every_objective_used_and_all():
    table = theme_eval.agreement().set_index("objective")
    assert "all" in table.index and "gcm-23" in table.index
    assert 0 < table.loc["all", "kappa"] <= 1
    assert table.loc["gcm-23", "n_both"] <= min(table.loc["gcm-23", ["n_coder_a", "n_coder_b"]])


def test_held_out_codings_cover_every_sentence(sentences):
    heldout = pd.read_csv(theme_eval.HELDOUT_FILE, dtype=str, keep_default_na=False)
    assert set(heldout["sentence_id"]) == set(sentences.index)
    assert heldout.groupby("doc_id")[["C", "threshold"]].nunique().eq(1).all().all()  # one setting per document


def test_held_out_coding_meets_the_target():
    target = theme_coding_target()
    pooled = theme_eval.held_out_scores().set_index("objective").loc["all"]
    assert pooled["precision"] >= target["precision"] and pooled["recall"] >= target["recall"], pooled.to_dict()


def test_scores_and_confusions_on_a_tiny_case():
    objectives = objective_ids()
    coded = np.zeros((3, len(objectives)), bool)
    gold = np.zeros_like(coded)
    gold[0, 0] = gold[1, 0] = True  # two gold sentences for gcm-01
    coded[0, 0] = True
    coded[1, 22] = True  # the second coded gcm-23 instead
    table = theme_eval.scores(coded, gold, min_gold=1).set_index("objective")
    assert table.loc["gcm-01", ["n_gold", "n_coded", "n_correct"]].tolist() == [2, 1, 1]
    assert table.loc["all", "precision"] == 0.5 and table.loc["all", "recall"] == 0.5
    mixups = theme_eval.confusions(coded, gold)
    assert mixups.values.tolist() == [["gcm-01", "gcm-23", 1]]
    coded[2, 4] = True  # an objective the gold lacks, nothing missed
    gold[2, 1] = True
    coded[2, 4] = False  # ... and now one missed with nothing instead
    mixups = theme_eval.confusions(coded, gold)
    assert ["gcm-02", theme_eval.NONE, 1] in mixups.values.tolist()


def test_the_readme_quotes_the_held_out_figures():
    """The README's theme-coding table is the held-out scoring, not a copy that drifted."""
    from pathlib import Path
    import re

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    for row in theme_eval.held_out_scores().itertuples():
        line = f"| {row.objective} | {row.n_gold} | {row.precision:.3f} | {row.recall:.3f} | {row.f1:.3f} |"
        assert line in readme, line
    assert re.search(r"Cohen's κ = " + f"{theme_eval.agreement().set_index('objective').loc['all', 'kappa']:.3f}", readme)
