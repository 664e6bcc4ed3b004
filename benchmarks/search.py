"""Search, comparison and co-occurrence speed: prints the figures against issue 13's targets.

On the packaged corpus: the FTS5 index build, full-text queries (`idm_data.search.fulltext.search`,
uncached, the median of repeated runs per query, over all sentences and under a filter), the
similar-sentences model load and embedding, and the AppTest reruns of the new views (Explorer with a
query and with sentences like one, Compare, Theme co-occurrence: first run with empty Streamlit caches,
then the median of reruns). On a generated corpus of 1,000 documents (`benchmarks.corpus_generator`):
the tables (from the disk cache when present), then the FTS5 index build and the same queries.

    python -m benchmarks.search                  # packaged corpus and 1,000 generated documents
    python -m benchmarks.search --sizes          # packaged corpus only
    python -m benchmarks.search --sizes 100 1000 --embed   # also embed the generated corpora

Not part of the test suite; writes nothing but temporary folders.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path
from urllib.parse import parse_qs

from benchmarks.corpus_generator import generate
from benchmarks.scale import ROOT, _quiet_streamlit, app_env, load, run_page
from idm_data.resources import CORPUS_DIR

TARGETS = {"query_ms": 50, "rerun_ms": 150, "index_s_at_1000": 10}
QUERIES = ("diaspora", "migrant", "vulnerab*", '"whole of society"', "refugees OR migrants",
           "migrants NOT labour", "NEAR(migrants health, 5)", "the", "a*", '"unclosed')
VIEWS = ("explorer?q=migrant", "explorer?q=vulnerab*&session=idm-2018-1",
         "explorer?sentence=idm-2017-2-geneva_closing-remarks.p014.s06&like=1",
         "compare", "compare?unit=words&by=year", "compare?unit=words&rows=all",
         "cooccurrence", "cooccurrence?unit=paragraph&measure=jaccard")
REPEATS = 15


def _ms(fn, *args, repeats: int = REPEATS) -> tuple[float, float]:
    """Median wall and CPU milliseconds of `fn(*args)`: on a busy machine the wall time is
    mostly waiting for a core, the CPU time is the work (every thread of this process)."""
    walls, cpus = [], []
    for _ in range(repeats):
        wall, cpu = time.perf_counter(), time.process_time()
        fn(*args)
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls) * 1000, statistics.median(cpus) * 1000


def query_times(tables: dict, session: str, repeats: int = REPEATS) -> list[tuple[str, tuple, tuple, int]]:
    """(query, (wall, CPU) ms over every sentence, the same under a session filter, hits) per query."""
    from idm_data.search import fulltext
    from idm_data.views import filters

    index = fulltext.SentenceIndex(tables["sentences"])
    view = filters.apply(tables, filters.Filters(sessions=(session,)))
    return [(text, _ms(fulltext.search, index, tables, text, repeats=repeats),
             _ms(fulltext.search, index, view, text, repeats=repeats), len(fulltext.search(index, tables, text).hits))
            for text in QUERIES]


def view_times(view: str, reruns: int) -> dict:
    """An AppTest of `view` (page?query): first run from empty Streamlit caches, then the median
    wall and CPU milliseconds of `reruns` reruns."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    _quiet_streamlit()
    st.cache_data.clear()
    st.cache_resource.clear()
    page, _, params = view.partition("?")
    at = AppTest.from_file(str(ROOT / "app_pages" / f"{page}.py"), default_timeout=900)
    for key, values in parse_qs(params).items():
        at.query_params[key] = values
    first, _ = _ms(at.run, repeats=1)
    wall, cpu = _ms(at.run, repeats=reruns)
    return {"first_ms": first, "rerun_ms": wall, "rerun_cpu_ms": cpu,
            "error": "; ".join(str(e.value)[:160] for e in at.exception)}


def index_seconds(tables: dict) -> tuple[float, float]:
    """(wall, CPU) seconds to build the index: on a busy machine the wall time is mostly waiting."""
    from idm_data.search import fulltext

    start, cpu = time.perf_counter(), time.process_time()
    fulltext.SentenceIndex(tables["sentences"])
    return time.perf_counter() - start, time.process_time() - cpu


