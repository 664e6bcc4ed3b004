"""AppTest of the Compare page: sides and units from the URL, the keyness table, each row's sentences
on both sides, filters (including ones that leave nothing), hostile and unknown URL values."""

import pandas as pd
import pytest

from apptest_helpers import click_pick, clickable_html, evidence_shown, page_path, picks, run_page

import idm_data
from idm_data.views import compare
from idm_data.views import filters as f
from ui.charts.compare import MAX_ROWS

PAGE = page_path("compare")
SHOWN = 20  # sentences listed per side (the CSV has them all)


@pytest.fixture(scope="module")
def tables():
    return idm_data.load()


def run(**params):
    return run_page(PAGE, **params)


def table(at) -> pd.DataFrame:
    """The keyness table shown (the clickable HTML table): the text of each row as read, its counts as
    numbers (n_a, n_b) and the item a click on it picks."""
    import lxml.html

    html = clickable_html(at)
    parsed = lxml.html.fromstring(html)
    rows = [[cell.text_content() for cell in row.findall("td")] for row in parsed.iter("tr") if row.findall("td")]
    header = [cell.text_content() for cell in parsed.iter("th")]
    shown = pd.DataFrame(rows, columns=header, dtype=object)
    return shown.assign(item=[p["item"] for p in picks(html)], n_a=shown["In A"].astype(int),
                        n_b=shown["In B"].astype(int))


def test_default_compares_the_latest_session_with_the_one_before(tables):
    at = run()
    assert (at.selectbox(key="a").value, at.selectbox(key="b").value) == ("idm-2018-1", "idm-2017-2")
    expected = compare.theme_keyness(tables, tables, "session", "idm-2018-1", "idm-2017-2")
    significant = expected[expected["significance"] != ""]
    assert list(table(at)["item"]) == list(significant["item"])
    assert dict(at.query_params) == {"a": "idm-2018-1", "b": "idm-2017-2"}  # the pair, even by default
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels[0] == "Download the themes table (CSV)" and "Download the sentences of A (CSV)" in labels


def test_a_row_opens_its_sentences_on_both_sides(tables):
    at = run()
    at.selectbox(key="item").set_value("gcm-07").run()
    row = table(at).set_index("item").loc["gcm-07"]
    shown = evidence_shown(at)
    sessions = [source.split(" · ")[1] for _, source in shown]
    assert sessions == ["idm-2018-1"] * min(row["n_a"], SHOWN) + ["idm-2017-2"] * min(row["n_b"], SHOWN)
    assert any(c.value == f"Showing {SHOWN} of {row['n_b']} sentences; the CSV has them all." for c in at.caption)
    assert all("<mark>" in text for text, _ in shown)
    assert at.query_params["item"] == "gcm-07"


def test_a_click_on_a_row_reads_it(tables):
    at = run()
    first, second = table(at)["item"][:2]
    assert at.selectbox(key="item").value == first and 'class="idm-chosen"' in clickable_html(at)
    at = click_pick(at, "keyness", item=second)
    assert not at.exception and at.selectbox(key="item").value == second and at.query_params["item"] == second
    chosen = [p["item"] for p in picks(clickable_html(at).split('class="idm-chosen"')[0])][-1]
    assert chosen == second  # the row read is the one marked
    at = click_pick(at, "keyness", item="<script>no such row</script>")
    assert not at.exception and at.selectbox(key="item").value == second


def test_words_between_years_from_the_url(tables):
    at = run(by="year", unit="words", a="2017", b="2018", item="compact", rows="all")
    words = table(at)
    expected = compare.word_keyness(tables, tables, "year", "2017", "2018")
    assert len(expected) > 1000 and list(words["item"]) == list(expected["item"])[:MAX_ROWS]  # highest G² first
    assert any(c.value.startswith(f"The table lists the {MAX_ROWS} rows of highest G² of {len(expected)}")
               for c in at.caption)
    assert len(at.selectbox(key="item").options) == len(expected)  # the picker reaches every row
    words = expected.set_index("item").loc[["compact"]].reset_index()
    in_a = compare.word_evidence(tables, tables, "year", "2017", "2018", "compact")
    in_b = compare.word_evidence(tables, tables, "year", "2018", "2017", "compact")
    row = words.set_index("item").loc["compact"]
    assert sum(len(s) for s in in_a["spans"]) == row["n_a"] and sum(len(s) for s in in_b["spans"]) == row["n_b"]
    shown = evidence_shown(at)
    assert len(shown) == min(len(in_a), SHOWN) + min(len(in_b), SHOWN)
    assert all("<mark>compact</mark>" in text.lower() for text, _ in shown)
    assert dict(at.query_params) == {"by": "year", "unit": "words", "a": "2017", "b": "2018", "item": "compact",
                                     "rows": "all"}


def test_against_all_the_others(tables):
    at = run(a="idm-2017-1", b="others")
    sizes = [m.value for m in at.markdown if m.value.startswith("**A**")][0]
    assert "all but IDM 2017, first workshop" in sizes.replace("\\", "")
    expected = compare.theme_keyness(tables, tables, "session", "idm-2017-1", compare.OTHERS)
    assert set(table(at)["item"]) == set(expected.loc[expected["significance"] != "", "item"])


def test_b_never_equals_a():
    at = run(a="idm-2017-2", b="idm-2017-2")
    assert at.selectbox(key="b").value != "idm-2017-2"
    assert "idm-2017-2" not in at.selectbox(key="b").options


@pytest.mark.parametrize("params, message", [
    ({"session": "idm-2018-1"}, "Comparing needs two sessions"),
    ({"session": ["idm-2017-1", "idm-2017-2"], "by": "year"}, "Comparing needs two years"),
    ({"theme": "gcm-01", "doc_type": "closing_remarks", "session": "idm-2017-2"}, "Comparing needs two sessions"),
])
def test_filters_that_leave_too_little(params, message):
    at = run(**params)
    assert any(i.value.startswith(message) for i in at.info)
    assert len(at.get("bidi_component")) == 0


def test_a_theme_filter(tables):
    at = run(theme="gcm-07", rows="all")
    view = f.apply(tables, f.Filters(themes=("gcm-07",)))
    expected = compare.theme_keyness(tables, view, "session", "idm-2018-1", "idm-2017-2")
    assert list(table(at)["item"]) == list(expected["item"]) and len(expected) > 1


def test_no_significant_difference_says_so(tables):
    at = run(theme="gcm-01")
    view = f.apply(tables, f.Filters(themes=("gcm-01",)))
    every = compare.theme_keyness(tables, view, "session", "idm-2018-1", "idm-2017-2")
    assert len(every) and (every["significance"] == "").all()
    assert any(i.value.startswith("No difference of themes between A and B is significant") for i in at.info)
    assert len(at.get("bidi_component")) == 0
    assert len(table(run(theme="gcm-01", rows="all"))) == len(every)


HOSTILE = ["<script>alert(1)</script>", "[x](javascript:alert(1))", "idm-2018-1\u0000", "others", "' OR 1=1 --"]


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_and_unknown_url_values(value):
    at = run(a=value, b=value, by=value, unit=value, item=value, rows=value, extra=value)
    pair = (at.selectbox(key="a").value, at.selectbox(key="b").value)
    assert pair == ("idm-2018-1", compare.OTHERS if value == compare.OTHERS else "idm-2017-2")
    assert dict(at.query_params) == {"a": pair[0], "b": pair[1]}
    shown = [e.value for e in list(at.markdown) + list(at.info) + list(at.caption) + list(at.subheader)]
    assert all("<script" not in v and "](javascript" not in v for v in shown)
