"""`python -m idm_data export --sqlite` then `datasette atlas.db --metadata metadata.json`:
the atlas as a browsable, queryable API. Datasette runs on loopback on a free port."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

pytest.importorskip("datasette", reason="Datasette is a test dependency: pip install -r requirements-dev.txt")

# one worker exports and starts the server once; a second process and a server: the full suite only
pytestmark = [pytest.mark.xdist_group("datasette"), pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
START_TIMEOUT_S = 30


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get_json(url: str):
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.load(response)


def wait_until_up(process: subprocess.Popen, url: str, log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while True:
        try:
            get_json(f"{url}/-/versions.json")
            return
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"Datasette did not start:\n{log.read_text()[-3000:]}")
            time.sleep(0.1)  # polling interval of the readiness check


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("datasette")
    result = subprocess.run([sys.executable, "-m", "idm_data", "export", "--sqlite", str(folder / "atlas.db")],
                            cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "metadata.json" in result.stdout
    return folder


@pytest.fixture(scope="module")
def datasette(exported, tmp_path_factory) -> str:
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    log = tmp_path_factory.mktemp("datasette-log") / "datasette.log"
    with log.open("w") as out:  # the child keeps its own copy of the handle
        process = subprocess.Popen([sys.executable, "-m", "datasette", "atlas.db", "--metadata", "metadata.json",
                                    "--host", "127.0.0.1", "--port", str(port)], cwd=exported,
                                   stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        wait_until_up(process, url, log)
        yield url
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=10)


def table(url: str, name: str, **params) -> list[dict]:
    query = urllib.parse.urlencode({"_shape": "array", "_size": "max", **params})
    return get_json(f"{url}/atlas/{name}.json?{query}")


def test_export_writes_the_database_and_its_metadata(exported):
    assert {p.name for p in exported.iterdir()} == {"atlas.db", "metadata.json"}
    metadata = json.loads((exported / "metadata.json").read_text(encoding="utf-8"))
    assert set(metadata["databases"]) == {"atlas"}  # Datasette names the database after the file


def test_datasette_serves_a_table_as_json(datasette):
    documents = table(datasette, "documents")
    assert len(documents) == 5
    assert {d["session_id"] for d in documents} == {"idm-2017-1", "idm-2017-2", "idm-2018-1"}
    assert all(d["doc_id"] and d["n_words"] > 0 for d in documents)


def test_datasette_searches_the_sentences_in_full_text(datasette):
    found = table(datasette, "sentences", _search="migrant")
    assert len(found) > 50
    assert all("migra" in row["text"].lower() for row in found)
    assert any("migrants" in row["text"].lower() for row in found)  # word forms by stem


def test_datasette_follows_foreign_keys_to_labels(datasette):
    mentions = table(datasette, "theme_mentions", _labels="on", _size="5")
    assert mentions
    first = mentions[0]
    assert set(first["theme_id"]) == {"value", "label"} and first["theme_id"]["label"] == first["theme"]
    assert first["session_id"]["label"].startswith("IDM 20")


def test_datasette_shows_the_source_licence_and_descriptions(datasette):
    metadata = get_json(f"{datasette}/-/metadata.json")
    assert metadata["license"].startswith("CC BY 4.0") and metadata["source_url"] == "https://www.iom.int/idm"
    with urllib.request.urlopen(f"{datasette}/atlas/sessions", timeout=10) as response:
        page = response.read().decode("utf-8")
    assert "One row per IDM session" in page and "www.iom.int/idm" in page