def embed_seconds(tables: dict) -> tuple[float, float, int]:
    """(model load s, embedding s, distinct texts)."""
    from idm_data.search import similar

    start = time.perf_counter()
    model = similar.load_model()
    loaded = time.perf_counter()
    vectors = similar.SentenceVectors.build(tables["sentences"], model)
    return loaded - start, time.perf_counter() - loaded, vectors.vectors.shape[0]


def print_queries(rows, n_sentences: int, repeats: int = REPEATS) -> None:
    print(f"  full-text queries over {n_sentences:,} sentences (median of {repeats}; wall / CPU ms):")
    for text, every, filtered, hits in rows:
        print(f"    {text:28} {every[0]:8.1f} / {every[1]:7.1f} all   {filtered[0]:8.1f} / {filtered[1]:7.1f} "
              f"one session   {hits:7,} hits")
    wall = max(max(every[0], filtered[0]) for _, every, filtered, _ in rows)
    cpu = max(max(every[1], filtered[1]) for _, every, filtered, _ in rows)
    print(f"  slowest query: {wall:.1f} ms wall, {cpu:.1f} ms CPU (target < {TARGETS['query_ms']} ms)")


def packaged(reruns: int) -> None:
    import idm_data

    tables = idm_data.load([CORPUS_DIR])
    print(f"Packaged corpus: {len(tables['documents'])} documents, {len(tables['sentences'])} sentences")
    wall, cpu = index_seconds(tables)
    print(f"  FTS5 index built in {wall * 1000:.0f} ms ({cpu * 1000:.0f} ms CPU)")
    print_queries(query_times(tables, "idm-2018-1"), len(tables["sentences"]))
    loaded, embedded, distinct = embed_seconds(tables)
    print(f"  similar sentences: model loaded in {loaded:.2f} s, {distinct} distinct texts embedded in "
          f"{embedded:.2f} s")
    with tempfile.TemporaryDirectory(prefix="idm-search-bench-") as tmp:
        (Path(tmp) / "added").mkdir()
        with app_env(CORPUS_DIR, Path(tmp)):
            run_page("overview", 1)  # the tables into the disk cache
            print(f"  views (AppTest; first run from empty Streamlit caches, rerun the median of {reruns}):")
            slowest = (0.0, 0.0)
            for view in VIEWS:
                result = view_times(view, reruns)
                if result["error"]:
                    print(f"    {view:70} ERROR {result['error']}")
                    continue
                slowest = max(slowest[0], result["rerun_ms"]), max(slowest[1], result["rerun_cpu_ms"])
                print(f"    {view:70} first {result['first_ms']:7.0f} ms   rerun {result['rerun_ms']:6.0f} ms "
                      f"({result['rerun_cpu_ms']:.0f} ms CPU)")
    print(f"  slowest rerun: {slowest[0]:.0f} ms wall, {slowest[1]:.0f} ms CPU (target < {TARGETS['rerun_ms']} ms)")


def generated(n: int, embed: bool) -> None:
    from idm_data.build.tables import build_or_read

    with tempfile.TemporaryDirectory(prefix=f"idm-search-{n}-") as tmp:
        corpus = Path(tmp) / "corpus"
        generate(corpus, n, seed=0)
        with app_env(corpus, Path(tmp)):
            start = time.perf_counter()
            tables = build_or_read([corpus])
            built = time.perf_counter() - start
        print(f"{n:,} generated documents: {len(tables['sentences']):,} sentences (tables built in {built:.1f} s)")
        wall, cpu = index_seconds(tables)
        target = f" (target < {TARGETS['index_s_at_1000']} s)" if n == 1000 else ""
        print(f"  FTS5 index built in {wall:.2f} s, {cpu:.2f} s CPU{target}; load average {load()}")
        session = tables["sessions"]["session_id"].iloc[0]
        print_queries(query_times(tables, session, repeats=5), len(tables["sentences"]), repeats=5)
        if embed:
            loaded, embedded, distinct = embed_seconds(tables)
            print(f"  similar sentences: {distinct:,} distinct texts embedded in {embedded:.1f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000], help="generated corpus sizes (none: skip)")
    parser.add_argument("--reruns", type=int, default=7)
    parser.add_argument("--embed", action="store_true", help="also embed the generated corpora (slow)")
    args = parser.parse_args()
    print(f"load average {load()}")
    packaged(args.reruns)
    for n in args.sizes:
        generated(n, args.embed)


if __name__ == "__main__":
    main()
