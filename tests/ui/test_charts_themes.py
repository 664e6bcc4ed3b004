"""ui.charts.themes: the session × theme grid and the per-theme bars, as HTML, from theme_stats tables."""

import json
import re
from html import unescape

import pytest

import idm_data
from chart_cases import HOSTILE, matrix
from idm_data.views import theme_stats
from ui.charts import themes as charts
from ui.charts.html import BAR_SHARE
from ui.charts.labels import VALUE_PX, text_px
from ui.escape import html_text

SIZES = [(1, 1), (1, 41), (2, 3), (3, 41), (30, 1), (30, 41)]
BUTTON = re.compile(r'<button type="button" data-pick="([^"]*)"( class="idm-chosen" aria-pressed="true")? '
                    r'style="background:(#[0-9a-f]{6});color:(#[0-9a-f]{6})" title="([^"]*)">([^<]*)</button>')


@pytest.fixture(scope="module")
def tables():
    return idm_data.load()


def buttons(html: str) -> list[dict]:
    """Each cell of a grid: what a click on it picks, whether it is chosen, its colours, hover and text."""
    return [{"pick": json.loads(unescape(m[0])), "chosen": bool(m[1]), "fill": m[2], "ink": m[3],
             "hover": unescape(m[4]), "text": unescape(m[5])} for m in BUTTON.findall(html)]


def headers(html: str, scope: str) -> list[str]:
    return [unescape(h) for h in re.findall(rf'<th scope="{scope}"[^>]*>(?:<span>)?([^<]*)', html)]


@pytest.mark.parametrize("n_sessions, n_themes", SIZES)
def test_grid_has_one_button_per_session_and_theme(n_sessions, n_themes):
    shown = matrix(n_sessions, n_themes)
    html = charts.grid_html(shown, "n_matches", "both", ("idm-2001-1", "theme-00"))
    cells = buttons(html)
    assert [(c["pick"]["session_id"], c["pick"]["theme_id"]) for c in cells] == \
        sorted(zip(shown["session_id"], shown["theme_id"]), key=lambda p: (p[1], p[0]))  # row by row
    assert [c["pick"] for c in cells if c["chosen"]] == [{"session_id": "idm-2001-1", "theme_id": "theme-00"}]
    assert len(headers(html, "col")) == n_sessions and len(headers(html, "row")) == n_themes


@pytest.mark.parametrize("n_sessions, n_themes", SIZES)
def test_grid_is_sized_to_its_content_and_fits_the_page(n_sessions, n_themes):
    html = charts.grid_html(matrix(n_sessions, n_themes), "rate_per_1k_words", "both", None)
    width = int(re.search(r"--cell: (\d+)px", html)[1])
    assert charts.MIN_COLUMN_PX <= width <= charts.MAX_COLUMN_PX and f"--row: {charts.ROW_PX}px" in html
    assert html.index('class="idm-legend"') < html.index("<table>")  # the legend above the cells, never on them
    assert charts.grid_width(matrix(n_sessions, n_themes)) <= 800  # the main column at 1280 px, sidebar open


def test_columns_narrow_as_sessions_are_added_within_bounds():
    widths = [charts.column_px(n) for n in range(1, 41)]
    assert widths == sorted(widths, reverse=True)
    assert widths[0] == charts.MAX_COLUMN_PX and widths[-1] == charts.MIN_COLUMN_PX


@pytest.mark.parametrize("n_sessions, upright", [(1, False), (7, False), (12, True), (30, True)])
def test_column_labels_wrap_when_wide_and_stand_upright_when_narrow(n_sessions, upright):
    html = charts.grid_html(matrix(n_sessions, 2), "n_matches", "both", None)
    assert html.count('class="idm-upright"') == (n_sessions if upright else 0)
    assert html.count('class="idm-level"') == (0 if upright else n_sessions)


@pytest.mark.parametrize("n_sessions, value", [(1, 1.5), (30, 1.5), (30, 400.0), (3, 4000.0)])
def test_values_are_written_only_where_they_fit(n_sessions, value):
    shown = matrix(n_sessions, 5, value=value)
    cells = buttons(charts.grid_html(shown, "rate_per_1k_words", "both", None))
    texts = charts.value_text(shown["rate_per_1k_words"], "rate_per_1k_words")
    written = all(c["text"] for c in cells)
    assert written == (max(text_px(t, VALUE_PX) for t in texts) <= charts.column_px(n_sessions) - 4)
    assert written or not any(c["text"] for c in cells)
    shown_text = dict(zip(zip(shown["session_id"], shown["theme_id"]), texts))
    for c in cells:  # the value is always in the hover
        assert f"{shown_text[c['pick']['session_id'], c['pick']['theme_id']]} per 1,000 words" in c["hover"]


def test_colours_follow_the_value_and_zero_is_white():
    cells = buttons(charts.grid_html(matrix(3, 4), "n_matches", "both", None))
    top = max(cells, key=lambda c: int(c["text"]))
    assert top["fill"] == charts.BLUES[-1] and top["ink"] == charts.LIGHT_INK
    zeros = [c for c in cells if c["text"] == "0"]
    assert zeros and {c["fill"] for c in zeros} == {charts.ZERO_FILL} and {c["ink"] for c in zeros} == {charts.DARK_INK}


