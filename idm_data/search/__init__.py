"""Search over the sentences: full text (SQLite FTS5, ranked by bm25) and by meaning (wordllama embeddings).

`query` reads a reader's query, `fulltext` indexes and searches, `similar` finds sentences alike in meaning.
No Streamlit: the pages cache the index and the embeddings (`ui.data`).
"""
