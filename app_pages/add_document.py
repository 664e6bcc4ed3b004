"""Add a document (issue 5): upload a text, Markdown, PDF or Word file, preview
what the extraction finds in it, then save it to the added-documents folder
(a cache folder, never the packaged corpus) so that every page includes it."""

import streamlit as st

from idm_data.build import export

from idm_data.ingest import adding as ingest

from idm_data.ingest import preview
from idm_data.ingest.files import CorpusError
from ui.escape import markdown_text as escape_markdown
from idm_data.extract.document import extract_document
from idm_data.vocabulary import doc_type_labels
from idm_data.resources import CORPUS_DIR, added_dir, corpus_dirs
from idm_data.build.tables import build_tables
from ui import data, layout, sidebar

PREVIEW_CHARS = 5000  # of the extracted text shown before saving
_NOTICE = "add_document_notice"  # message shown on the run after a save or removal
_UPLOADS = "add_document_uploads"  # bumping it gives a fresh, empty uploader


def _say(kind, message: str) -> None:
    """A message that may contain uploaded names: shown as text, never as markup."""
    kind(escape_markdown(message))


def _overrides() -> dict:
    with st.expander("Session facts: leave empty to use what the text says"):
        left, right = st.columns(2)
        session_id = left.text_input("Session id", placeholder="e.g. idm-2019-1", max_chars=40)
        start = left.date_input("First day", value=None, format="YYYY-MM-DD")
        venue = right.text_input("Venue", placeholder="e.g. UN Headquarters, New York", max_chars=120)
        doc_type = right.selectbox("Document type", ["", *doc_type_labels()],
                                   format_func=lambda t: doc_type_labels().get(t, "Infer from the text"))
    return {"session_id": session_id, "start_date": start.isoformat() if start else "", "venue": venue,
            "doc_type": doc_type}


def _prepare(uploaded, overrides: dict):
    try:
        return ingest.prepare(uploaded.name, uploaded.getvalue(), added_dir(), overrides, others=[CORPUS_DIR])
    except CorpusError as exc:
        _say(st.error, f"Not added: {exc}")
        return None


def _table(title: str, frame, file_name: str, empty: str) -> None:
    if frame.empty:
        st.caption(empty)
        return
    st.dataframe(frame, hide_index=True, key=f"preview-{file_name}")
    layout.download_csv(frame, file_name, label=f"Download {title} (CSV)")


def _preview(prepared: ingest.PreparedDocument) -> None:
    frames = preview.summarise(extract_document(prepared.source))
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


def _save(prepared: ingest.PreparedDocument) -> None:
    if not st.button("Save to the corpus", type="primary", icon=":material/save:", key="save"):
        return
    try:
        path = ingest.commit(prepared, added_dir())
    except (CorpusError, OSError) as exc:
        _say(st.error, f"Not saved: {exc}")
        return
    st.cache_data.clear()  # every page rebuilds its tables with the new document
    data.corpus_changed()
    st.session_state[_NOTICE] = f"Saved {path.name}. Every page now includes it."
    st.session_state[_UPLOADS] = st.session_state.get(_UPLOADS, 0) + 1
    st.rerun()


def _remove(files: list[str], folder) -> None:
    choice = st.selectbox("Remove an added document", files, index=None, placeholder="Choose a document",
                          key="remove_choice")
    if not st.button("Remove it", icon=":material/delete:", disabled=choice is None, key="remove"):
        return
    try:
        ingest.remove(choice, folder)
    except (CorpusError, OSError) as exc:
        _say(st.error, f"Not removed: {exc}")
        return
    st.cache_data.clear()
    data.corpus_changed()
    st.session_state[_NOTICE] = f"Removed {choice}."
    st.rerun()


def _added() -> None:
    st.subheader("Documents added so far")
    folder = added_dir()
    listing = ingest.listing(folder)
    st.caption(f"Added documents are kept in `{str(folder).replace('`', '')}`, apart from the packaged corpus, "
               "which the app never changes.")
    if ingest.storage_is_ephemeral():
        st.warning("This app runs on a hosted server whose disk is wiped when the app restarts: an added document "
                   "lives until then. Download the updated tables to keep the data.")
    if listing.empty:
        st.caption("None yet.")
        return
    st.dataframe(listing, hide_index=True, key="added-documents")
    layout.download_csv(listing, "idm-added-documents.csv", label="Download this list (CSV)")
    st.download_button("Download all tables, with the added documents (ZIP of CSVs)",
                       data=lambda: export.tables_zip(build_tables(corpus_dirs())), file_name="idm-atlas-tables.zip",
                       mime="application/zip", on_click="ignore", icon=":material/folder_zip:", key="tables-zip")
    _remove(list(listing["file"]), folder)


all_tables, chosen, tables = sidebar.setup()

st.title("Add a document")
st.markdown(
    f"Add an IDM document (closing remarks or a summary of conclusions) as a **.txt**, **.md**, **.pdf** (with a "
    f"text layer) or **.docx** file of at most **{ingest.max_megabytes()} MB**. You see what the extraction finds "
    f"before anything is saved. The corpus now has {len(all_tables['documents'])} document(s)."
)
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
_added()
sidebar.link_to_view(chosen, title="Add a document")
layout.footer(chosen)
