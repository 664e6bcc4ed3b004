"""Unit tests of ui.charts.cooccurrence: the grid's HTML from a pairs table, without Streamlit."""

import json
import re
from html import unescape

import pandas as pd
import pytest

from ui.charts import cooccurrence as charts

HOSTILE = '<img src=x onerror="alert(1)">'
BUTTON = re.compile(r'<button type="button" tabindex="-1" data-pick="([^"]*)"( class="idm-chosen" aria-pressed="true")? '
                    r'style="background:(#[0-9a-f]{6});color:(#[0-9a-f]{6})" title="([^"]*)">([^<]*)</button>')


def _pairs() -> pd.DataFrame:
    return pd.DataFrame({"theme_a": ["x", "y", "x", "z"], "theme_b": ["y", "x", "z", "x"],
                         "label_a": ["X & co", HOSTILE, "X & co", "Z"], "label_b": [HOSTILE, "X & co", "Z", "X & co"],
                         "n_both": [3, 3, 1, 1], "n_a": [5, 4, 5, 2], "n_b": [4, 5, 2, 5],
                         "jaccard": [0.5, 0.5, 0.167, 0.167]})


THEMES = {"x": "X & co", "y": HOSTILE, "z": "Z"}


def squares(html: str) -> list[dict]:
    return [{"pick": json.loads(unescape(m[0])), "chosen": bool(m[1]), "fill": m[2], "hover": unescape(m[4]),
             "text": unescape(m[5])} for m in BUTTON.findall(html)]


@pytest.mark.parametrize("measure, texts", [("n_both", ["3", "1", "3", "1"]),
                                            ("jaccard", [".50", ".17", ".50", ".17"])])
def test_one_square_per_pair_coloured_by_the_measure(measure, texts):
    html = charts.grid_html(_pairs(), THEMES, measure)
    found = squares(html)
    assert [(s["pick"]["theme_a"], s["pick"]["theme_b"]) for s in found] == [("x", "y"), ("x", "z"), ("y", "x"),
                                                                           ("z", "x")]  # row by row
    assert [s["text"] for s in found] == texts
    assert found[0]["fill"] == found[2]["fill"] != found[1]["fill"]  # the top value darkest
    assert html.count("<td></td>") == 9 - len(found)  # the diagonal and the pairs never together are blank
    assert not any(s["chosen"] for s in found)


def test_labels_and_hover_are_escaped():
    html = charts.grid_html(_pairs(), THEMES, "n_both", unit_label="<b>Paragraphs</b>").split("</style>", 1)[1]
    assert "<img" not in html and "<b>Paragraphs" not in html and "X &amp; co" in html
    hover = squares(html)[0]["hover"]
    assert hover.startswith("X & co\nand " + HOSTILE) and "<b>Paragraphs</b> coded with both: 3" in hover


def test_the_chosen_cell_is_outlined_once():
    grid = charts.grid_html(_pairs(), THEMES, "n_both")
    marked = squares(charts.mark_chosen(grid, ("x", "z")))
    assert [s["pick"] for s in marked if s["chosen"]] == [{"theme_a": "x", "theme_b": "z"}]
    assert charts.mark_chosen(grid, ("x", "nope")) == grid == charts.mark_chosen(grid, None)


def test_columns_carry_short_labels_and_rows_whole_ones_on_hover():
    themes = {"x": "GCM 7: Reduce vulnerabilities", "y": "Whole-of-society approach to migration, " * 3, "z": "Z"}
    html = charts.grid_html(_pairs(), themes, "n_both")
    columns = [unescape(c) for c in re.findall(r'<th scope="col"[^>]*><span>([^<]*)</span>', html)]
    assert columns[0] == "GCM 7" and columns[2] == "Z" and len(columns[1]) <= charts.COLUMN_CHARS
    assert f'title="{themes["y"]}"' in html


@pytest.mark.parametrize("value, expected", [({"theme_a": "x", "theme_b": "z"}, ("x", "z")),
                                             ({"theme_a": "x", "theme_b": "x"}, None),
                                             ({"theme_a": "x", "theme_b": "nope"}, None), ({"theme_a": "x"}, None),
                                             (["x", "z"], None), (None, None)])
def test_cell_from_click(value, expected):
    assert charts.cell_from_click(value, THEMES) == expected
