"""Charts in words: the leaders with their values, plurals, ties and empty tables."""

from __future__ import annotations

import pandas as pd
import pytest

from idm_data.views.chart_text import counted, leader_per_group, listing, ranking_summary, top_by

MENTIONS = ("mention", "mentions")


@pytest.mark.parametrize("n, expected", [(0, "0 mentions"), (1, "1 mention"), (2, "2 mentions"),
                                         (1234, "1,234 mentions")])
def test_counted(n, expected):
    assert counted(n, MENTIONS) == expected


def test_top_by_sums_per_label_and_keeps_the_frame_order_on_ties():
    frame = pd.DataFrame({"label": ["b", "a", "c", "a", "d"], "n": [5, 2, 5, 4, 1]})
    assert top_by(frame, "label", "n", 3) == [("a", 6), ("b", 5), ("c", 5)]


@pytest.mark.parametrize("pairs, expected", [
    ([("IOM", 60)], "IOM (60 mentions)"),
    ([("IOM", 60), ("UN", 1)], "IOM (60 mentions) and UN (1)"),
    ([("IOM", 60), ("UN", 33), ("Mexico", 9)], "IOM (60 mentions), UN (33) and Mexico (9)"),
])
def test_listing_names_the_unit_once(pairs, expected):
    assert listing(pairs, MENTIONS) == expected


def test_ranking_summary():
    frame = pd.DataFrame({"country": ["Syria", "Mexico", "Italy", "Chad"], "n_mentions": [8, 5, 4, 1]})
    assert ranking_summary(frame, "country", "n_mentions", ("country", "countries"), MENTIONS) == (
        "4 countries, 18 mentions in all; the most: Syria (8 mentions), Mexico (5) and Italy (4).")
    one = frame.head(1)
    assert ranking_summary(one, "country", "n_mentions", ("country", "countries"), MENTIONS) == (
        "1 country, 8 mentions in all; the most: Syria (8 mentions).")
    assert ranking_summary(frame.head(0), "country", "n_mentions", ("country", "countries"), MENTIONS) == (
        "No countries.")


def test_leader_per_group_in_the_frame_order():
    frame = pd.DataFrame({"session": ["B", "B", "A", "A"], "type": ["UN", "NGO", "UN", "NGO"], "n": [3, 7, 2, 1]})
    assert leader_per_group(frame, "session", "type", "n", ("organisation", "organisations")) == (
        "B: NGO (7 of 10 organisations); A: UN (2 of 3 organisations).")
    assert leader_per_group(frame.head(0), "session", "type", "n", ("x", "xs")) == "Nothing to compare."
