"""Views: what the pages ask of the tables, as pure pandas and networkx.

Filters, evidence sentences, per-session statistics, actor summaries, the
partnership network's analysis. No drawing (that is `ui/charts/`) and no
Streamlit.
"""
