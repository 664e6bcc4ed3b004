"""Two sessions (or two years) compared: which themes and words are over- or under-represented in A
against B, and whether the difference means anything.

Owns the keyness statistics: log-likelihood G² (Rayson & Garside 2000), the log ratio (Hardie 2014:
base 2, a zero count taken as 0.5) and significance from the chi-square distribution with one degree
of freedom. Owns the sides a reader can compare (the sessions or the years of the view; B may be all
the others) and what is counted: for themes, the sentences coded with the theme out of the side's
sentences; for words, word tokens lower-cased out of all the side's tokens (stop words, from
`data/stopwords.txt`, count in the size but are not listed). And each row's sentences on either side.
Functions take the corpus and the view (the tables the filters keep): a kept sentence brings every
theme it mentions, not only the themes chosen in the filters. Pure pandas and math; no drawing.
"""

from __future__ import annotations

import math
import re
from collections import Counter

import numpy as np
import pandas as pd

from idm_data.resources import stopwords
from idm_data.views.evidence import EVIDENCE_COLUMNS, sentences_for
from idm_data.views.filters import session_label, theme_label

BY = {"session": "Two sessions", "year": "Two years"}
UNITS = {"themes": "Themes", "words": "Words"}
OTHERS = "others"
ZERO_COUNT = 0.5  # a count of 0 in the log ratio (Hardie 2014)
CRITICAL = ((10.83, "***"), (6.63, "**"), (3.84, "*"))  # chi-square, 1 df: p < 0.001, 0.01, 0.05
KEYNESS_COLUMNS = ["item", "label", "n_a", "n_b", "per_1k_a", "per_1k_b", "log_ratio", "g2", "p_value",
                   "significance", "more_in"]
SIZE_COLUMNS = ["side", "label", "n_documents", "n_sentences", "n_words"]
_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")


# --- the statistics -----------------------------------------------------------

def log_likelihood(a, b, size_a, size_b) -> np.ndarray:
    """G² of counts `a` in a corpus of `size_a` against `b` in `size_b` (Rayson & Garside):
    2 Σ O ln(O/E), E the count each side would have if both had the same rate."""
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    expected_a = size_a * (a + b) / (size_a + size_b)
    expected_b = size_b * (a + b) / (size_a + size_b)
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = (np.where(a > 0, a * np.log(a / expected_a), 0.0)
                 + np.where(b > 0, b * np.log(b / expected_b), 0.0))
    return 2 * terms


def log_ratio(a, b, size_a, size_b) -> np.ndarray:
    """log2 of the rate in A over the rate in B; a zero count is taken as ZERO_COUNT. +1 is twice as frequent."""
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    return np.log2((np.where(a > 0, a, ZERO_COUNT) / size_a) / (np.where(b > 0, b, ZERO_COUNT) / size_b))


def p_value(g2: float) -> float:
    """P(chi-square with 1 df >= g2) = erfc(sqrt(g2 / 2))."""
    return math.erfc(math.sqrt(max(float(g2), 0.0) / 2))


def significance(g2: float) -> str:
    """*** for p < 0.001, ** for p < 0.01, * for p < 0.05 (the critical values 10.83, 6.63, 3.84), else ''."""
    return next((mark for critical, mark in CRITICAL if g2 >= critical), "")


def keyness(counts: pd.DataFrame, size_a: int, size_b: int) -> pd.DataFrame:
    """`counts` (item, label, n_a, n_b) with rates per 1,000, log ratio, G², p, significance and
    the side where the item is more frequent; the strongest differences first."""
    if counts.empty or not size_a or not size_b:
        return pd.DataFrame(columns=KEYNESS_COLUMNS)
    a, b = counts["n_a"].to_numpy(), counts["n_b"].to_numpy()
    g2 = log_likelihood(a, b, size_a, size_b)
    out = counts.assign(per_1k_a=(a * 1000 / size_a).round(3), per_1k_b=(b * 1000 / size_b).round(3),
                        log_ratio=log_ratio(a, b, size_a, size_b).round(3), g2=g2.round(3),
                        p_value=[round(p_value(v), 6) for v in g2], significance=[significance(v) for v in g2],
                        more_in=np.select([a / size_a > b / size_b, a / size_a < b / size_b], ["A", "B"], ""))
    return out.sort_values(["g2", "item"], ascending=[False, True])[KEYNESS_COLUMNS].reset_index(drop=True)


