"""Takeaway cards as HTML: content, links, highlighting and escaping."""

from types import SimpleNamespace

from ui.takeaway_cards import card_html


def row(**overrides):
    fields = dict(takeaway_id="doc.t01", number=1, title="Partnerships at <all> levels", text="Work with cities & towns.",
                  document="Closing remarks", session="IDM 2018", themes=("Partnerships", "Local governance"),
                  sentence_ids="doc.p001.s01;doc.p001.s02", first_sentence_id="doc.p001.s01", char_start=10,
                  char_end=40)
    return SimpleNamespace(**(fields | overrides))


def test_a_card_names_its_source_themes_and_sentences():
    body = card_html(row(), "")
    assert "1. Partnerships at &lt;all&gt; levels" in body
    assert "Closing remarks · IDM 2018 · <code>doc.t01</code>" in body
    assert "Themes: Partnerships · Local governance" in body
    assert "<details><summary>Full text</summary><p>Work with cities &amp; towns.</p>" in body
    assert '<a href="explorer?sentence=doc.p001.s01" target="_self">' in body
    assert "<code>doc.p001.s02</code>" in body and "Characters 10–40" in body


def test_search_words_are_marked_and_open_the_full_text():
    body = card_html(row(), "cities partnerships")
    assert "<details open>" in body
    assert "<mark>Partnerships</mark>" in body and "<mark>cities</mark>" in body


def test_compact_cards_leave_out_the_session_and_fold_in_the_themes():
    body = card_html(row(), "", compact=True)
    assert "IDM 2018" not in body
    assert body.index("Themes:") > body.index("<details>")


def test_hostile_text_is_escaped():
    body = card_html(row(title="<script>alert(1)</script>", document='"><img src=x onerror=alert(1)>',
                         first_sentence_id='x"><b>'), "")
    assert "<script>" not in body and "<img" not in body and '"><b>' not in body
