"""The full-text index of the sentences: SQLite FTS5 with a stemming tokenizer.

Owns the index (an in-memory SQLite database built once per corpus from the
sentences table, read-only afterwards), running a reader's query ranked by
bm25 within the sentences a view keeps, and the match offsets of each hit.
Offsets come from FTS5's highlight() with private-use marker characters,
turned into spans: the marked text never leaves this module, so no FTS5
markup reaches a page (pages escape the sentence and wrap the spans, see
`ui.escape`). A prefix (`vulnerab*`) stands for the written words it begins,
each matched on its stem: FTS5's own prefix match runs on stems and would miss
"vulnerable" (stem "vulner"). One connection, used under a lock: Streamlit runs
sessions in threads. Reading the query's syntax is `query`.
"""

from __future__ import annotations

import re
import sqlite3
import threading
import unicodedata
from dataclasses import dataclass, field
from typing import Iterable

import numpy as np
import pandas as pd

from idm_data.search import query

TOKENIZE = "porter unicode61 remove_diacritics 2"
WRITTEN_TOKENIZE = "unicode61 remove_diacritics 2"  # words as written (folded): what a prefix starts
TABLE = "sentence_text"
MAX_EXPANSION = 50  # a prefix of more written words than this uses FTS5's own (stemmed) prefix match
SHOWN = 200  # hits that get spans and a keyword-in-context line
CONTEXT_WIDTH = 70
HIT_COLUMNS = ["rank", "relevance", "session_id", "doc_id", "title", "sentence_id", "text"]
TOP_COLUMNS = HIT_COLUMNS[:-1] + ["left", "match", "right", "text", "spans"]
_OPEN, _CLOSE = "\ue000", "\ue001"
_MARKERS = re.compile(f"([{_OPEN}{_CLOSE}])")


def create_index(db: sqlite3.Connection, rows: Iterable[tuple[int, str]], table: str = TABLE) -> None:
    """An FTS5 table of (rowid, text) rows, tokenized with stems (usable for any SQLite file).
    Segments are merged once at the end, not while inserting: faster to build and to query."""
    db.execute(f"CREATE VIRTUAL TABLE {table} USING fts5(text, tokenize='{TOKENIZE}')")
    db.execute(f"INSERT INTO {table}({table}, rank) VALUES ('automerge', 0)")
    db.executemany(f"INSERT INTO {table}(rowid, text) VALUES (?, ?)", rows)
    db.execute(f"INSERT INTO {table}({table}) VALUES ('optimize')")


def _create_written_words(db: sqlite3.Connection, texts: Iterable[str]) -> None:
    """Table `written_words`: every distinct word as written (lower-cased, no diacritics), tokenized
    by SQLite itself so prefixes match exactly what the index saw (each distinct text read once)."""
    db.execute(f"CREATE VIRTUAL TABLE temp.written USING fts5(text, tokenize='{WRITTEN_TOKENIZE}', detail=none)")
    db.executemany("INSERT INTO temp.written(text) VALUES (?)", ((text,) for text in dict.fromkeys(texts)))
    db.execute("CREATE VIRTUAL TABLE temp.written_vocab USING fts5vocab(temp, written, 'row')")
    db.execute("CREATE TABLE written_words(word TEXT PRIMARY KEY) WITHOUT ROWID")
    db.execute("INSERT INTO written_words SELECT term FROM temp.written_vocab")
    db.execute("DROP TABLE temp.written_vocab")
    db.execute("DROP TABLE temp.written")


def fold(text: str) -> str:
    """Lower case without diacritics, as the tokenizer folds words."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


class SentenceIndex:
    """The sentences of one corpus in FTS5; rowid i is the sentence at position i - 1."""

    def __init__(self, sentences: pd.DataFrame):
        self.sentences = sentences[["sentence_id", "doc_id", "session_id", "text"]].reset_index(drop=True)
        self._positions = pd.Index(self.sentences["sentence_id"])
        texts = self.sentences["text"].astype(str)
        self._lock = threading.Lock()
        self._db = sqlite3.connect(":memory:", check_same_thread=False)
        with self._lock:
            create_index(self._db, enumerate(texts, start=1))
            _create_written_words(self._db, texts)
            self._db.commit()
            self._db.execute("PRAGMA query_only = ON")  # shared between visitors: nobody writes

    def kept(self, sentence_ids: pd.Series) -> np.ndarray:
        """A mask over the index's positions: True for the sentences in `sentence_ids`."""
        positions = self._positions.get_indexer(sentence_ids)
        mask = np.zeros(len(self._positions), dtype=bool)
        mask[positions[positions >= 0]] = True
        return mask

    def _rows(self, sql: str, parameters: tuple) -> list[tuple]:
        with self._lock:
            return self._db.execute(sql, parameters).fetchall()

    def words_beginning(self, prefix: str) -> list[str] | None:
        """The written words that begin with `prefix` (None if more than MAX_EXPANSION)."""
        start = fold(prefix)
        words = [w for (w,) in self._rows("SELECT word FROM written_words WHERE word >= ? AND word < ? LIMIT ?",
                                          (start, start + "\U0010ffff", MAX_EXPANSION + 1))]
        return None if len(words) > MAX_EXPANSION else words

    def ranked(self, expression: str) -> list[tuple[int, float]]:
        """(rowid, bm25) of every match, best first; a query FTS5 rejects is a QueryProblem."""
        try:
            return self._rows(f"SELECT rowid, bm25({TABLE}) FROM {TABLE} WHERE {TABLE} MATCH ? ORDER BY rank",
                              (expression,))
        except sqlite3.Error as error:
            raise query.QueryProblem(query.UNREADABLE) from error

    def marked(self, expression: str, rowids: list[int]) -> dict[int, str]:
        """The texts of `rowids` (matches of `expression`) with each match between the markers.
        Walks the matches in rowid order and marks only the rows wanted (inside CASE):
        FTS5 is slow to look rowids up one by one, and marking every match of a common word costs."""
        if not rowids:
            return {}
        wanted = ",".join("?" * len(rowids))
        sql = (f"SELECT rowid, CASE WHEN rowid IN ({wanted}) THEN highlight({TABLE}, 0, ?, ?) END "
               f"FROM {TABLE} WHERE {TABLE} MATCH ?")
        return {rowid: text for rowid, text in self._rows(sql, (*rowids, _OPEN, _CLOSE, expression))
                if text is not None}


