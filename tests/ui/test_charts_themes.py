"""ui.charts.themes: the session × theme grid and the per-theme bars, from theme_stats tables."""

import pytest

import idm_data
from chart_cases import HOSTILE, matrix, without_data
from idm_data.views import theme_stats
from ui.charts import themes as charts
from ui.charts.vega import VALUE_PX, text_px

SIZES = [(1, 1), (1, 41), (2, 3), (3, 41), (30, 1), (30, 41)]


@pytest.fixture(scope="module")
def tables():
    return idm_data.load()


def layers(spec: dict) -> list[dict]:
    return spec["layer"]


def written(spec: dict) -> bool:
    """Does the grid write its values in the cells?"""
    return any(layer["mark"]["type"] == "text" for layer in layers(spec))


@pytest.mark.parametrize("n_sessions, n_themes", SIZES)
def test_grid_has_one_cell_per_session_and_theme(n_sessions, n_themes):
    shown = matrix(n_sessions, n_themes)
    spec = charts.grid_spec(shown, "n_matches", "both", ("idm-2001-1", "theme-00"))
    cells = spec["datasets"]["cells"]
    assert len(cells) == n_sessions * n_themes
    assert cells[["column", "row"]].drop_duplicates().shape[0] == len(cells)  # no two cells on one spot
    assert cells["chosen"].sum() == 1
    by_order = cells.sort_values(["column_order", "row_order"])
    assert list(dict.fromkeys(by_order["session_id"])) == list(dict.fromkeys(shown["session_id"]))
    assert list(dict.fromkeys(cells.sort_values("row_order")["theme_id"])) == list(dict.fromkeys(shown["theme_id"]))


@pytest.mark.parametrize("n_sessions, n_themes", SIZES)
def test_grid_is_sized_to_its_content(n_sessions, n_themes):
    spec = charts.grid_spec(matrix(n_sessions, n_themes), "rate_per_1k_words", "both", None)
    width = spec["width"]["step"]
    assert charts.MIN_COLUMN_PX <= width <= charts.MAX_COLUMN_PX and spec["height"]["step"] == charts.ROW_PX
    assert spec["autosize"] == {"type": "pad"}  # the chart grows with its labels; nothing is squeezed or cut
    for axis in (spec["encoding"]["x"]["axis"], spec["encoding"]["y"]["axis"]):
        assert axis["labelLimit"] == 0 and axis["labelOverlap"] is False and axis["title"] is None
    assert spec["layer"][0]["encoding"]["color"]["legend"]["orient"] == "top"  # above the cells, never on them


def test_columns_narrow_as_sessions_are_added_within_bounds():
    widths = [charts.column_px(n) for n in range(1, 41)]
    assert widths == sorted(widths, reverse=True)
    assert widths[0] == charts.MAX_COLUMN_PX and widths[-1] == charts.MIN_COLUMN_PX


@pytest.mark.parametrize("n_sessions, value", [(1, 1.5), (30, 1.5), (30, 400.0), (3, 4000.0)])
def test_values_are_written_only_where_they_fit(n_sessions, value):
    spec = charts.grid_spec(matrix(n_sessions, 5, value=value), "rate_per_1k_words", "both", None)
    cells = spec["datasets"]["cells"]
    fits = max(text_px(t, VALUE_PX) for t in cells["value_text"]) <= spec["width"]["step"] - 4
    assert written(spec) == fits
    if written(spec):  # white on the darkest cells, dark on the rest
        assert set(cells.loc[cells["value"] == cells["value"].max(), "ink"]) == {charts.LIGHT_INK}
        assert set(cells.loc[cells["value"] == 0, "ink"]) == {charts.DARK_INK}


def test_headers_are_level_when_they_fit_and_slanted_otherwise():
    level = charts.grid_spec(matrix(1, 3, session_name="S"), "n_matches", "both", None)
    wide = "Protection of migrants in vulnerable situations"
    slanted = charts.grid_spec(matrix(30, 3, session_name="A long session name", theme_label=wide), "n_matches",
                               "both", None)
    assert level["encoding"]["x"]["axis"]["labelAngle"] == 0
    assert slanted["encoding"]["x"]["axis"]["labelAngle"] == charts.UPRIGHT
    few = charts.grid_spec(matrix(4, 3, session_name="A long session name"), "n_matches", "both", None)
    assert few["encoding"]["x"]["axis"]["labelAngle"] == charts.SLANT
    crowded = charts.grid_spec(matrix(30, 1, session_name="A long session name"), "n_matches", "both", None)
    assert crowded["encoding"]["x"]["axis"]["labelAngle"] == charts.UPRIGHT  # slanted, they would touch


