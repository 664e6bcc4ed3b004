"""Theme frequency per session: the session × theme matrix behind the Themes page.

Owns the three measures (sentences, codings, codings per 1,000 words), the
reader's choice of codings (every one, phrase matches only, or the learned coder's
above a score),
the long matrix with every shown theme in every session (zeros kept, so an
objective nobody mentioned stays visible), per-theme totals, the default and
clicked cell, and a cell's evidence sentences. It does not match themes in
text (that is `themes`) nor filter tables (that is `filters`): it counts the
`theme_mentions` rows it is given, over the words of the documents it is given.
"""

from __future__ import annotations

from typing import Iterable

import pandas as pd

from idm_data.views.evidence import sentences_for
from idm_data.views.filters import session_label, theme_label
from idm_data.vocabulary import theme_family_label

# measure id -> axis title that says what is counted
MEASURES = {
    "n_sentences": "Sentences mentioning the theme",
    "n_matches": "Codings",
    "rate_per_1k_words": "Codings per 1,000 words",
}
CODINGS = {"all": "Phrases and the learned coder", "phrase": "Codebook phrases only"}
MEASURE_HELP = {
    "n_sentences": "Sentences coded with the theme: a codebook phrase matched, or (GCM objectives) the learned "
                   "coder found it (a sentence counts once).",
    "n_matches": "Every phrase match, plus one per sentence the learned coder found without a phrase (a sentence "
                 "can hold several).",
    "rate_per_1k_words": "Codings × 1,000 ÷ words of the session's documents (after the filters), "
                         "so long and short documents compare.",
}
FAMILIES = {"both": "GCM objectives and cross-cutting themes",
            **{family: theme_family_label(family, plural=True) for family in ("gcm_objective", "cross_cutting")}}
MATRIX_COLUMNS = ["session_id", "theme_id", "theme", "family", "n_sentences", "n_matches", "n_words",
                  "rate_per_1k_words"]
TOTAL_COLUMNS = ["theme_id", "theme", "family", "n_sentences", "n_matches", "n_words", "rate_per_1k_words",
                 "session_ids"]
DISPLAY_COLUMNS = ["label", "definition", "theme_order", "session_label", "session_short"]
NO_SESSION = "No session"


def themes_shown(themes: pd.DataFrame, family: str = "both", theme_ids: Iterable[str] = ()) -> pd.DataFrame:
    """Codebook rows of `family` (or both), restricted to `theme_ids` if any, in official order,
    with a display `label` ("GCM 1: Data") and a hover `definition` (objective wording, else description)."""
    chosen = themes if family not in ("gcm_objective", "cross_cutting") else themes[themes["family"] == family]
    ids = list(theme_ids)
    if ids:
        chosen = chosen[chosen["theme_id"].isin(ids)]
    chosen = chosen.sort_values("theme_order")
    return chosen.assign(label=[theme_label(r) for r in chosen.to_dict("records")],
                         definition=chosen["objective"].where(chosen["objective"] != "", chosen["description"]))


