"""A visitor's workspace (issue 10): a folder per browser session, named by a
token only that session holds, swept once released or idle, within quotas."""

from __future__ import annotations

import os
import time

import pytest

from idm_data.ingest import adding as ingest
from idm_data.ingest import workspace
from idm_data.ingest.files import CorpusError


@pytest.fixture
def root(tmp_path, monkeypatch):
    monkeypatch.setenv("IDM_ATLAS_WORKSPACES", str(tmp_path / "workspaces"))
    return tmp_path / "workspaces"


def add(token: str, name: str, text: str) -> None:
    folder = workspace.folder(token)
    ingest.commit(ingest.prepare(name, text.encode(), folder), folder)


def test_tokens_are_random_and_only_tokens_become_paths(root):
    first, second = workspace.new_token(), workspace.new_token()
    assert first != second and workspace.folder(first) == root / first
    for bad in ("../escape", "", "A" * 32, first + "/x", "."):
        with pytest.raises(ValueError):
            workspace.folder(bad)


def test_usage_and_documents(root):
    token = workspace.new_token()
    assert not workspace.has_documents(token) and workspace.usage(token) == workspace.Usage(0, 0)
    add(token, "a.txt", "One note on migration.\n")
    assert workspace.has_documents(token)
    assert workspace.usage(token) == workspace.Usage(1, len("One note on migration.\n"))


def test_a_released_workspace_is_swept_after_the_grace_period_unless_claimed_back(root):
    kept, ended = workspace.new_token(), workspace.new_token()
    for token in (kept, ended):
        add(token, "a.txt", f"A note of {token}.\n")
        workspace.release(token)
    workspace.claim(kept)  # the session reconnected
    later = time.time() + workspace.RELEASED_GRACE_S + 1
    assert workspace.sweep(now=time.time()) == []
    assert workspace.sweep(now=later) == [ended]
    assert workspace.folder(kept).exists() and not workspace.folder(ended).exists()


def test_an_idle_workspace_is_swept_and_an_active_one_kept(root):
    idle, active = workspace.new_token(), workspace.new_token()
    for token in (idle, active):
        add(token, "a.txt", f"A note of {token}.\n")
    old = time.time() - workspace.MAX_IDLE_S - 60
    for path in [workspace.folder(idle), *workspace.folder(idle).iterdir()]:
        os.utime(path, (old, old))
    assert workspace.sweep() == [idle]
    (root / "not-a-workspace").mkdir()
    assert workspace.sweep(now=time.time() + 2 * workspace.MAX_IDLE_S) == [active]
    assert (root / "not-a-workspace").exists()  # only token-named folders are ever removed


def test_quotas_name_the_limit(root, monkeypatch):
    token = workspace.new_token()
    add(token, "a.txt", "A first note.\n")
    prepared = ingest.prepare("b.txt", b"A second note.\n", workspace.folder(token))
    workspace.check_quota(token, prepared)
    monkeypatch.setattr(workspace, "MAX_DOCUMENTS", 1)
    with pytest.raises(CorpusError, match="at most 1 documents"):
        workspace.check_quota(token, prepared)
