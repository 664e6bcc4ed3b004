"""Figure builders: pure functions from tables to Vega-Lite specs, and the parsing of a chart's selection.

One module per chart family: `themes` (the session × theme grid and the per-theme bars), `network` (the
partnership graph: layout, labels, drawing), `countries` (the world map), `organisations` (the actor
charts); `vega` holds what they share. Nothing here imports Streamlit: a page passes a spec to
`st.vega_lite_chart` and hands the selection it gets back to the module's parser.

Why Vega-Lite: it ships with Streamlit's frontend (a ~0.8 MB script shared by every chart), where Plotly's
4.6 MB script made a first visit to a chart page take twice as long as a bare app. Charts are drawn as SVG,
so labels are real text that assistive technology and the browser tests can read.

Escaping: Vega draws every label, title and value as text (never as markup) and its tooltip escapes what it
shows, so stored strings go into a spec as data, unescaped (escaping them would show "&amp;" to the
reader). No string from the data ever enters a Vega expression: filters and highlights use field
predicates (`{"field": ..., "equal": ...}`), and the only expressions are the constants written here.
"""
