"""Themes: how often each session spoke of each GCM objective and cross-cutting theme,
and the sentences behind every cell."""

import textwrap

import plotly.express as px
import plotly.graph_objects as go
import streamlit as st

from idm_data.views import theme_stats
from idm_data.views.evidence import for_download
from idm_data.views.filters import latest_sessions
from idm_data.views.theme_stats import FAMILIES, MATRIX_COLUMNS, MEASURES, MEASURE_HELP, TOTAL_COLUMNS
from ui import data, evidence, layout, sidebar, url_state
from ui.escape import markdown_text, plotly_text

GRID_KEY = "theme-grid"
GRID_SESSIONS = 24  # more columns than this make an unreadable grid
LAST_PICK = "_themes_last_grid_pick"  # the chart selection already applied to the picker
PAGE_KEYS = ("measure", "family", "cell_session", "cell_theme")


def wrap(text: str, width: int = 70) -> str:
    return "<br>".join(plotly_text(line) for line in textwrap.wrap(text, width))


def value_text(values, measure: str) -> list[str]:
    return [f"{v:.2f}" if measure == "rate_per_1k_words" else f"{int(v)}" for v in values]


@st.cache_data(max_entries=64, show_spinner=False)
def grid_figure(matrix, measure: str, family: str, cell: tuple[str, str]):
    """Session × theme grid as square markers (clickable, unlike a heatmap trace)."""
    matrix = matrix.assign(session_label=matrix["session_label"].map(plotly_text),
                           label=matrix["label"].map(plotly_text))
    custom = matrix[["session_id", "theme_id", "session_label", "definition", "n_sentences", "n_matches", "n_words",
                     "rate_per_1k_words"]].assign(definition=matrix["definition"].map(wrap))
    hover = ("<b>%{y}</b><br>%{customdata[3]}<br><br>%{customdata[2]}<br>Sentences mentioning it: %{customdata[4]}"
             "<br>Phrase matches: %{customdata[5]}<br>Words of the session: %{customdata[6]}"
             "<br>Phrase matches per 1,000 words: %{customdata[7]}<extra></extra>")
    figure = go.Figure(go.Scatter(
        x=matrix["session_label"], y=matrix["label"], mode="markers+text", customdata=custom.to_numpy(),
        text=value_text(matrix[measure], measure), textposition="middle right", hovertemplate=hover,
        marker=dict(symbol="square", size=18, color=matrix[measure], colorscale="Blues", cmin=0,
                    line=dict(width=1, color="#bbb"), colorbar=dict(title=dict(text=MEASURES[measure], side="right"),
                                                                    thickness=12))))
    chosen = matrix[(matrix["session_id"] == cell[0]) & (matrix["theme_id"] == cell[1])]
    figure.add_trace(go.Scatter(x=chosen["session_label"], y=chosen["label"], mode="markers", hoverinfo="skip",
                                customdata=chosen[["session_id", "theme_id"]].to_numpy(), showlegend=False,
                                marker=dict(symbol="square-open", size=24, color="#d62728", line=dict(width=3))))
    labels = list(dict.fromkeys(matrix["label"]))
    columns = list(dict.fromkeys(matrix["session_label"]))
    short = dict(zip(matrix["session_label"], matrix["session_short"]))
    figure.update_yaxes(categoryorder="array", categoryarray=labels, autorange="reversed",
                        title=f"{FAMILIES[family]} (codebook order)")
    # room on the right for the last column's values
    figure.update_xaxes(side="top", categoryorder="array", categoryarray=columns, range=[-0.5, len(columns) - 0.2],
                        tickvals=columns, ticktext=[wrap(short[c], 12) for c in columns], tickangle=0)
    figure.update_layout(height=130 + 24 * len(labels), showlegend=False, margin=dict(t=90, r=10),
                         title=dict(text=f"{MEASURES[measure]}, by session", y=0.995, yanchor="top"))
    return figure


@st.cache_data(max_entries=64, show_spinner=False)
def bars_figure(totals, measure: str, n_sessions: int):
    totals = totals.assign(label=totals["label"].map(plotly_text))
    figure = px.bar(totals, x=measure, y="label", orientation="h", color="family",
                    text_auto=".2f" if measure == "rate_per_1k_words" else True,
                    color_discrete_map={"gcm_objective": "#1f77b4", "cross_cutting": "#ff7f0e"},
                    hover_data={"n_sentences": True, "n_matches": True, "n_words": True,
                                "rate_per_1k_words": True, "label": False, "family": False},
                    labels={measure: MEASURES[measure], "label": "Theme", "family": "Family",
                            "n_sentences": "Sentences", "n_matches": "Phrase matches", "n_words": "Words",
                            "rate_per_1k_words": "Matches per 1,000 words"},
                    title=f"{MEASURES[measure]} per theme, all {n_sessions} session(s) shown together")
    figure.update_yaxes(categoryorder="array", categoryarray=list(totals["label"]), autorange="reversed")
    figure.update_layout(height=140 + 22 * len(totals), legend_title_text="")
    figure.for_each_trace(lambda t: t.update(name=FAMILIES.get(t.name, t.name)))
    return figure


