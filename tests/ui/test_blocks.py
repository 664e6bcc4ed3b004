"""ui.blocks: a read-only table and headline figures as escaped HTML blocks."""

import numpy as np
import pandas as pd
import pytest

from ui.blocks import figures_html, scorecards_html, table_html

HOSTILE = ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "&amp;"]


@pytest.mark.parametrize("text", HOSTILE)
def test_every_cell_and_header_is_escaped(text):
    out = table_html(pd.DataFrame({"name": [text], "n": [1]}), {"name": text, "n": "Count"}, {"n": "d"})
    body = out.split("</style>", 1)[1]
    assert "<script" not in body and "<img" not in body
    assert body.count("&amp;amp;") == (2 if "&" in text else 0)  # shown as typed, in the header and the cell


def test_numbers_are_formatted_and_right_aligned_and_gaps_left_blank():
    frame = pd.DataFrame({"name": ["IOM", None], "n": np.array([12, 3], dtype="int64"), "b": [0.41666, np.nan]})
    out = table_html(frame, {"name": "Actor", "n": "Partners", "b": "Betweenness"}, {"n": "d", "b": ".2f"})
    assert '<th scope="col" class="idm-num">Partners</th>' in out
    assert '<tr><td>IOM</td><td class="idm-num">12</td><td class="idm-num">0.42</td></tr>' in out
    assert '<tr><td></td><td class="idm-num">3</td>' in out and ">nan<" not in out


def test_columns_are_those_asked_for_in_that_order_and_the_block_scrolls():
    frame = pd.DataFrame({"a": [1], "b": ["x"], "hidden_id": ["secret"]})
    out = table_html(frame, {"b": "B", "a": "A"}, height=300, caption="Named")
    assert "secret" not in out and out.index(">B</th>") < out.index(">A</th>")
    assert 'style="max-height: 300px"' in out and "<caption>Named</caption>" in out


def test_figures_are_escaped_and_in_order():
    out = figures_html({"Countries named": 52, "<b>Mentions</b>": "1,204"})
    assert out.index("Countries named") < out.index("Mentions") and "<b>" not in out.split("</style>", 1)[1]
    assert '<span class="idm-value">52</span>' in out


def test_scorecards_are_escaped_and_in_order():
    out = scorecards_html([("Countries", {"Precision": "0.990", "Recall": "0.980"}, "target: met"),
                           ("<i>Org</i>", {"<b>P</b>": "1.000"}, "<script>x</script>")])
    body = out.split("</style>", 1)[1]
    assert body.index("Countries") < body.index("Org") and "<b>" not in body and "<script>" not in body
    assert body.count('class="idm-scorecard"') == 2 and '<span class="idm-value">0.980</span>' in body
