"""Each chart's text alternative: a one-line summary in words under it, and the
data it draws as a table one click away (drawn only when opened)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ui import layout
from ui.escape import markdown_text


def describe_chart(summary: str, data: pd.DataFrame, key: str, column_config: dict | None = None) -> None:
    """The summary (escaped: it quotes stored labels) and an expander with the chart's rows."""
    st.caption(f"In words: {markdown_text(summary)}")
    with layout.drawn_when_open("The chart's data as a table", key, icon=":material/table_view:") as is_open:
        if is_open:
            st.dataframe(data, hide_index=True, column_config=column_config)