# --- the sides ------------------------------------------------------------------

def _dated_sessions(view: dict[str, pd.DataFrame]) -> pd.DataFrame:
    present = set(view["sentences"]["session_id"])
    sessions = view["sessions"][view["sessions"]["session_id"].isin(present) & (view["sessions"]["session_id"] != "")]
    return sessions.sort_values(["start_date", "session_id"])


def side_options(view: dict[str, pd.DataFrame], by: str) -> dict[str, str]:
    """The sessions (or years) with sentences in the view, oldest first: id -> label."""
    sessions = _dated_sessions(view)
    if by == "year":
        return {str(y): str(y) for y in dict.fromkeys(sessions["year"]) if str(y)}
    return {r["session_id"]: session_label(r) for r in sessions.to_dict("records")}


def default_pair(options: dict[str, str]) -> tuple[str, str] | None:
    """The most recent side against the one before it."""
    keys = list(options)
    return (keys[-1], keys[-2]) if len(keys) >= 2 else None


def _side_keys(view: dict[str, pd.DataFrame], by: str) -> pd.Series:
    sessions = view["sentences"]["session_id"].fillna("")
    if by != "year":
        return sessions
    years = dict(zip(view["sessions"]["session_id"], view["sessions"]["year"].astype(str)))
    return sessions.map(years).fillna("")


def side_mask(view: dict[str, pd.DataFrame], by: str, side: str, against: str) -> pd.Series:
    """The view's sentences of `side` (OTHERS: of every session or year but `against`)."""
    keys = _side_keys(view, by)
    return (keys != against) & (keys != "") if side == OTHERS else keys == side


def side_label(options: dict[str, str], side: str, against: str) -> str:
    return f"all but {options.get(against, against)}" if side == OTHERS else options.get(side, side)


def words(text: str) -> list[str]:
    """Word tokens, lower-cased (letters, inner hyphens and apostrophes; a possessive 's dropped)."""
    return [_normal(w) for w in _WORD.findall(text)]


def _normal(word: str) -> str:
    word = word.lower().replace("’", "'")
    return word[:-2] if word.endswith("'s") else word


def sizes(corpus: dict[str, pd.DataFrame], view: dict[str, pd.DataFrame], by: str, a: str, b: str) -> pd.DataFrame:
    """Documents, sentences and word tokens of each side."""
    options = side_options(view, by)
    rows = []
    for name, side, against in (("A", a, b), ("B", b, a)):
        kept = view["sentences"][side_mask(view, by, side, against)]
        rows.append({"side": name, "label": side_label(options, side, against), "n_documents": kept["doc_id"].nunique(),
                     "n_sentences": len(kept), "n_words": sum(len(words(t)) for t in kept["text"])})
    return pd.DataFrame(rows, columns=SIZE_COLUMNS)


# --- themes and words -------------------------------------------------------------

def _sentence_themes(corpus: dict[str, pd.DataFrame], sentence_ids: pd.Series) -> pd.DataFrame:
    mentions = corpus["theme_mentions"]
    return mentions.loc[mentions["sentence_id"].isin(set(sentence_ids)), ["sentence_id", "theme_id"]].drop_duplicates()


