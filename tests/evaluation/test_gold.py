"""The gold annotations (idm_data/evaluation/gold/, see GUIDELINES.md there): every row
points to exactly one place in its document, and the files have the columns
the guidelines name."""

from pathlib import Path

import pandas as pd
import pytest

from idm_data.evaluation import score as evaluation
from idm_data.resources import CORPUS_DIR

GOLD = evaluation.GOLD_DIR


@pytest.mark.parametrize("gold_file", sorted(p.name for p in GOLD.glob("*.csv") if p.name != "names.csv"))
def test_every_gold_row_locates(gold_file):
    gold = pd.read_csv(GOLD / gold_file, dtype=str, keep_default_na=False)
    if "context" not in gold.columns:  # takeaways locate by start and end
        for row in gold.itertuples():
            raw = (CORPUS_DIR / row.doc).read_text(encoding="utf-8")
            assert evaluation.locate(raw, row.start)[0] < evaluation.locate(raw, row.end)[1], row
        return
    located = evaluation.located(gold, CORPUS_DIR)
    assert len(located) == len(gold) > 0
    for row in located.itertuples():
        raw = (CORPUS_DIR / row.doc).read_text(encoding="utf-8")
        if "surface" in gold.columns:
            assert raw[row.start:row.end] == row.surface


def test_gold_columns_follow_the_guidelines():
    expected = {
        "countries.csv": ["doc", "surface", "iso3", "context", "nth", "note"],
        "frameworks.csv": ["doc", "surface", "framework", "context", "nth", "note"],
        "partnerships.csv": ["doc", "source", "target", "context", "nth", "note"],
        "people.csv": ["doc", "surface", "name", "title", "affiliation", "context", "nth", "note"],
        "takeaways.csv": ["doc", "kind", "number", "title", "start", "end", "note"],
    }
    for name, columns in expected.items():
        assert pd.read_csv(GOLD / name, nrows=0).columns.tolist() == columns
    for path in GOLD.glob("organisations*.csv"):
        assert pd.read_csv(path, nrows=0).columns.tolist() == [
            "doc", "surface", "name", "acronym", "org_type", "context", "nth", "note"]


@pytest.mark.parametrize("context, surface, nth, error", [
    ("no such words anywhere here", None, None, "not found"),
    ("the", None, None, "give nth"),
    ("the", None, 10_000, "nth="),
    ("Our speakers from Italy and Ecuador", "Mexico", None, "not in context"),
])
def test_locate_refuses_what_does_not_point_to_one_place(context, surface, nth, error):
    raw = (CORPUS_DIR / "idm-2017-1-new-york_closing-remarks.txt").read_text(encoding="utf-8")
    with pytest.raises(evaluation.GoldError, match=error):
        evaluation.locate(raw, context, surface, nth)


def test_locate_gives_the_surface_inside_the_context():
    raw = "a b Italy c. Italy d."
    assert evaluation.locate(raw, "Italy d", "Italy") == (13, 18)
    assert evaluation.locate(raw, "Italy", None, 2) == (13, 18)


def test_the_gold_name_crosswalk_names_catalogue_entities():
    """names.csv says which catalogue entity a gold name means where the annotators named it
    otherwise; each row points to an existing id (the scorer never uses the extractor's aliases)."""
    import idm_data

    tables = idm_data.load(CORPUS_DIR)
    names = pd.read_csv(GOLD / "names.csv", dtype=str, keep_default_na=False)
    ids = {"organisations": set(tables["organisations"]["org_id"]), "frameworks": set(tables["frameworks"]["framework_id"])}
    assert names["gold_name"].is_unique
    for row in names.itertuples():
        assert row.id in ids[row.entity], row
