"""Figure builders: pure functions from tables to a figure (a Vega-Lite spec, or HTML), and the parsing of a
chart's selection or click.

One module per chart family: `themes` (the session × theme grid and the per-theme bars, as HTML), `network`
(the partnership graph: layout, names, drawing), `countries` (the world map), `organisations` (the actor
charts); `labels` (text sizes, shortened labels) and `vega` (what the Vega-Lite charts share) serve them.
Nothing here imports Streamlit: a page passes a spec to `st.vega_lite_chart`, or the grid's HTML to
`ui.clickable`, and hands what it gets back to the module's parser.

Why not Plotly: its 4.6 MB script made a first visit to a chart page take twice as long as a bare Streamlit
app. Vega-Lite ships with Streamlit's frontend (~0.9 MB, shared by every chart) and draws where its
interaction earns that load: the map, the network, the organisation charts. The themes grid and bars need
no chart library at all (HTML; the grid's cells are buttons). Vega charts are drawn as SVG, so labels are
real text that assistive technology and the browser tests can read.

Escaping: in HTML every stored string goes through `ui.escape.html_text`. Vega draws every label, title
and value as text (never as markup) and its tooltip escapes what it shows, so stored strings go into a
spec as data, unescaped (escaping them would show "&amp;" to the reader). No string from the data ever
enters a Vega expression: categories are sorted by an order field, filters and highlights use field
predicates (`{"field": ..., "equal": ...}`), and the only expressions are the constants written here.
"""