def theme_keyness(corpus: dict[str, pd.DataFrame], view: dict[str, pd.DataFrame], by: str, a: str,
                  b: str) -> pd.DataFrame:
    """Keyness of every theme mentioned on either side: sentences coded with it, out of the side's sentences."""
    sentences = view["sentences"]
    side_a, side_b = sentences[side_mask(view, by, a, b)], sentences[side_mask(view, by, b, a)]
    n_a = _sentence_themes(corpus, side_a["sentence_id"])["theme_id"].value_counts()
    n_b = _sentence_themes(corpus, side_b["sentence_id"])["theme_id"].value_counts()
    themes = corpus["themes"].sort_values("theme_order")
    counts = pd.DataFrame({"item": themes["theme_id"], "label": [theme_label(r) for r in themes.to_dict("records")]})
    counts = counts.assign(n_a=counts["item"].map(n_a).fillna(0).astype(int),
                           n_b=counts["item"].map(n_b).fillna(0).astype(int))
    return keyness(counts[(counts["n_a"] + counts["n_b"]) > 0], len(side_a), len(side_b))


def _tokens(texts: pd.Series) -> Counter:
    counter: Counter = Counter()
    for text in texts:
        counter.update(words(text))
    return counter


def word_keyness(corpus: dict[str, pd.DataFrame], view: dict[str, pd.DataFrame], by: str, a: str,
                 b: str) -> pd.DataFrame:
    """Keyness of every word (stop words left out) on either side, out of all the side's word tokens."""
    sentences = view["sentences"]
    tokens_a = _tokens(sentences.loc[side_mask(view, by, a, b), "text"])
    tokens_b = _tokens(sentences.loc[side_mask(view, by, b, a), "text"])
    items = sorted((set(tokens_a) | set(tokens_b)) - stopwords())
    counts = pd.DataFrame({"item": items, "label": items, "n_a": [tokens_a[w] for w in items],
                           "n_b": [tokens_b[w] for w in items]})
    return keyness(counts, sum(tokens_a.values()), sum(tokens_b.values()))


def keyness_for(corpus: dict[str, pd.DataFrame], view: dict[str, pd.DataFrame], unit: str, by: str, a: str,
                b: str) -> pd.DataFrame:
    return (word_keyness if unit == "words" else theme_keyness)(corpus, view, by, a, b)


# --- the sentences behind a row ---------------------------------------------------------

def theme_evidence(corpus: dict[str, pd.DataFrame], view: dict[str, pd.DataFrame], by: str, side: str,
                   against: str, theme_id: str) -> pd.DataFrame:
    """The side's sentences coded with `theme_id`, its matched words highlighted."""
    kept = view["sentences"][side_mask(view, by, side, against)]
    mentions = corpus["theme_mentions"]
    rows = mentions[(mentions["theme_id"] == theme_id) & mentions["sentence_id"].isin(set(kept["sentence_id"]))]
    return sentences_for({**view, "sentences": kept}, rows, surface="matched")


def word_evidence(corpus: dict[str, pd.DataFrame], view: dict[str, pd.DataFrame], by: str, side: str,
                  against: str, word: str) -> pd.DataFrame:
    """The side's sentences with the word (as `words` reads it), each occurrence highlighted."""
    kept = view["sentences"][side_mask(view, by, side, against)]
    spans = [[(m.start(), m.end()) for m in _WORD.finditer(t) if _normal(m.group()) == word] for t in kept["text"]]
    found = kept.assign(spans=spans, matched=word)[[bool(s) for s in spans]]
    out = found.merge(view["documents"][["doc_id", "title", "doc_type"]], on="doc_id", how="left")
    out = out.sort_values(["session_id", "doc_id", "paragraph_no", "sentence_no"])
    return out.reindex(columns=EVIDENCE_COLUMNS).reset_index(drop=True)


def evidence_for(corpus: dict[str, pd.DataFrame], view: dict[str, pd.DataFrame], unit: str, by: str, side: str,
                 against: str, item: str) -> pd.DataFrame:
    return (word_evidence if unit == "words" else theme_evidence)(corpus, view, by, side, against, item)