def apply_grid_pick(sessions, themes) -> None:
    """A new click on the grid (its state is known before it is drawn) becomes the pickers' value."""
    state = st.session_state.get(GRID_KEY) or {}
    points = (state.get("selection") or {}).get("points", [])
    picked = theme_stats.cell_from_points(points, sessions, themes)
    if picked and picked != st.session_state.get(LAST_PICK):
        st.session_state[LAST_PICK] = picked
        st.session_state["cell_session"], st.session_state["cell_theme"] = picked


def show_cell(chosen, matrix, session_id: str, theme_id: str) -> None:
    """The chosen cell's figures and the sentences it counts, matched words highlighted."""
    cell = matrix[(matrix["session_id"] == session_id) & (matrix["theme_id"] == theme_id)].iloc[0]
    st.subheader(f"{markdown_text(cell['label'])} in {markdown_text(cell['session_label'])}")
    if cell["definition"]:
        st.caption(markdown_text(cell["definition"]))
    st.markdown(f"{cell['n_sentences']} sentence(s), {cell['n_matches']} phrase match(es) in {cell['n_words']:,} "
                f"words: {cell['rate_per_1k_words']:.2f} matches per 1,000 words."
                + (" Matched words are highlighted." if cell["n_matches"] else ""))
    sentences = data.derived(theme_stats.cell_evidence, chosen, session_id, theme_id)
    with st.container(height=640):  # scrolls, so the bars below stay in reach
        evidence.show(sentences)
    if not sentences.empty:
        layout.download_csv(for_download(sentences), f"idm-theme-evidence-{session_id}-{theme_id}.csv",
                            "Download these sentences (CSV)")


def finish(chosen) -> None:
    sidebar.link_to_view(chosen, extra={k: st.query_params.get(k) for k in PAGE_KEYS})
    layout.footer(chosen)


all_tables, chosen, tables = sidebar.setup(PAGE_KEYS)

st.title("Themes")
st.markdown("How often each session spoke of the objectives of the Global Compact for Migration (official order "
            "and wording) and of cross-cutting themes, as matched by the theme codebook. Choose a cell to read the "
            "sentences it counts.")
left_control, right_control = st.columns(2)
measure = url_state.selectbox("Measure", MEASURES, "measure", "rate_per_1k_words", container=left_control,
                              help=" ".join(f"**{MEASURES[k]}**: {v}" for k, v in MEASURE_HELP.items()))
family = url_state.selectbox("Themes shown", FAMILIES, "family", "both", container=right_control)
st.caption(f"**{MEASURES[measure]}**: {MEASURE_HELP[measure]}")

matrix = data.derived(theme_stats.theme_matrix, chosen, family, chosen.themes)
if matrix.empty:
    layout.no_data("the theme matrix")
    finish(chosen)
    st.stop()

totals = theme_stats.theme_totals(matrix)
n_sessions = matrix["session_id"].nunique()
matrix = latest_sessions(matrix, all_tables["sessions"], GRID_SESSIONS)
sessions = dict(zip(matrix["session_id"], matrix["session_label"]))
themes = dict(zip(matrix["theme_id"], matrix["label"]))
default_session, default_theme = theme_stats.default_cell(matrix, measure)
grid_col, side_col = st.columns([3, 2], gap="medium")
apply_grid_pick(sessions, themes)
with side_col:
    st.markdown("**Cell to read**: pick it here or click a square of the grid.")
    st.caption("Until you choose, the cell shown is the one with the highest value.")
    pick_session, pick_theme = st.columns(2)
cell_session = url_state.selectbox("Session", sessions, "cell_session", default_session, container=pick_session)
cell_theme = url_state.selectbox("Theme", themes, "cell_theme", default_theme, container=pick_theme)
with grid_col:
    st.plotly_chart(grid_figure(matrix, measure, family, (cell_session, cell_theme)), key=GRID_KEY, on_select="rerun",
                    selection_mode="points")
    if n_sessions > len(sessions):
        st.caption(f"The grid shows the {len(sessions)} most recent of {n_sessions} sessions; choose sessions in the "
                   "sidebar to compare others. The per-theme bars below count all of them.")
    layout.download_csv(matrix[MATRIX_COLUMNS], "idm-theme-matrix.csv", "Download the matrix (CSV)")
    missing = theme_stats.unmentioned(totals)
    if missing:
        st.caption("Never mentioned in the sessions shown: " + "; ".join(map(markdown_text, missing)) + ".")
with side_col:
    show_cell(chosen, matrix, cell_session, cell_theme)

st.subheader("Per theme, all sessions shown")
st.plotly_chart(bars_figure(totals, measure, n_sessions), key="theme-bars")
layout.download_csv(totals[TOTAL_COLUMNS], "idm-theme-totals.csv", "Download the per-theme totals (CSV)")
finish(chosen)
