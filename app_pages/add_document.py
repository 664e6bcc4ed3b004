"""Add a document: upload a text, Markdown, PDF or Word file, preview what the
extraction finds in it, then add it to this browser session's view of the atlas.

What a visitor adds is theirs alone: it goes to the session's own workspace
(`ui.uploads`), every page includes it for that session only, and it is
removed when the session ends. Quotas bound what one session may add. An
admin (only when `st.secrets` holds `admin_token`, and only after typing it)
may publish a document for every visitor and remove published ones. Every
name or message that may hold uploaded text is escaped (`ui.escape`)."""

from pathlib import Path

import streamlit as st

from idm_data.build import export
from idm_data.extract.document import extract_document
from idm_data.ingest import adding as ingest
from idm_data.ingest import preview, workspace
from idm_data.ingest.convert import to_text
from idm_data.ingest.files import CorpusError, content_hash
from idm_data.resources import added_dir, base_corpus_dir
from idm_data.vocabulary import doc_type_labels
from ui import data, layout, sidebar, uploads
from ui.escape import markdown_text

PREVIEW_CHARS = 5000  # of the extracted text shown before saving
_NOTICE = "add_document_notice"  # message shown on the run after a save or removal
_UPLOADS = "add_document_uploads"  # bumping it gives a fresh, empty uploader
_PUBLISH = "add_document_publish"  # the admin's choice: save for every visitor


def _say(kind, message: str) -> None:
    """A message that may contain uploaded names: shown as text, never as markup."""
    kind(markdown_text(message))


def _megabytes(n_bytes: int) -> str:
    return f"{n_bytes / 2**20:.1f} MB"


def _publishing() -> bool:
    return uploads.is_admin() and bool(st.session_state.get(_PUBLISH))


def _admin_box() -> None:
    """The admin sign-in, shown only when an admin token is configured."""
    if not uploads.admin_configured():
        return
    with st.expander("Admin: publish for every visitor", icon=":material/admin_panel_settings:"):
        if uploads.is_admin():
            st.toggle("Save for every visitor (publish), not only for this session", key=_PUBLISH)
            st.caption("Published documents are read by every visitor's pages. Only an admin can remove them.")
            if st.button("Leave admin mode", key="admin-sign-out"):
                uploads.sign_out()
                st.rerun()
            return
        if uploads.attempts_left() <= 0:
            st.error("Too many wrong admin tokens in this session.")
            return
        entered = st.text_input("Admin token", type="password", key="admin-token")
        if st.button("Enter admin mode", key="admin-sign-in"):
            if uploads.sign_in(entered):
                st.rerun()
            st.error(f"That is not the admin token ({uploads.attempts_left()} tries left in this session).")


def _target() -> tuple[Path, list[Path]]:
    """The folder a save goes to, and the folders read with it (a copy of a
    document there is a duplicate)."""
    own = uploads.folder()
    if _publishing():
        return added_dir(), [base_corpus_dir(), own]
    return own, [base_corpus_dir(), added_dir()]


def _overrides() -> dict:
    with st.expander("Session facts: leave empty to use what the text says"):
        left, right = st.columns(2)
        session_id = left.text_input("Session id", placeholder="e.g. idm-2019-1", max_chars=40,
                                     help="IDM-year-number, like idm-2019-1")
        start = left.date_input("First day", value=None, format="YYYY-MM-DD")
        venue = right.text_input("Venue", placeholder="e.g. UN Headquarters, New York", max_chars=120)
        doc_type = right.selectbox("Document type", ["", *doc_type_labels()],
                                   format_func=lambda t: doc_type_labels().get(t, "Infer from the text"))
    return {"session_id": session_id, "start_date": start.isoformat() if start else "", "venue": venue,
            "doc_type": doc_type}


def _prepare(uploaded, overrides: dict):
    """The upload read and checked, or None (the reason shown): over a quota, it is refused before the
    extraction runs, which is the costly part."""
    target, others = _target()
    data_bytes = uploaded.getvalue()
    try:
        text = _converted(uploaded.name, content_hash(data_bytes), data_bytes)
        prepared = ingest.prepare(uploaded.name, data_bytes, target, overrides, others=others,
                                  max_text_bytes=workspace.MAX_DOCUMENT_BYTES, text=text)
        if not _publishing():
            workspace.check_quota(uploads.token(), prepared)
        return prepared
    except CorpusError as exc:
        _say(st.error, f"Not added: {exc}")
        return None


@st.cache_data(show_spinner="Reading the file…", max_entries=2, scope="session")
def _converted(name: str, sha256: str, _data: bytes) -> str:
    """The upload's text, converted once per file (a PDF's layout is the slow part), not on every rerun."""
    return to_text(name, _data)


@st.cache_data(show_spinner="Extracting what the document holds…", max_entries=2, scope="session")
def _extracted(file: str, sha256: str, facts: tuple, _prepared: ingest.PreparedDocument) -> dict:
    """What the preview shows, once per upload and facts: a rerun (a widget changed) does not redo it."""
    return preview.summarise(extract_document(_prepared.source))


def _table(title: str, frame, file_name: str, empty: str) -> None:
    if frame.empty:
        st.caption(empty)
        return
    st.dataframe(frame, hide_index=True, key=f"preview-{file_name}")
    layout.download_csv(frame, file_name, label=f"Download {title} (CSV)")


