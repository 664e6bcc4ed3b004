"""A chart's text alternative: the summary escaped, the data drawn when its expander opens."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from idm_data.vocabulary import actor_type_labels
from ui.colours import PALE_GREY, TOL_MUTED, actor_type_colours, actor_type_label_colours


def chart_script():
    import pandas as pd

    from ui.alt_text import describe_chart

    describe_chart("Most: [click](http://evil.example) <img src=x onerror=alert(1)> (3)",
                   pd.DataFrame({"name": ["<b>x</b>"], "n": [3]}), "chart-data")


def test_summary_is_escaped_and_the_data_waits_for_its_expander():
    at = AppTest.from_function(chart_script).run()
    caption = at.caption[0].value
    assert caption.startswith("In words: Most")
    assert "[click](" not in caption and "<img" not in caption and "&lt;img" in caption
    assert not at.dataframe
    at.session_state["chart-data"] = True
    at.run()
    assert at.dataframe[0].value["name"].tolist() == ["<b>x</b>"]  # a grid shows text as text


def test_every_actor_type_has_its_own_colour():
    colours = actor_type_colours()
    assert list(colours) == list(actor_type_labels())
    assert colours["other"] == PALE_GREY and len(set(colours.values())) == len(colours)
    assert set(colours.values()) - {PALE_GREY} <= set(TOL_MUTED)
    assert set(actor_type_label_colours()) == set(actor_type_labels().values())
