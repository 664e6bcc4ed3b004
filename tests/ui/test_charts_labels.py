"""ui.charts.labels: shortened, distinct labels and text sizes."""

import pytest

from ui.charts.labels import actor_colour, distinct, shorten, text_px
from ui.colours import PALE_GREY


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


def test_every_actor_type_has_its_own_colour():
    from idm_data.vocabulary import actor_type_labels
    colours = [actor_colour(label) for label in actor_type_labels().values()]
    assert len(set(colours)) == len(colours) and actor_colour("Unknown type") == PALE_GREY