def session_words(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """One row per session of the given documents: words, a long and a short label, in date order
    (documents without a session last)."""
    docs = tables["documents"]
    words = docs.groupby("session_id", as_index=False).agg(n_words=("n_words", "sum"))
    facts = tables["sessions"][["session_id", "session_name", "start_date", "city"]]
    out = words.merge(facts, on="session_id", how="left").fillna({"session_name": "", "start_date": "", "city": ""})
    out["session_label"] = [session_label(r) if r["session_id"] else NO_SESSION for r in out.to_dict("records")]
    out["session_short"] = out["session_name"].where(out["session_name"] != "", out["session_label"])
    out = out.assign(_last=out["session_id"] == "").sort_values(["_last", "start_date", "session_id"])
    return out[["session_id", "session_label", "session_short", "n_words"]].reset_index(drop=True)


def mention_counts(mentions: pd.DataFrame) -> pd.DataFrame:
    """Sentences and phrase matches per session and theme (only pairs with a mention)."""
    return (mentions.groupby(["session_id", "theme_id"], as_index=False)
            .agg(n_sentences=("sentence_id", "nunique"), n_matches=("sentence_id", "size")))


def per_1k_words(count: pd.Series, words: pd.Series) -> pd.Series:
    """`count` per 1,000 words (0 where there are no words)."""
    return (count * 1000 / words.where(words > 0)).fillna(0.0).round(3)


def coded_mentions(mentions: pd.DataFrame, coding: str = "all", min_score: float = 0.0) -> pd.DataFrame:
    """The theme mentions a reader chose to count: every coding ("all"), the codebook's phrase
    matches only ("phrase"), and, with `min_score`, only those objectives the learned coder
    found on its own with at least that score (phrase matches are kept: no score decides them)."""
    if coding == "phrase":
        return mentions[mentions["method"] == "phrase"]
    if min_score > 0:
        return mentions[(mentions["method"] == "phrase") | (mentions["score"].fillna(0) >= min_score)]
    return mentions


def theme_matrix(tables: dict[str, pd.DataFrame], family: str = "both", theme_ids: Iterable[str] = (),
                 coding: str = "all", min_score: float = 0.0) -> pd.DataFrame:
    """Long matrix: every session of the documents × every shown theme, zeros kept, counting the
    mentions `coded_mentions` keeps. MATRIX_COLUMNS first, then DISPLAY_COLUMNS (labels, hover
    definition, order)."""
    sessions = session_words(tables)
    themes = themes_shown(tables["themes"], family, theme_ids)
    if sessions.empty or themes.empty:
        return pd.DataFrame(columns=MATRIX_COLUMNS + DISPLAY_COLUMNS)
    grid = sessions.merge(themes[["theme_id", "theme", "family", "label", "definition", "theme_order"]], how="cross")
    counted = coded_mentions(tables["theme_mentions"], coding, min_score)
    out = grid.merge(mention_counts(counted), on=["session_id", "theme_id"], how="left")
    out[["n_sentences", "n_matches"]] = out[["n_sentences", "n_matches"]].fillna(0).astype(int)
    out["rate_per_1k_words"] = per_1k_words(out["n_matches"], out["n_words"])
    return out[MATRIX_COLUMNS + DISPLAY_COLUMNS].reset_index(drop=True)


def theme_totals(matrix: pd.DataFrame) -> pd.DataFrame:
    """One row per theme of `matrix`, summed over its sessions; the rate is over all their words."""
    words = matrix.drop_duplicates("session_id")["n_words"].sum()
    keys = ["theme_order", "theme_id", "theme", "family", "label", "definition"]
    out = (matrix.groupby(keys, as_index=False, dropna=False)
           .agg(n_sentences=("n_sentences", "sum"), n_matches=("n_matches", "sum"),
                session_ids=("session_id", lambda s: ";".join(s))))
    out["n_words"] = int(words)
    out["rate_per_1k_words"] = per_1k_words(out["n_matches"], out["n_words"])
    return out.sort_values("theme_order")[TOTAL_COLUMNS + ["label", "definition"]].reset_index(drop=True)


def unmentioned(totals: pd.DataFrame) -> list[str]:
    """Labels of the themes with no mention at all, in official order."""
    return totals.loc[totals["n_matches"] == 0, "label"].tolist()


def default_cell(matrix: pd.DataFrame, measure: str) -> tuple[str, str] | None:
    """The cell with the highest `measure` (first in session then official order on ties)."""
    if matrix.empty:
        return None
    top = matrix.loc[matrix[measure].idxmax()]
    return top["session_id"], top["theme_id"]


def found_by(row) -> str:
    """How one theme mention was found, as a reader reads it."""
    if row.method == "model":
        return f"learned coder, score {row.score:.2f} (weighed most: {row.matched})"
    score = "" if pd.isna(row.score) else f"; learned coder's score {row.score:.2f}"
    return f"codebook phrase “{row.matched}”{score}"


def cell_evidence(tables: dict[str, pd.DataFrame], session_id: str, theme_id: str, coding: str = "all",
                  min_score: float = 0.0) -> pd.DataFrame:
    """The sentences counted in one cell, one row each, matched (or weightiest) words as highlight
    spans, `found_by` saying how; with the cell's theme_id and theme."""
    mentions = coded_mentions(tables["theme_mentions"], coding, min_score)
    rows = mentions[(mentions["session_id"] == session_id) & (mentions["theme_id"] == theme_id)]
    out = sentences_for(tables, rows, surface="matched")
    how = rows.assign(found_by=[found_by(r) for r in rows.itertuples()]).groupby("sentence_id")["found_by"] \
        .agg(lambda values: "; ".join(dict.fromkeys(values)))
    names = tables["themes"].set_index("theme_id")["theme"]
    return out.assign(theme_id=theme_id, theme=names.get(theme_id, ""), found_by=out["sentence_id"].map(how).fillna(""))
