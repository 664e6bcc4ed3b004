"""ui.escape: the one escaping rule for Markdown, HTML and Plotly labels."""

import pytest

from ui.escape import WORD_JOINER, highlight_html, highlight_markdown, html_text, markdown_text, plotly_text

HOSTILE = ["![x](http://evil.example/p.png)", "[click](http://evil.example)", '<a href="http://evil.example">P</a>',
           "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "http://evil.example", "www.evil.example",
           "evil@evil.example", "**bold** _it_ # head", "javascript:alert(1)"]


@pytest.mark.parametrize("text", HOSTILE)
def test_no_markup_survives_markdown_escaping(text):
    out = markdown_text(text)
    assert "<" not in out and "](" not in out and "http://" not in out and "www." not in out and "@" not in out.replace("\\@", "")


@pytest.mark.parametrize("text", HOSTILE)
def test_no_tag_survives_html_or_plotly_escaping(text):
    for out in (html_text(text), plotly_text(text)):
        assert "<" not in out and ">" not in out
    assert '"' not in html_text(text)


@pytest.mark.parametrize("text", [
    "<script>alert('x')</script>",
    "Click <a href='javascript:x'>here</a> now",
    "<img src=x onerror=alert(1)>",
])
def test_highlight_escapes_html(text):
    out = highlight_markdown(text, [(0, 3)])
    assert "<script" not in out and "<a " not in out and "<img" not in out
    assert out.startswith("<mark>")


def test_highlight_escapes_markdown():
    out = highlight_markdown("*bold* [link](http://x) # head `code` _it_", [])
    assert out == r"\*bold\* \[link\]\(http\:" + WORD_JOINER + r"//x\) \# head \`code\` \_it\_"


@pytest.mark.parametrize("text, broken", [
    ("see http://evil.example/ now", "http:\u2060//"),
    ("HTTPS://evil.example", "HTTPS:\u2060//"),
    ("www.evil.example", "www\u2060"),
    ("_www.evil.example", "www\u2060"),  # remark links after an underscore too
    ("write to a@evil.example", "@\u2060"),
])
def test_bare_urls_and_addresses_get_a_word_joiner(text, broken):
    """Streamlit links them in the rendered text, after the backslashes are gone."""
    assert broken in markdown_text(text).replace("\\", "")


def test_highlight_wraps_spans_and_skips_overlaps():
    out = highlight_markdown("Italy and Ecuador met.", [(10, 17), (0, 5), (2, 4)])
    assert out == "<mark>Italy</mark> and <mark>Ecuador</mark> met\\."


def test_highlight_of_a_sentence_with_a_closing_mark_tag():
    out = highlight_markdown("a </mark> b", [(0, 1)])
    assert out.count("</mark>") == 1