def test_long_labels_are_shortened_and_whole_in_the_hover():
    long = "A theme whose label goes on and on well past what a row of the grid can hold"
    spec = charts.grid_spec(matrix(2, 2, theme_label=long, session_name=long), "n_matches", "both", None)
    cells = spec["datasets"]["cells"]
    assert cells["row"].str.len().max() <= charts.ROW_LABEL_CHARS and cells["row"].str.contains("…").all()
    assert cells["column"].str.len().max() <= charts.COLUMN_LABEL_CHARS
    assert cells["row"].nunique() == cells["column"].nunique() == 2  # cut alike, still two rows and two columns
    assert cells["theme"].str.startswith(long).all() and cells["session"].str.startswith(long).all()
    assert {"field": "theme", "title": "Theme"} in spec["layer"][0]["encoding"]["tooltip"]


def test_an_all_zero_grid_keeps_a_colour_scale():
    spec = charts.grid_spec(matrix(2, 2, value=0.0), "rate_per_1k_words", "both", None)
    assert spec["layer"][0]["encoding"]["color"]["scale"]["domain"] == [0, 1]
    assert spec["layer"][0]["encoding"]["color"]["condition"]["value"] == charts.ZERO_FILL


@pytest.mark.parametrize("name", HOSTILE)
def test_stored_names_travel_as_data_never_as_code(name):
    shown = matrix(2, 2, session_name=name, theme_label=name)
    for spec in (charts.grid_spec(shown, "n_matches", "both", ("idm-2001-1", "theme-00")),
                 charts.bars_spec(theme_stats.theme_totals(shown), "n_matches", 2)):
        assert name not in without_data(spec)
    cells = charts.grid_spec(shown, "n_matches", "both", None)["datasets"]["cells"]
    assert cells["session"].str.startswith(name).all()  # raw: Vega writes text, and its hover escapes it


@pytest.mark.parametrize("selection, expected", [
    ({"cell": [{"session_id": "s1", "theme_id": "x"}]}, ("s1", "x")),
    ({"cell": [{"session_id": "nope", "theme_id": "x"}, {"session_id": "s2", "theme_id": "gcm-01"}]}, ("s2", "gcm-01")),
    ({"cell": [{"session_id": "s1", "theme_id": "gcm-99"}]}, None),
    ({"cell": [{"session_id": "s1"}]}, None),
    ({"cell": ["s1 x"]}, None),
    ({"other": [{"session_id": "s1", "theme_id": "x"}]}, None),
    ({}, None), (None, None), ("garbage", None)])
def test_cell_from_selection(selection, expected):
    assert charts.cell_from_selection(selection, ["s1", "s2"], ["gcm-01", "x"]) == expected


def test_grid_and_bars_of_the_corpus(tables):
    shown = theme_stats.theme_matrix(tables)
    spec = charts.grid_spec(shown, "rate_per_1k_words", "both", theme_stats.default_cell(shown, "rate_per_1k_words"))
    cells = spec["datasets"]["cells"]
    assert len(cells) == 3 * len(tables["themes"]) and written(spec)
    assert cells["row"].tolist()[:2] == ["GCM 1: Data", "GCM 2: Minimize adverse drivers"]  # never shortened
    assert charts.grid_width(shown) <= charts.PAGE_PX
    totals = theme_stats.theme_totals(shown)
    bars = charts.bars_spec(totals, "n_sentences", 3)
    assert bars["datasets"]["bars"]["value"].tolist() == totals["n_sentences"].astype(float).tolist()
    assert bars["layer"][0]["encoding"]["color"]["scale"]["domain"] == ["GCM objectives", "Cross-cutting themes"]


@pytest.mark.parametrize("n_sessions, n_themes", SIZES)
def test_grid_fits_the_page(n_sessions, n_themes):
    assert charts.grid_width(matrix(n_sessions, n_themes)) <= charts.PAGE_PX