def spans_from_marked(marked: str, text: str) -> list[tuple[int, int]]:
    """The (start, end) offsets in `text` of the spans between markers in `marked`;
    none if the text itself holds a marker character (the offsets would lie)."""
    spans, plain, position, start = [], [], 0, None
    for piece in _MARKERS.split(marked):
        if piece == _OPEN:
            start = position
        elif piece == _CLOSE and start is not None:
            spans.append((start, position))
            start = None
        elif piece not in (_OPEN, _CLOSE):
            plain.append(piece)
            position += len(piece)
    return spans if "".join(plain) == text else []


@dataclass(frozen=True)
class Search:
    """Every hit of a query in the sentences a view keeps, best first (`hits`), and the first
    SHOWN with their spans and a keyword-in-context line (`top`); or the reader's message
    (`problem`) if the query could not be read."""
    hits: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=HIT_COLUMNS))
    top: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=TOP_COLUMNS))
    problem: str = ""


def _in_context(text: str, spans: list[tuple[int, int]], width: int = CONTEXT_WIDTH) -> tuple[str, str, str]:
    if not spans:
        return "", "", ""
    start, end = spans[0]
    return text[max(0, start - width):start], text[start:end], text[end:end + width]


def _hits(index: SentenceIndex, tables: dict[str, pd.DataFrame], ranked: list[tuple[int, float]]) -> pd.DataFrame:
    """The ranked matches among the sentences of `tables`, with a `rowid` column (vectorized:
    a common word matches most of a large corpus)."""
    found = np.array(ranked, dtype=float).reshape(-1, 2)
    positions = found[:, 0].astype(np.int64) - 1
    keep = index.kept(tables["sentences"]["sentence_id"])[positions]
    positions, scores = positions[keep], found[keep, 1]
    hits = index.sentences.take(positions).reset_index(drop=True)
    titles = hits["doc_id"].map(dict(zip(tables["documents"]["doc_id"], tables["documents"]["title"])))
    return hits.assign(rowid=positions + 1, rank=np.arange(1, len(hits) + 1), relevance=np.round(-scores, 3),
                       title=titles.fillna(""))


def _top(index: SentenceIndex, expression: str, hits: pd.DataFrame) -> pd.DataFrame:
    """The first hits with the offsets of their matches and their first match in context."""
    marked = index.marked(expression, [int(r) for r in hits["rowid"]])
    spans = [spans_from_marked(marked[r], t) if r in marked else [] for r, t in zip(hits["rowid"], hits["text"])]
    left, match, right = (list(c) for c in zip(*(_in_context(t, s) for t, s in zip(hits["text"], spans)))) \
        if len(hits) else ([], [], [])
    return hits.assign(spans=spans, left=left, match=match, right=right)[TOP_COLUMNS]


def search(index: SentenceIndex, tables: dict[str, pd.DataFrame], text: str, shown: int = SHOWN) -> Search:
    """The sentences of `tables` that match the reader's query `text`, ranked by bm25."""
    if not text.strip():
        return Search()
    try:
        expression = query.expression(query.parse(text), index.words_beginning)
        ranked = index.ranked(expression)
    except query.QueryProblem as problem:
        return Search(problem=str(problem))
    hits = _hits(index, tables, ranked)
    return Search(hits[HIT_COLUMNS], _top(index, expression, hits.head(shown)).reset_index(drop=True))


def summary(hits: pd.DataFrame) -> dict[str, int]:
    """How many sentences, documents and sessions a search found."""
    return {"n_sentences": len(hits), "n_documents": int(hits["doc_id"].nunique()),
            "n_sessions": int(hits["session_id"].nunique())}


def for_download(hits: pd.DataFrame) -> pd.DataFrame:
    """Every hit, ranked, with its provenance."""
    return hits[HIT_COLUMNS]
