"""Themes: how often each session spoke of each GCM objective and cross-cutting theme,
and the sentences behind every cell."""

import streamlit as st

from idm_data.views import theme_stats
from idm_data.views.evidence import for_download
from idm_data.views.theme_stats import CODINGS, FAMILIES, MATRIX_COLUMNS, MEASURES, MEASURE_HELP, TOTAL_COLUMNS
from ui import alt_text, clickable, data, evidence, layout, sidebar, url_state
from ui.charts import themes as charts
from ui.escape import markdown_text

GRID_KEY = "theme-grid"
GRID_SESSIONS = 30  # more columns than this make an unreadable grid
BESIDE_PX = 500  # a grid narrower than this fits 3/5 of the page (1280 px, sidebar open), beside the cell's sentences
PAGE_KEYS = ("measure", "family", "coding", "min_score", "cell_session", "cell_theme")
# the learned coder's own codings counted from this score up (phrase matches always count)
MIN_SCORES = {"0": "Any score", "0.6": "Score ≥ 0.6", "0.7": "Score ≥ 0.7", "0.8": "Score ≥ 0.8", "0.9": "Score ≥ 0.9"}


def apply_grid_pick(sessions, themes) -> None:
    """A click on the grid (known before the pickers are drawn) becomes the pickers' value."""
    picked = charts.cell_from_click(clickable.clicked(GRID_KEY), sessions, themes)
    if picked:
        st.session_state["cell_session"], st.session_state["cell_theme"] = picked


def show_cell(chosen, cell: dict, session_id: str, theme_id: str, coding: str, min_score: float) -> None:
    """The chosen cell's figures and the sentences it counts, matched (or weightiest) words highlighted,
    each saying how it was found."""
    st.subheader(f"{markdown_text(cell['label'])} in {markdown_text(cell['session_label'])}")
    if cell["definition"]:
        st.caption(markdown_text(cell["definition"]))
    st.markdown(f"{cell['n_sentences']} sentence(s), {cell['n_matches']} coding(s) in {cell['n_words']:,} "
                f"words: {cell['rate_per_1k_words']:.2f} codings per 1,000 words."
                + (" The words matched, or those that weighed most for the learned coder, are highlighted; "
                   "under each sentence, how it was found." if cell["n_matches"] else ""))
    sentences = data.derived(theme_stats.cell_evidence, chosen, session_id, theme_id, coding, min_score)
    with st.container(height=640):  # scrolls, so the bars below stay in reach
        evidence.show(sentences)
    if not sentences.empty:
        layout.download_csv(for_download(sentences), f"idm-theme-evidence-{session_id}-{theme_id}.csv",
                            "Download these sentences (CSV)")


def finish(chosen) -> None:
    sidebar.link_to_view(chosen, extra={k: st.query_params.get(k) for k in PAGE_KEYS}, title="Themes")
    layout.footer(chosen)


all_tables, chosen, tables = sidebar.setup(PAGE_KEYS)

st.title("Themes")
st.markdown("How often each session spoke of the objectives of the Global Compact for Migration (official order "
            "and wording) and of cross-cutting themes, as matched by the theme codebook. Choose a cell to read the "
            "sentences it counts.")
controls = st.columns(4)
measure = url_state.selectbox("Measure", MEASURES, "measure", "rate_per_1k_words", container=controls[0],
                              help=" ".join(f"**{MEASURES[k]}**: {v}" for k, v in MEASURE_HELP.items()))
family = url_state.selectbox("Themes shown", FAMILIES, "family", "both", container=controls[1])
coding = url_state.selectbox("Codings counted", CODINGS, "coding", "all", container=controls[2],
                             help="GCM objectives are coded by the codebook's phrases and by a learned coder that "
                                  "reads a sentence's meaning (held-out accuracy on the Method page). Count phrase "
                                  "matches only, or keep the learned coder's own codings above a score.")
min_score = float(url_state.selectbox("Learned coder's codings", MIN_SCORES, "min_score", "0", container=controls[3],
                                      disabled=coding == "phrase",
                                      help="Count the objectives the learned coder found on its own only from this "
                                           "score (its probability) up; phrase matches always count."))
st.caption(f"**{MEASURES[measure]}**: {MEASURE_HELP[measure]}")

view = data.derived_in_corpus(charts.page_view, chosen, family, chosen.themes, coding, min_score, measure,
                              GRID_SESSIONS)
if view is None:
    layout.no_data("the theme matrix")
    finish(chosen)
    st.stop()

matrix, totals, sessions, themes = view["matrix"], view["totals"], view["sessions"], view["themes"]
default_session, default_theme = view["default_cell"]
apply_grid_pick(sessions, themes)
beside = view["grid_width"] <= BESIDE_PX
grid_col, side_col = st.columns([3, 2], gap="medium") if beside else (st.container(), st.container())
with side_col:
    st.markdown("**Cell to read**: pick it here or click a cell of the grid.")
    st.caption("Until you choose, the cell shown is the one with the highest value.")
    pick_session, pick_theme = st.columns(2)
cell_session = url_state.selectbox("Session", sessions, "cell_session", default_session, container=pick_session)
cell_theme = url_state.selectbox("Theme", themes, "cell_theme", default_theme, container=pick_theme)
with grid_col:
    clickable.show(charts.mark_chosen(view["grid"], (cell_session, cell_theme)), GRID_KEY)
    alt_text.describe_chart(view["grid_summary"],
                            matrix[["session_label", "label", "n_sentences", "n_matches", "rate_per_1k_words"]],
                            "theme-grid-data")
    if view["n_sessions"] > len(sessions):
        st.caption(f"The grid shows the {len(sessions)} most recent of {view['n_sessions']} sessions; choose sessions "
                   "in the sidebar to compare others. The per-theme bars below count all of them.")
    layout.download_csv(matrix[MATRIX_COLUMNS], "idm-theme-matrix.csv", "Download the matrix (CSV)")
    if view["unmentioned"]:
        st.caption("Never mentioned in the sessions shown: " + "; ".join(map(markdown_text, view["unmentioned"])) + ".")
with side_col:
    show_cell(chosen, view["cells"][cell_session, cell_theme], cell_session, cell_theme, coding, min_score)

st.subheader("Per theme, all sessions shown")
st.html(view["bars"])
alt_text.describe_chart(view["bars_summary"], totals[["label", "n_sentences", "n_matches", "rate_per_1k_words"]],
                        "theme-bars-data")
layout.download_csv(totals[TOTAL_COLUMNS], "idm-theme-totals.csv", "Download the per-theme totals (CSV)")
finish(chosen)
