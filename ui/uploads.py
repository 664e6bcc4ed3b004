"""This visitor's uploads, and the admin mode that publishes for everyone.

Each browser session gets a workspace (`idm_data.ingest.workspace`) named by a
random token kept in its `st.session_state`: the documents it adds there are
read with the shared corpus for that session alone. A session-scoped resource
claims the workspace while the session is connected; its release (the session
disconnecting) marks the workspace for the sweep, which every new session runs.

The admin mode (publish a document for every visitor, remove a published one)
exists only when `st.secrets` holds `admin_token`, and only for a session that
typed it; without it no visitor changes what another sees.
"""

from __future__ import annotations

import hmac
import threading
import time
from pathlib import Path

import streamlit as st
from streamlit.errors import StreamlitSecretNotFoundError

from idm_data.ingest import workspace
from idm_data.resources import corpus_dirs

_TOKEN = "_idm_workspace_token"
_ADMIN = "_idm_admin"
_ATTEMPTS = "_idm_admin_attempts"
_TOUCHED = "_idm_workspace_touched"
MAX_ATTEMPTS = 5  # wrong admin tokens a session may try
# A reloaded tab is a new session with new tries, so the server also answers a wrong token only after
# WRONG_TOKEN_DELAY_S, one at a time: guessing runs at one try a second at most, and nobody is locked out.
WRONG_TOKEN_DELAY_S = 1.0
_wrong_tokens = threading.Lock()
MIN_TOKEN_CHARS = 16  # a shorter admin_token does not turn the admin mode on
TOUCH_EVERY_S = 60


@st.cache_resource(scope="session", on_release=workspace.release, show_spinner=False)
def _claimed(token: str) -> str:
    """Once per connected session: sweep ended sessions' workspaces, claim this one."""
    workspace.sweep()
    workspace.claim(token)
    return token


def token() -> str:
    """This session's workspace token (made on first use)."""
    if _TOKEN not in st.session_state:
        st.session_state[_TOKEN] = workspace.new_token()
    return _claimed(st.session_state[_TOKEN])


def folder() -> Path:
    """This session's workspace folder (it may not exist yet)."""
    return workspace.folder(token())


def corpus_folders() -> tuple[list[Path], bool]:
    """The folders this session reads, and whether one of them is its own (then
    the tables built from them must be cached for this session only)."""
    own = token()
    if not workspace.has_documents(own):
        return corpus_dirs(), False
    if time.monotonic() - st.session_state.get(_TOUCHED, 0) > TOUCH_EVERY_S:
        workspace.touch(own)  # an active session's documents are never swept as idle
        st.session_state[_TOUCHED] = time.monotonic()
    return [*corpus_dirs(), workspace.folder(own)], True


def _admin_secret() -> str:
    try:
        value = st.secrets.get("admin_token", "")
    except (StreamlitSecretNotFoundError, FileNotFoundError):  # no secrets, or none that parse: no admin mode
        return ""
    return value if isinstance(value, str) else ""


def admin_configured() -> bool:
    return len(_admin_secret()) >= MIN_TOKEN_CHARS


def is_admin() -> bool:
    return admin_configured() and st.session_state.get(_ADMIN) is True


def attempts_left() -> int:
    return MAX_ATTEMPTS - st.session_state.get(_ATTEMPTS, 0)


def sign_in(entered: str) -> bool:
    """Admin mode for this session if `entered` is the configured token."""
    if not admin_configured() or attempts_left() <= 0:
        return False
    matches = hmac.compare_digest(entered.encode("utf-8"), _admin_secret().encode("utf-8"))
    if not matches:
        st.session_state[_ATTEMPTS] = st.session_state.get(_ATTEMPTS, 0) + 1
        with _wrong_tokens:  # every session's wrong tokens wait in one line
            time.sleep(WRONG_TOKEN_DELAY_S)
    st.session_state[_ADMIN] = matches
    return matches


def sign_out() -> None:
    st.session_state[_ADMIN] = False
