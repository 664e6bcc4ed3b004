"""The Compare page's keyness table as HTML: no data grid's script to load (1.3 MB on a first visit). Each
row's theme or word picks it (`ui.clickable`); numbers are right-aligned, the header stays in view as the
table scrolls, and every stored string is escaped (`ui.blocks.table_html`)."""

from __future__ import annotations

import pandas as pd

from idm_data.views import compare
from ui.blocks import row_pick, table_html
from ui.charts.html import mark_chosen as mark

MAX_ROWS = 300  # beyond this the table is a list to download, not to read: the CSV holds every row
HEIGHT_PX = 460
FORMATS = {"g2": ".2f", "log_ratio": "+.2f", "n_a": "d", "n_b": "d", "per_1k_a": ".2f", "per_1k_b": ".2f",
           "p_value": ".4f"}


def columns(unit: str) -> dict[str, str]:
    return {"label": "Theme" if unit == "themes" else "Word", "more_in": "More in", "significance": "Significance",
            "g2": "G²", "log_ratio": "Log ratio", "n_a": "In A", "n_b": "In B", "per_1k_a": "A per 1,000",
            "per_1k_b": "B per 1,000", "p_value": "p value"}


def table_view(all_tables: dict[str, pd.DataFrame], tables: dict[str, pd.DataFrame], unit: str, by: str, a: str,
               b: str, significant_only: bool) -> dict:
    """How many themes or words the sides have (`n_compared`); the rows listed (`compare.keyness_for`, only
    the significant ones if asked: all of them, for the download and the picker); and the first MAX_ROWS as
    a picking HTML table with no row chosen (see `mark_chosen`)."""
    compared = compare.keyness_for(all_tables, tables, unit, by, a, b)
    table = compared[compared["significance"] != ""].reset_index(drop=True) if significant_only else compared
    html = table_html(table.head(MAX_ROWS), columns(unit), FORMATS, height=HEIGHT_PX, pick="item",
                      caption=f"{'Themes' if unit == 'themes' else 'Words'} of A against B")
    return {"n_compared": len(compared), "table": table, "html": html}


def mark_chosen(html: str, item: str | None) -> str:
    """`html` (from `table_view`) with the row of `item` marked as the one read."""
    return mark(html, row_pick(item)) if item else html


def item_from_click(value, items) -> str | None:
    """The row a click on the table picked, if it is one of `items`."""
    item = value.get("item") if isinstance(value, dict) else None
    return item if isinstance(item, str) and item in set(items) else None
