"""Figure builders: pure functions from tables to a figure (HTML or SVG written here), and the parsing of
a chart's clicks. Nothing here imports Streamlit: a page hands the figure to `st.html` or to `ui.clickable`
(which reports clicks) and passes what comes back to the module's parser.

One module per chart family: `themes` (the session × theme grid and the per-theme bars), `network` (the
partnership graph: layout, names, drawing), `countries` (the world map, projected here from the shipped
outline), `organisations` (the actor charts), `cooccurrence` (the theme × theme grid, a Plotly figure:
its zoom and hover earn the script's load on that page alone); `labels` (text sizes,
shortened labels) and `html` (blocks, headings, legends, bars) serve them.

Why no chart library: Plotly's 4.6 MB script (and even Vega-Lite's) made a first visit to a chart page take
far longer than a bare Streamlit app. Every stored string goes through `ui.escape.html_text`.
"""
