"""A visitor's own uploads: one folder per browser session, nobody else's.

A workspace is a folder of `resources.workspaces_dir()` named by a random
token that only the visitor's session holds, so what one visitor adds is read
with the shared corpus for that visitor alone. It lives as long as the
session: when the session ends the page calls `release`, and `sweep` removes
a released workspace after `RELEASED_GRACE_S` (a reconnecting session claims
it back first) and any workspace idle for `MAX_IDLE_S` (a server that died
never released it). Quotas bound what one session, and all of them together,
may store. Writing the documents is `adding`'s; this module never imports
Streamlit.
"""

from __future__ import annotations

import re
import secrets
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from idm_data.ingest.adding import PreparedDocument, listing
from idm_data.ingest.files import TEXT_SUFFIXES, CorpusError
from idm_data.resources import workspaces_dir

MAX_DOCUMENTS = 5  # per session
MAX_BYTES = 5 * 1024 * 1024  # of stored text, per session
MAX_DOCUMENT_BYTES = 1024 * 1024  # of one document's text (an IDM text is 10-40 KB): bounds a preview's work
MAX_TOTAL_BYTES = 200 * 1024 * 1024  # of every session's documents together
RELEASED_GRACE_S = 10 * 60
MAX_IDLE_S = 12 * 3600
RELEASED = ".released"  # marker file: when the session ended
_TOKEN = re.compile(r"[0-9a-f]{32}")


@dataclass(frozen=True)
class Usage:
    n_documents: int
    n_bytes: int


def new_token() -> str:
    return secrets.token_hex(16)


def folder(token: str) -> Path:
    """The workspace of a token (which must be one `new_token` made: it becomes a path)."""
    if not _TOKEN.fullmatch(token or ""):
        raise ValueError("not a workspace token")
    return workspaces_dir() / token


def has_documents(token: str) -> bool:
    """Whether the workspace holds a document (a directory listing: pages ask on every run)."""
    path = folder(token)
    return path.is_dir() and any(p.suffix.lower() in TEXT_SUFFIXES and not p.name.startswith(".")
                                 for p in path.iterdir())


def usage(token: str) -> Usage:
    documents = listing(folder(token))
    return Usage(len(documents), int(documents["n_bytes"].sum()) if len(documents) else 0)


def check_quota(token: str, prepared: PreparedDocument) -> None:
    """Refuse a document that would take the session, or all sessions, over a quota."""
    size = len(prepared.text.encode("utf-8"))
    used = usage(token)
    if used.n_documents >= MAX_DOCUMENTS:
        raise CorpusError(prepared.file, f"was not added: a session may add at most {MAX_DOCUMENTS} documents; "
                                         "remove one first")
    if used.n_bytes + size > MAX_BYTES:
        raise CorpusError(prepared.file, f"was not added: a session may add at most {MAX_BYTES // 2**20} MB of "
                                         f"text, and {used.n_bytes / 2**20:.1f} MB are used")
    if _total_bytes() + size > MAX_TOTAL_BYTES:
        raise CorpusError(prepared.file, "was not added: the server holds as many visitors' documents as it can; "
                                         "try again later")


def _total_bytes() -> int:
    root = workspaces_dir()
    return sum(p.stat().st_size for p in root.glob("*/*") if p.is_file()) if root.is_dir() else 0


def claim(token: str) -> Path:
    """Mark the workspace as in use by a live session (a reconnect undoes a release)."""
    path = folder(token)
    (path / RELEASED).unlink(missing_ok=True)
    return path


def touch(token: str) -> None:
    """Record activity, so an active workspace is never swept as idle."""
    path = folder(token)
    if path.is_dir():
        path.touch()


def release(token: str) -> None:
    """The session ended: the workspace may be swept after the grace period."""
    path = folder(token)
    if path.is_dir():
        (path / RELEASED).write_text(str(time.time()))


def sweep(now: float | None = None) -> list[str]:
    """Remove workspaces released more than `RELEASED_GRACE_S` ago or idle for
    `MAX_IDLE_S`; returns their tokens."""
    root, now = workspaces_dir(), time.time() if now is None else now
    if not root.is_dir():
        return []
    gone = [p for p in root.iterdir() if p.is_dir() and _TOKEN.fullmatch(p.name) and _expired(p, now)]
    for path in gone:
        shutil.rmtree(path, ignore_errors=True)
    return [p.name for p in gone]


def _expired(path: Path, now: float) -> bool:
    try:
        marker = path / RELEASED
        if marker.exists() and now - marker.stat().st_mtime > RELEASED_GRACE_S:
            return True
        last = max([path.stat().st_mtime] + [p.stat().st_mtime for p in path.iterdir()])
        return now - last > MAX_IDLE_S
    except OSError:
        return False  # being removed by another sweep
