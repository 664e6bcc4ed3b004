"""Compare: two sessions (or two years) side by side. Which themes and words are over- or
under-represented in A against B (log-likelihood G², log ratio, significance), and each row's
sentences on both sides."""

import streamlit as st

from idm_data.views import compare
from idm_data.views.evidence import for_download
from ui import clickable, data, layout, sidebar, url_state
from ui import evidence as evidence_ui
from ui.charts import compare as charts
from ui.escape import markdown_text as escape_markdown

PAGE_KEYS = ("by", "a", "b", "unit", "rows", "item")
ROWS = {"significant": "Significant differences (p < 0.05)", "all": "Every theme or word on either side"}
TABLE_KEY = "keyness"
EVIDENCE_SHOWN = 20  # per side; no fixed-height scroll box (a keyboard cannot reach into one)
UNIT_HELP = {"themes": "sentences coded with the theme, out of the side's sentences",
             "words": "occurrences of the word (lower case), out of all the side's words; stop words not listed"}


def _apply_table_pick(items) -> None:
    """A click on a row of the table (known before the row picker is drawn) becomes the row to read."""
    picked = charts.item_from_click(clickable.clicked(TABLE_KEY), items)
    if picked:
        st.session_state["item"] = picked


def _controls(options: dict[str, str]) -> tuple[str, str]:
    default_a, _ = compare.default_pair(options)
    pick_a, pick_b = st.columns(2)
    a = url_state.selectbox("A", options, "a", default_a, container=pick_a)
    others = {k: v for k, v in options.items() if k != a}
    b_options = others | {compare.OTHERS: f"All the others ({len(others)})"}
    b = url_state.selectbox("B (against)", b_options, "b", list(others)[-1], container=pick_b,
                            help="Another session or year, or all the others of the view together.")
    url_state.pin("a", a)  # the pair stays in the URL: a new session must not change a shared link
    url_state.pin("b", b)
    return a, b


def _sizes(sizes) -> None:
    st.markdown(" · ".join(f"**{side}**: {escape_markdown(label)}: {n_doc} document(s), {n_sent:,} sentences, "
                           f"{n_words:,} words"
                           for side, label, n_doc, n_sent, n_words in sizes.itertuples(index=False)))


def _table(view: dict, unit: str):
    """The table's caption and download around a place for the table itself, filled once the row read is
    known (`_show_table`)."""
    table = view["table"]
    _apply_table_pick(table["item"])
    place = st.container()
    if len(table) > charts.MAX_ROWS:
        st.caption(f"The table lists the {charts.MAX_ROWS} rows of highest G² of {len(table)}; the CSV has them all, "
                   "and the row picker below lists every one.")
    st.caption(f"Counted: {UNIT_HELP[unit]}. **G²** (log-likelihood) says how sure the difference is: \\*\\*\\* p < "
               "0.001, \\*\\* p < 0.01, \\* p < 0.05 (chi-square, 1 df). **Log ratio** says how big it is: log₂ of the "
               "rate in A over the rate in B (+1 = twice as frequent in A, −1 = half; a zero count is taken as 0.5). "
               "Choose a row (its theme or word) to read its sentences on both sides.")
    layout.download_csv(table, f"idm-compare-{unit}.csv", f"Download the {unit} table (CSV)",
                        key="download-keyness")
    return place


def _show_table(place, view: dict, item: str) -> None:
    with place:
        clickable.show(charts.mark_chosen(view["html"], item), TABLE_KEY)


def _evidence(chosen, unit: str, by: str, a: str, b: str, table, names: dict[str, str]) -> str:
    rows = dict(zip(table["item"], table["label"]))
    item = url_state.selectbox("Row to read", rows, "item", next(iter(rows)), container=st,
                               help="Or choose a row of the table above.")
    row = table[table["item"] == item].iloc[0]
    counted = "occurrence(s)" if unit == "words" else "sentence(s)"
    st.subheader(f"“{escape_markdown(row['label'])}”: {row['n_a']} {counted} in A, {row['n_b']} in B")
    for column, (side, side_id, against) in zip(st.columns(2), (("A", a, b), ("B", b, a))):
        with column:
            st.markdown(f"**{side}: {escape_markdown(names[side])}**")
            sentences = data.derived_in_corpus(compare.evidence_for, chosen, unit, by, side_id, against, item)
            evidence_ui.show(sentences, limit=EVIDENCE_SHOWN)
            if not sentences.empty:
                layout.download_csv(for_download(sentences), f"idm-compare-{side.lower()}-sentences.csv",
                                    f"Download the sentences of {side} (CSV)", key=f"download-{side}")
    return item


def finish(chosen) -> None:
    sidebar.link_to_view(chosen, extra={k: st.query_params.get(k) for k in PAGE_KEYS})
    layout.footer(chosen)


all_tables, chosen, tables = sidebar.setup(PAGE_KEYS)

st.title("Compare two sessions or two years")
st.markdown("Which themes and words does A use more, or less, than B, and is the difference more than chance? "
            "Log-likelihood keyness, as corpus linguists measure it, with every row's sentences on both sides.")
left, middle, right = st.columns(3)
by = url_state.selectbox("Compare", compare.BY, "by", "session", container=left)
unit = url_state.selectbox("Of", compare.UNITS, "unit", "themes", container=middle)
rows = url_state.selectbox("Rows", ROWS, "rows", "significant", container=right)
options = data.derived(compare.side_options, chosen, by)
if len(options) < 2:
    st.info(f"Comparing needs two {'years' if by == 'year' else 'sessions'} with sentences under the current filters "
            f"(there {'is' if len(options) == 1 else 'are'} {len(options)}). Widen the filters in the sidebar.")
    finish(chosen)
    st.stop()

a, b = _controls(options)
sizes = data.derived_in_corpus(compare.sizes, chosen, by, a, b)
_sizes(sizes)
view = data.derived_in_corpus(charts.table_view, chosen, unit, by, a, b, rows == "significant")
if not view["n_compared"]:
    st.info(f"No {unit} to compare: neither side has any under the current filters. Widen the filters in the sidebar.")
    finish(chosen)
    st.stop()
if view["table"].empty:
    st.info(f"No difference of {unit} between A and B is significant (p < 0.05). Choose “{ROWS['all']}” "
            "under Rows to see them all.")
    finish(chosen)
    st.stop()
place = _table(view, unit)
item = _evidence(chosen, unit, by, a, b, view["table"], dict(zip(sizes["side"], sizes["label"])))
_show_table(place, view, item)
finish(chosen)
