"""Theme co-occurrence: which themes travel together (the QDA tools' co-occurrence table).

Owns the units coded with each theme (sentences, or paragraphs: a paragraph carries every theme
of its kept sentences), the theme × theme table of units coded with both, its Jaccard index (units
with both ÷ units with either), the default cell, a theme's closest partner, and the sentences behind
a cell. Functions take the corpus and the view (the tables the filters keep): a kept sentence brings
every theme it mentions, so a theme chosen in the filters selects sentences, not the themes counted.
Pure pandas; the grid is drawn by `ui.charts.cooccurrence`.
"""

from __future__ import annotations

import pandas as pd

from idm_data.views.evidence import sentences_for
from idm_data.views.theme_stats import themes_shown

UNITS = {"sentence": "Sentences", "paragraph": "Paragraphs"}
MEASURES = {"n_both": "Coded with both", "jaccard": "Jaccard index (both ÷ either)"}
MEASURE_HELP = {"n_both": "How many units (sentences or paragraphs) are coded with both themes.",
                "jaccard": "Units coded with both ÷ units coded with either: 1 when the two themes always come "
                           "together, 0 when never; it does not grow with how often each theme is mentioned."}
PAIR_COLUMNS = ["theme_a", "theme_b", "label_a", "label_b", "n_both", "n_a", "n_b", "jaccard"]


def _kept_mentions(corpus: dict[str, pd.DataFrame], view: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Every theme mention of the view's sentences, with the sentence's paragraph."""
    kept = view["sentences"][["sentence_id", "doc_id", "paragraph_no"]]
    mentions = corpus["theme_mentions"]
    mentions = mentions[mentions["sentence_id"].isin(set(kept["sentence_id"]))]
    return mentions.merge(kept.drop(columns="doc_id"), on="sentence_id")


def _unit_ids(mentions: pd.DataFrame, unit: str) -> pd.Series:
    if unit == "paragraph":
        return mentions["doc_id"] + ".p" + mentions["paragraph_no"].astype(str)
    return mentions["sentence_id"]


def coded_units(corpus: dict[str, pd.DataFrame], view: dict[str, pd.DataFrame], unit: str) -> pd.DataFrame:
    """One row per unit and theme it is coded with: unit_id, theme_id."""
    mentions = _kept_mentions(corpus, view)
    out = pd.DataFrame({"unit_id": _unit_ids(mentions, unit), "theme_id": mentions["theme_id"]})
    return out.drop_duplicates().reset_index(drop=True)


def pairs(corpus: dict[str, pd.DataFrame], view: dict[str, pd.DataFrame], unit: str = "sentence",
          family: str = "both") -> pd.DataFrame:
    """Every ordered pair of two different themes of `family` coded together in at least one unit:
    units with both, with each, and the Jaccard index; themes in codebook order."""
    themes = themes_shown(corpus["themes"], family)
    coded = coded_units(corpus, view, unit)
    coded = coded[coded["theme_id"].isin(set(themes["theme_id"]))]
    together = coded.merge(coded, on="unit_id", suffixes=("_a", "_b"))
    together = together[together["theme_id_a"] != together["theme_id_b"]]
    if together.empty:
        return pd.DataFrame(columns=PAIR_COLUMNS + ["order_a", "order_b"])
    out = (together.groupby(["theme_id_a", "theme_id_b"]).size().rename("n_both").reset_index()
           .rename(columns={"theme_id_a": "theme_a", "theme_id_b": "theme_b"}))
    each = coded["theme_id"].value_counts()
    labels, order = dict(zip(themes["theme_id"], themes["label"])), dict(zip(themes["theme_id"], themes["theme_order"]))
    out = out.assign(n_a=out["theme_a"].map(each), n_b=out["theme_b"].map(each),
                     label_a=out["theme_a"].map(labels), label_b=out["theme_b"].map(labels),
                     order_a=out["theme_a"].map(order), order_b=out["theme_b"].map(order))
    out["jaccard"] = (out["n_both"] / (out["n_a"] + out["n_b"] - out["n_both"])).round(3)
    return out.sort_values(["order_a", "order_b"])[PAIR_COLUMNS + ["order_a", "order_b"]].reset_index(drop=True)


def table(pairs_: pd.DataFrame) -> pd.DataFrame:
    """Each pair once (theme_a first in codebook order), for reading and download."""
    return pairs_[pairs_["order_a"] < pairs_["order_b"]][PAIR_COLUMNS].reset_index(drop=True)


def grid_themes(pairs_: pd.DataFrame) -> dict[str, str]:
    """The themes of the grid, in codebook order: id -> label."""
    ordered = pairs_.drop_duplicates("theme_a").sort_values("order_a")
    return dict(zip(ordered["theme_a"], ordered["label_a"]))


def default_cell(pairs_: pd.DataFrame, measure: str) -> tuple[str, str] | None:
    """The pair with the highest `measure` (the first in codebook order on ties)."""
    if pairs_.empty:
        return None
    top = pairs_.loc[pairs_[measure].idxmax()]
    return top["theme_a"], top["theme_b"]


def best_partner(pairs_: pd.DataFrame, theme_id: str, measure: str) -> str | None:
    """The theme most often (by `measure`) coded together with `theme_id`."""
    partners = pairs_[pairs_["theme_a"] == theme_id]
    return None if partners.empty else partners.loc[partners[measure].idxmax(), "theme_b"]


def cell(pairs_: pd.DataFrame, theme_a: str, theme_b: str) -> dict:
    """The pair's figures (zeros if never coded together)."""
    found = pairs_[(pairs_["theme_a"] == theme_a) & (pairs_["theme_b"] == theme_b)]
    return found.iloc[0].to_dict() if len(found) else {"n_both": 0, "jaccard": 0.0}


def cell_evidence(corpus: dict[str, pd.DataFrame], view: dict[str, pd.DataFrame], unit: str, theme_a: str,
                  theme_b: str) -> pd.DataFrame:
    """The sentences behind a cell, both themes' matched words highlighted: sentences coded with both
    (unit "sentence"), or the sentences coded with either in paragraphs coded with both."""
    mentions = _kept_mentions(corpus, view)
    mentions = mentions[mentions["theme_id"].isin({theme_a, theme_b})]
    units = _unit_ids(mentions, unit)
    themes_per_unit = mentions.groupby(units)["theme_id"].nunique()
    both = set(themes_per_unit[themes_per_unit == 2].index) if theme_a != theme_b else set()
    return sentences_for(view, mentions[units.isin(both)], surface="matched")
