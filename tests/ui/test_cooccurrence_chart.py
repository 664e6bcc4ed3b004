"""Unit tests of ui.charts.cooccurrence: the grid figure from a pairs table, without Streamlit."""

import pandas as pd
import pytest

from ui.charts.cooccurrence import grid_figure

HOSTILE = '<img src=x onerror="alert(1)">'


def _pairs() -> pd.DataFrame:
    return pd.DataFrame({"theme_a": ["x", "y", "x", "z"], "theme_b": ["y", "x", "z", "x"],
                         "label_a": ["X & co", HOSTILE, "X & co", "Z"], "label_b": [HOSTILE, "X & co", "Z", "X & co"],
                         "n_both": [3, 3, 1, 1], "n_a": [5, 4, 5, 2], "n_b": [4, 5, 2, 5],
                         "jaccard": [0.5, 0.5, 0.167, 0.167]})


THEMES = {"x": "X & co", "y": HOSTILE, "z": "Z"}


@pytest.mark.parametrize("measure, texts", [("n_both", ["3", "3", "1", "1"]),
                                            ("jaccard", [".50", ".50", ".17", ".17"])])
def test_one_square_per_pair_coloured_by_the_measure(measure, texts):
    figure = grid_figure(_pairs(), THEMES, measure, None)
    grid = figure.data[0]
    assert len(figure.data) == 1 and list(grid.text) == texts
    assert list(grid.marker.color) == list(_pairs()[measure])
    assert [list(c) for c in grid.customdata] == [["x", "y"], ["y", "x"], ["x", "z"], ["z", "x"]]
    assert list(figure.layout.xaxis.categoryarray) == ["x", "y", "z"] == list(figure.layout.yaxis.categoryarray)


def test_labels_and_hover_are_escaped():
    figure = grid_figure(_pairs(), THEMES, "n_both", None, unit_label="<b>Paragraphs</b>")
    ticks = list(figure.layout.xaxis.ticktext) + list(figure.layout.yaxis.ticktext)
    hover = " ".join(figure.data[0].hovertext)
    for text in ticks + [hover, figure.layout.title.text]:
        assert "<img" not in text and "<b>Paragraphs" not in text
    assert "X &amp; co" in ticks and "&lt;img" in hover and "&lt;b&gt;paragraphs&lt;/b&gt; coded with both: 3" in hover


def test_the_chosen_cell_is_outlined():
    figure = grid_figure(_pairs(), THEMES, "n_both", ("x", "z"))
    outline = figure.data[1]
    assert (list(outline.x), list(outline.y)) == (["z"], ["x"])
    assert [list(c) for c in outline.customdata] == [["x", "z"]]
    assert grid_figure(_pairs(), THEMES, "n_both", ("x", "nope")).data[1].x is None or \
        len(grid_figure(_pairs(), THEMES, "n_both", ("x", "nope")).data[1].x) == 0


def test_long_labels_are_shortened_before_escaping():
    long = "A" * 50 + " & B"
    figure = grid_figure(_pairs(), {"x": long, "y": "Y", "z": "Z"}, "n_both", None)
    tick = figure.layout.yaxis.ticktext[0]
    assert tick.endswith("…") and "&" not in tick and len(tick) == 40


def test_columns_carry_short_labels():
    themes = {"x": "GCM 7: Reduce vulnerabilities", "y": "Whole-of-society approach to migration", "z": "Z"}
    columns = list(grid_figure(_pairs(), themes, "n_both", None).layout.xaxis.ticktext)
    assert columns == ["GCM 7", "Whole-of-society…", "Z"]