def _preview(prepared: ingest.PreparedDocument) -> None:
    frames = _extracted(prepared.file, prepared.source.sha256, tuple(sorted(prepared.manifest_row.items())), prepared)
    counts = preview.totals(frames)
    st.subheader("What would be extracted")
    st.caption("Nothing is saved yet. Check the facts and what was found, then save.")
    for warning in prepared.warnings:
        _say(st.warning, f"Warning: {warning}")
    labels = {"n_sentences": "Sentences", "n_takeaways": "Takeaways", "n_countries": "Countries named",
              "n_organisations": "Organisations named", "n_themes": "Themes mentioned"}
    for column, (key, label) in zip(st.columns(len(labels)), labels.items()):
        column.metric(label, counts[key])
    st.markdown("**Document and session facts** (as they will be saved)")
    st.dataframe(frames["facts"], hide_index=True, key="preview-facts")
    tabs = st.tabs(["Takeaways", "Countries", "Organisations", "Themes"])
    names = {"Takeaways": "takeaways", "Countries": "countries", "Organisations": "organisations", "Themes": "themes"}
    for tab, (title, name) in zip(tabs, names.items()):
        with tab:
            _table(title.lower(), frames[name], f"preview-{name}.csv", f"No {title.lower()} found.")
    with st.expander(f"Extracted text (first {PREVIEW_CHARS:,} characters)"):
        st.code(prepared.text[:PREVIEW_CHARS], language=None, wrap_lines=True)


def _commit(prepared: ingest.PreparedDocument) -> str:
    """Save under the quotas (published documents: the admin's); the notice to show."""
    target, _ = _target()
    if _publishing():
        path = ingest.commit(prepared, target)
        return f"Published {path.name} for every visitor."
    workspace.sweep()
    workspace.check_quota(uploads.token(), prepared)
    path = ingest.commit(prepared, target)
    return f"Saved {path.name}. Every page now includes it, for you only, until this session ends."


def _save(prepared: ingest.PreparedDocument) -> None:
    label = "Publish for every visitor" if _publishing() else "Add to my view of the atlas"
    if not st.button(label, type="primary", icon=":material/save:", key="save"):
        return
    try:
        notice = _commit(prepared)
    except (CorpusError, OSError) as exc:
        _say(st.error, f"Not saved: {exc}")
        return
    data.corpus_changed()
    st.session_state[_NOTICE] = notice
    st.session_state[_UPLOADS] = st.session_state.get(_UPLOADS, 0) + 1
    st.rerun()


def _remove(files: list[str], folder: Path, key: str) -> None:
    choice = st.selectbox("Remove a document", files, index=None, placeholder="Choose a document",
                          key=f"remove_choice{key}")
    if not st.button("Remove it", icon=":material/delete:", disabled=choice is None, key=f"remove{key}"):
        return
    try:
        ingest.remove(choice, folder)
    except (CorpusError, OSError) as exc:
        _say(st.error, f"Not removed: {exc}")
        return
    data.corpus_changed()
    st.session_state[_NOTICE] = f"Removed {choice}."
    st.rerun()


def _own(all_tables) -> None:
    st.subheader("Your documents (this session only)")
    listing = ingest.listing(uploads.folder())
    used = workspace.usage(uploads.token())
    st.caption(f"Only you see these, in this browser session; they are removed when the session ends (closing or "
               f"reloading the tab). A session may add {workspace.MAX_DOCUMENTS} documents and "
               f"{_megabytes(workspace.MAX_BYTES)} of text: {used.n_documents} added, "
               f"{_megabytes(used.n_bytes)} used.")
    if listing.empty:
        st.caption("None yet.")
        return
    st.dataframe(listing, hide_index=True, key="added-documents")
    layout.download_csv(listing, "idm-added-documents.csv", label="Download this list (CSV)")
    tables_now = all_tables
    st.download_button("Download all tables, with your documents (ZIP of CSVs)",
                       data=lambda: export.tables_zip(tables_now), file_name="idm-atlas-tables.zip",
                       mime="application/zip", on_click="ignore", icon=":material/folder_zip:", key="tables-zip")
    _remove(list(listing["file"]), uploads.folder(), "")


def _published() -> None:
    st.subheader("Documents published for every visitor")
    listing = ingest.listing(added_dir())
    if listing.empty:
        st.caption("None.")
        return
    st.dataframe(listing, hide_index=True, key="published-documents")
    if not uploads.is_admin():
        st.caption("Only an admin can remove a published document.")
        return
    if ingest.storage_is_ephemeral():
        st.warning("This app runs on a hosted server whose disk is wiped when the app restarts: a published "
                   "document lives until then. Add it to the repository's corpus to keep it.")
    _remove(list(listing["file"]), added_dir(), "-published")


all_tables, chosen, tables = sidebar.setup()

st.title("Add a document")
st.markdown(
    f"Add an IDM document (closing remarks or a summary of conclusions) as a **.txt**, **.md**, **.pdf** (with a "
    f"text layer) or **.docx** file of at most **{ingest.max_megabytes()} MB**. You see what the extraction finds "
    f"before anything is saved. What you add is yours alone: the other visitors never see it. "
    f"The corpus now has {len(all_tables['documents'])} document(s)."
)
_admin_box()
if _NOTICE in st.session_state:
    _say(st.success, st.session_state.pop(_NOTICE))
uploaded = st.file_uploader("Document", type=[s.lstrip(".") for s in ingest.ACCEPTED],
                            max_upload_size=ingest.max_megabytes(), key=f"upload-{st.session_state.get(_UPLOADS, 0)}")
if uploaded is None:
    st.info("Choose a file to see what would be extracted from it.")
else:
    prepared = _prepare(uploaded, _overrides())
    if prepared is not None:
        _preview(prepared)
        _save(prepared)
_own(all_tables)
_published()
sidebar.link_to_view(chosen, title="Add a document")
layout.footer(chosen)
