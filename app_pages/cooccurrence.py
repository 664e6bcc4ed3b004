"""Theme co-occurrence: which themes the texts name together, in one sentence or one paragraph,
as a theme × theme grid; a cell opens the sentences that carry both."""

import streamlit as st

from idm_data.views import cooccurrence
from idm_data.views.evidence import for_download
from idm_data.views.theme_stats import FAMILIES
from ui import clickable, data, evidence, layout, sidebar, url_state
from ui.charts import cooccurrence as charts
from ui.escape import markdown_text as escape_markdown

PAGE_KEYS = ("unit", "measure", "family", "cell_a", "cell_b")
GRID_KEY = "cooccurrence-grid"
EVIDENCE_SHOWN = 25  # no fixed-height scroll box (a keyboard cannot reach into one); the CSV has them all


def apply_grid_pick(themes: dict[str, str]) -> None:
    """A click on the grid (known before the pickers are drawn) becomes the pickers' value."""
    picked = charts.cell_from_click(clickable.clicked(GRID_KEY), themes)
    if picked:
        st.session_state["cell_a"], st.session_state["cell_b"] = picked


def _pickers(pairs, themes: dict[str, str], measure: str) -> tuple[str, str]:
    default_a, default_b = cooccurrence.default_cell(pairs, measure)
    st.markdown("**Cell to read**: click a square of the grid, or pick two themes here.")
    pick_a, pick_b = st.columns(2)
    theme_a = url_state.selectbox("Theme", themes, "cell_a", default_a, container=pick_a)
    partners = {k: v for k, v in themes.items() if k != theme_a}
    default_b = default_b if theme_a == default_a else cooccurrence.best_partner(pairs, theme_a, measure)
    theme_b = url_state.selectbox("With theme", partners, "cell_b", default_b or next(iter(partners)),
                                  container=pick_b)
    url_state.pin("cell_a", theme_a)  # the default cell depends on the data: a shared link names it
    url_state.pin("cell_b", theme_b)
    return theme_a, theme_b


def _cell(chosen, pairs, themes: dict[str, str], unit: str, theme_a: str, theme_b: str) -> None:
    figures = cooccurrence.cell(pairs, theme_a, theme_b)
    units = cooccurrence.UNITS[unit].lower()
    st.subheader(f"{escape_markdown(themes[theme_a])} and {escape_markdown(themes[theme_b])}")
    st.markdown(f"{figures['n_both']} {units} coded with both (Jaccard index {figures['jaccard']:.3f})"
                + (". Both themes' matched words are highlighted." if figures["n_both"] else "."))
    sentences = data.derived_in_corpus(cooccurrence.cell_evidence, chosen, unit, theme_a, theme_b)
    evidence.show(sentences, limit=EVIDENCE_SHOWN)
    if not sentences.empty:
        layout.download_csv(for_download(sentences), f"idm-cooccurrence-{theme_a}-{theme_b}.csv",
                            "Download these sentences (CSV)", key="download-cell")


def finish(chosen) -> None:
    sidebar.link_to_view(chosen, extra={k: st.query_params.get(k) for k in PAGE_KEYS})
    layout.footer(chosen)


all_tables, chosen, tables = sidebar.setup(PAGE_KEYS)

st.title("Theme co-occurrence")
st.markdown("Which themes do the texts name together? Each square counts the sentences (or paragraphs) coded with "
            "both themes; choose one to read them. With themes chosen in the sidebar, only the sentences that carry "
            "them are counted, with every theme they mention.")
left, middle, right = st.columns(3)
unit = url_state.selectbox("Counted in", cooccurrence.UNITS, "unit", "sentence", container=left)
measure = url_state.selectbox("Measure", cooccurrence.MEASURES, "measure", "n_both", container=middle,
                              help=" ".join(f"**{cooccurrence.MEASURES[k]}**: {v}"
                                            for k, v in cooccurrence.MEASURE_HELP.items()))
family = url_state.selectbox("Themes shown", FAMILIES, "family", "both", container=right)
st.caption(f"**{cooccurrence.MEASURES[measure]}**: {cooccurrence.MEASURE_HELP[measure]}")

view = data.derived_in_corpus(charts.page_view, chosen, unit, family, measure)
pairs, themes = view["pairs"], view["themes"]
if pairs.empty:
    st.info(f"No two themes shown are coded in the same {unit} under the current filters. Widen the filters in the "
            "sidebar, count paragraphs, or show both families of themes.")
    finish(chosen)
    st.stop()

apply_grid_pick(themes)
grid = st.container()  # drawn after the pickers, which may take a value from a click on it
theme_a, theme_b = _pickers(pairs, themes, measure)
with grid:
    clickable.show(charts.mark_chosen(view["grid"], (theme_a, theme_b)), GRID_KEY)
    st.caption(f"{len(themes)} themes coded together with at least one other; a square for every pair coded in the "
               f"same {unit}, its colour the {cooccurrence.MEASURES[measure].lower()}. Hover for the counts; click a "
               "square to read its sentences below.")
    layout.download_csv(cooccurrence.table(pairs), f"idm-cooccurrence-{unit}s.csv",
                        "Download the co-occurrence table (CSV)", key="download-pairs")
_cell(chosen, pairs, themes, unit, theme_a, theme_b)
finish(chosen)