@pytest.mark.parametrize("share", [0.0, 0.01, 0.3, 0.5, 0.99, 1.0])
def test_blue_darkens_with_the_share(share):
    darker = charts.blue(min(share + 0.2, 1.0))
    assert sum(int(charts.blue(share)[i:i + 2], 16) for i in (1, 3, 5)) >= sum(int(darker[i:i + 2], 16) for i in (1, 3, 5))


def test_long_labels_are_shortened_and_whole_in_the_hover():
    long = "A theme whose label goes on and on well past what a row of the grid can hold"
    html = charts.grid_html(matrix(2, 2, theme_label=long, session_name=long), "n_matches", "both", None)
    rows, columns = headers(html, "row"), headers(html, "col")
    assert max(map(len, rows)) <= charts.ROW_LABEL_CHARS and all("…" in r for r in rows) and len(set(rows)) == 2
    assert max(map(len, columns)) <= charts.COLUMN_LABEL_CHARS and len(set(columns)) == 2
    assert all(unescape(t).startswith(long) for t in re.findall(r'<th scope="(?:row|col)"[^>]*title="([^"]*)"', html))
    assert all(c["hover"].startswith(long) for c in buttons(html))


def test_an_all_zero_grid_is_white():
    cells = buttons(charts.grid_html(matrix(2, 2, value=0.0), "rate_per_1k_words", "both", None))
    assert {c["fill"] for c in cells} == {charts.ZERO_FILL}


@pytest.mark.parametrize("name", HOSTILE)
def test_stored_names_are_escaped(name):
    shown = matrix(2, 2, session_name=name, theme_label=name)
    for html in (charts.grid_html(shown, "n_matches", "both", None),
                 charts.bars_html(theme_stats.theme_totals(shown), "n_matches", 2)):
        body = html.split("</style>", 1)[1]
        assert "<img" not in body and "<script" not in body and "<b>" not in body
        assert html_text(name) in body
    cells = buttons(charts.grid_html(shown, "n_matches", "both", None))
    assert name in cells[0]["hover"]  # shown as written, once the browser decodes it


@pytest.mark.parametrize("value, expected", [
    ({"session_id": "s1", "theme_id": "x"}, ("s1", "x")), ({"session_id": "s1", "theme_id": "gcm-99"}, None),
    ({"session_id": "nope", "theme_id": "x"}, None), ({"session_id": "s1"}, None), ("s1|x", None), (None, None),
    (["s1", "x"], None)])
def test_cell_from_click(value, expected):
    assert charts.cell_from_click(value, ["s1", "s2"], ["gcm-01", "x"]) == expected


def test_grid_and_bars_of_the_corpus(tables):
    shown = theme_stats.theme_matrix(tables)
    html = charts.grid_html(shown, "rate_per_1k_words", "both", theme_stats.default_cell(shown, "rate_per_1k_words"))
    cells = buttons(html)
    assert len(cells) == 3 * len(tables["themes"]) and all(c["text"] for c in cells)
    assert headers(html, "row")[:2] == ["GCM 1: Data", "GCM 2: Minimize adverse drivers"]  # never shortened
    totals = theme_stats.theme_totals(shown)
    bars = charts.bars_html(totals, "n_sentences", 3)
    widths = [float(w) for w in re.findall(r'class="idm-bar" style="width:([\d.]+)%', bars)]
    assert len(widths) == len(totals) and max(widths) == BAR_SHARE
    top = totals.loc[totals["n_sentences"].idxmax(), "label"]
    assert re.search(rf'title="{re.escape(top)}">[^<]*</th><td class="idm-bar-cell"><span class="idm-bar" '
                     rf'style="width:{BAR_SHARE}.0%', bars)
    assert "GCM objectives" in bars and "Cross-cutting themes" in bars


def test_the_page_view_is_the_grid_and_bars_of_its_matrix(tables):
    """The Themes page draws a view built once per filters and controls (its grid is the matrix's, no cell
    chosen); marking a cell outlines that cell's button and changes nothing else, for every cell."""
    view = charts.page_view(tables, tables, "both", (), "all", 0.0, "n_matches", 2)
    full = theme_stats.theme_matrix(tables)
    assert view["n_sessions"] == 3 and view["matrix"]["session_id"].nunique() == 2  # the 2 latest of 3
    assert view["totals"].equals(theme_stats.theme_totals(full))  # the bars count every session
    assert view["bars"] == charts.bars_html(view["totals"], "n_matches", 3)
    assert view["default_cell"] == theme_stats.default_cell(view["matrix"], "n_matches")
    assert view["grid"] == charts.grid_html(view["matrix"], "n_matches", "both", None)
    for cell in zip(view["matrix"]["session_id"], view["matrix"]["theme_id"]):
        marked = charts.mark_chosen(view["grid"], cell)
        # the one difference: the chosen cell's button says so
        assert marked.replace(' class="idm-chosen" aria-pressed="true"', "", 1) == view["grid"] != marked
        assert [c["pick"] for c in buttons(marked) if c["chosen"]] == [dict(zip(("session_id", "theme_id"), cell))]
        assert view["cells"][cell]["label"] == view["themes"][cell[1]]
    assert charts.page_view(tables, tables, "both", ("no-such-theme",), "all", 0.0, "n_matches", 2) is None
