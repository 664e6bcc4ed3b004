"""ui.charts.labels and ui.charts.vega: shortened labels, titles that fit, and the reading of a selection."""

import pytest

from ui.charts.labels import distinct, shorten, text_px
from ui.charts.vega import TITLE_CHARS, point_selection, selected_rows, title


@pytest.mark.parametrize("text, limit, expected", [
    ("Youth", 10, "Youth"), ("Protection of migrants", 10, "Protectio…"), ("abc", 3, "abc"), ("abcd", 3, "ab…"),
    ("two  words here", 6, "two…"), (42, 5, "42")])
def test_shorten(text, limit, expected):
    assert shorten(text, limit) == expected and len(shorten(text, limit)) <= limit


@pytest.mark.parametrize("labels", [["A", "B"], ["Same", "Same", "Same"], ["A long name of a session"] * 2 + ["Other"],
                                    ["x" * 60, "x" * 61, "x" * 62]])
def test_distinct_labels_are_distinct_and_short(labels):
    out = distinct(labels, 20)
    assert len(set(out)) == len(out) == len(labels)
    assert all(len(label) <= 20 for label in out)


def test_text_estimate_grows_with_text_and_size():
    assert 0 == text_px("") < text_px("IOM") < text_px("IOM and ILO") < text_px("IOM and ILO", 14)


@pytest.mark.parametrize("text", ["Short", "A title much longer than any one line of the narrowest chart can hold"])
def test_titles_wrap_to_lines_that_fit(text):
    made = title(text, text + " and a subtitle longer still, to be wrapped")
    assert all(len(line) <= TITLE_CHARS for line in made["text"] + made["subtitle"])
    assert " ".join(made["text"]) == text


@pytest.mark.parametrize("selection, expected", [
    ({"cell": [{"a": 1}, {"a": 2}]}, [{"a": 1}, {"a": 2}]),
    ({"cell": [{"a": 1}, "junk", 3]}, [{"a": 1}]),
    ({"cell": {}}, []), ({"other": [{"a": 1}]}, []), ({}, []), (None, []), ("cell", []), ({"cell": "a"}, [])])
def test_selected_rows_tolerates_anything(selection, expected):
    assert selected_rows(selection, "cell") == expected


def test_a_click_chooses_one_mark_and_keeps_it():
    made = point_selection("cell", ["session_id", "theme_id"])
    assert made["select"] == {"type": "point", "fields": ["session_id", "theme_id"], "on": "click", "toggle": False,
                              "clear": False}
