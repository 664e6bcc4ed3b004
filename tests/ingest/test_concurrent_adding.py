"""Saves and removals at the same moment, from threads and from processes
(issue 10): no text is added twice, no manifest row is lost, and the manifest
always names exactly the documents of the folder.

Each worker prepares its document first (as the page does while showing the
preview), then all of them commit at once."""

from __future__ import annotations

import multiprocessing
import sys
import threading
import types
from pathlib import Path

import pytest

from idm_data.ingest import adding as ingest
from idm_data.ingest.files import CorpusError, read_manifest

N_TEXTS = 4


def text(number: int) -> str:
    return (f"Note {number} on migration governance\n\nIOM and its partners met in Geneva to discuss the "
            f"global compact, round {number}.\n")


def submissions() -> list[tuple[str, bytes]]:
    """Every text twice: as saved, and as a copy under another name with an extra
    space and Windows line endings (the same document)."""
    out = []
    for number in range(N_TEXTS):
        out.append((f"note-{number}.txt", text(number).encode()))
        out.append((f"copy of note {number}.md", text(number).replace(" on ", "  on ").replace("\n", "\r\n").encode()))
    return out


def save(folder: str, name: str, data: bytes, barrier) -> str:
    prepared = ingest.prepare(name, data, Path(folder))
    barrier.wait()
    try:
        return ingest.commit(prepared, Path(folder)).name
    except CorpusError as exc:
        return f"refused: {exc.reason}"


def delete(folder: str, file: str, barrier) -> str:
    barrier.wait()
    ingest.remove(file, Path(folder))
    return f"removed {file}"


def assert_consistent(folder: Path, n_documents: int) -> None:
    files = sorted(p.name for p in folder.glob("*.txt"))
    manifest = read_manifest(folder)
    assert sorted(manifest["file"]) == files, "the manifest and the files disagree"
    assert len(files) == n_documents
    texts = [" ".join((folder / f).read_text().split()) for f in files]
    assert len(set(texts)) == len(texts), "a text was added twice"


def run_threads(jobs) -> list[str]:
    results = [None] * len(jobs)
    barrier = threading.Barrier(len(jobs))

    def work(index, job):
        function, *args = job
        results[index] = function(*args, barrier)

    threads = [threading.Thread(target=work, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def run_processes(jobs) -> list[str]:
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["idm_data.ingest.adding"])
    with context.Manager() as manager:
        barrier = manager.Barrier(len(jobs))
        with context.Pool(len(jobs)) as pool:
            pending = [pool.apply_async(function, (*args, barrier)) for function, *args in jobs]
            return [job.get(timeout=120) for job in pending]


@pytest.fixture(autouse=True)
def plain_main(monkeypatch):
    """A new process re-runs `__main__` from its path, and AppTest leaves the last page
    it ran there: the workers must start from an empty main module instead."""
    monkeypatch.setitem(sys.modules, "__main__", types.ModuleType("__main__"))


@pytest.mark.parametrize("run", [pytest.param(run_threads, id="threads"),
                                 pytest.param(run_processes, id="processes", marks=pytest.mark.slow)])
def test_concurrent_saves_add_each_text_once_and_lose_no_row(tmp_path, run):
    rounds = 3 if run is run_threads else 1
    for round_ in range(rounds):
        folder = tmp_path / f"round-{round_}"
        results = run([(save, str(folder), name, data) for name, data in submissions()])
        saved = [r for r in results if not r.startswith("refused")]
        assert len(saved) == N_TEXTS, results
        assert all("same content" in r for r in results if r.startswith("refused")), results
        assert_consistent(folder, N_TEXTS)


@pytest.mark.parametrize("run", [pytest.param(run_threads, id="threads"),
                                 pytest.param(run_processes, id="processes", marks=pytest.mark.slow)])
def test_concurrent_removals_and_saves_keep_the_manifest_and_files_together(tmp_path, run):
    folder = tmp_path / "added"
    for name, data in submissions()[::2]:
        ingest.commit(ingest.prepare(name, data, folder), folder)
    new = [(f"late-{n}.txt", text(N_TEXTS + n).encode()) for n in range(N_TEXTS)]
    jobs = [(delete, str(folder), f"note-{n}.txt") for n in range(N_TEXTS)]
    jobs += [(save, str(folder), name, data) for name, data in new]
    results = run(jobs)
    assert sorted(results) == sorted([f"removed note-{n}.txt" for n in range(N_TEXTS)]
                                     + [f"late-{n}.txt" for n in range(N_TEXTS)])
    assert_consistent(folder, N_TEXTS)
