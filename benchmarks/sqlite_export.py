"""The SQLite export over generated corpora: build time of the database (tables, keys,
full-text index), the full-text index alone, file size, and full-text query times.

    python -m benchmarks.sqlite_export                 # 10, 100 and 1,000 generated documents
    python -m benchmarks.sqlite_export --sizes 1000

Prints figures only; writes nothing outside a temporary folder.
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import tempfile
import time
from contextlib import closing
from pathlib import Path

from benchmarks.corpus_generator import generate
from idm_data.build.sqlite import FTS_TABLE, write_sqlite
from idm_data.build.tables import build_tables

QUERIES = ("migrant", "vulner*", '"human rights"', "partnership AND private", "NEAR(labour migration, 5)")
REPEATS = 20


def timed(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def query_ms(connection: sqlite3.Connection, query: str) -> float:
    """Median of REPEATS runs of a ranked search with snippets, 50 rows, as a page would ask."""
    sql = (f"SELECT s.sentence_id, snippet({FTS_TABLE}, 0, '[', ']', '…', 12) FROM {FTS_TABLE} JOIN sentences s "
           f"ON s.rowid = {FTS_TABLE}.rowid WHERE {FTS_TABLE} MATCH ? ORDER BY bm25({FTS_TABLE}) LIMIT 50")
    return 1000 * statistics.median(timed(lambda: connection.execute(sql, (query,)).fetchall())
                                    for _ in range(REPEATS))


def measure(n_documents: int, scratch: Path) -> None:
    corpus = scratch / f"corpus-{n_documents}"
    generate(corpus, n_documents, seed=0)
    tables = build_tables(corpus)
    database = scratch / f"atlas-{n_documents}.db"
    export_s = timed(lambda: write_sqlite(tables, database))
    with closing(sqlite3.connect(database)) as connection:
        index_s = timed(lambda: connection.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')"))
        times = {query: query_ms(connection, query) for query in QUERIES}
    print(f"{n_documents:>6} documents, {len(tables['sentences']):>7,} sentences: export {export_s:6.2f} s "
          f"(full-text index {index_s:5.2f} s), {database.stat().st_size / 1e6:6.1f} MB")
    for query, ms in times.items():
        print(f"        {query:<28} {ms:7.2f} ms (median of {REPEATS})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 1000])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="idm-sqlite-bench-") as scratch:
        for size in args.sizes:
            measure(size, Path(scratch))


if __name__ == "__main__":
    main()
