"""The evidence list: one markdown block, a paragraph and a source line per sentence."""

import pandas as pd

from ui.evidence import evidence_markdown


def frame(**overrides):
    row = {"text": "IOM and Italy met.", "spans": [(0, 3)], "title": "Closing remarks", "session_id": "idm-2017-1",
           "sentence_id": "doc.p001.s01"}
    return pd.DataFrame([row | overrides])


def test_each_sentence_has_its_highlight_and_source():
    body = evidence_markdown(pd.concat([frame(), frame(sentence_id="doc.p001.s02", spans=[(8, 13)])]))
    first, second = body.split("\n\n")
    assert first.startswith("<mark>IOM</mark> and Italy met")
    assert first.endswith("sentence `doc.p001.s01`]]") and "Closing remarks · idm\\-2017\\-1" in first
    assert "<mark>Italy</mark>" in second and "doc.p001.s02" in second


def test_text_from_documents_cannot_close_the_directive_or_inject_html():
    body = evidence_markdown(frame(title="Remarks]] <script>x</script>", session_id="", sentence_id="a`b"))
    assert "Remarks\\]\\] &lt;script&gt;" in body and "<script>" not in body
    assert "no session" in body and "sentence `ab`" in body
