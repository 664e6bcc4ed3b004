"""The evidence list: one HTML block, a paragraph and a source line per sentence."""

import pandas as pd

from ui.evidence import evidence_html


def frame(**overrides):
    row = {"text": "IOM and Italy met.", "spans": [(0, 3)], "title": "Closing remarks", "session_id": "idm-2017-1",
           "sentence_id": "doc.p001.s01"}
    return pd.DataFrame([row | overrides])


def test_each_sentence_has_its_highlight_and_source():
    body = evidence_html(pd.concat([frame(), frame(sentence_id="doc.p001.s02", spans=[(8, 13)])]))
    assert "<p><mark>IOM</mark> and Italy met.</p>" in body
    assert "<p>IOM and <mark>Italy</mark> met.</p>" in body
    assert body.count('<p class="idm-source">Closing remarks · idm-2017-1 · sentence <code>doc.p00') == 2


def test_text_from_documents_is_escaped():
    body = evidence_html(frame(text="<script>x</script> & more", spans=[(0, 8)], title='T "<b>"', session_id="",
                               sentence_id="a<b"))
    assert "<script>" not in body and "<mark>&lt;script&gt;</mark>" in body and "&amp; more" in body
    assert "T &quot;&lt;b&gt;&quot;" in body and "no session" in body and "<code>a&lt;b</code>" in body
