""""Cite this view": the title from the page and the filters' labels, the plain line and
the BibTeX entry, with hostile labels kept inert."""

from __future__ import annotations

import re
from datetime import date

import pytest

from idm_data.views.citation import (Citation, bibtex, one_line, page_title_from_path, plain_text, safe_url,
                                     tex_text, view_title)
from idm_data.views.filters import Filters, Vocabulary

VOCABULARY = Vocabulary(sessions={"idm-2017-1": "IDM 2017, first workshop (New York, 2017-04)"},
                        themes={"gcm-23": "GCM 23: International cooperation"},
                        doc_types={"closing_remarks": "Closing remarks"})
DAY = date(2026, 12, 1)
HOSTILE = ["[click](http://evil.example)", "<script>alert(1)</script>", "a}\n@misc{evil,\n title={x",
           "100% & $5 #1 ~x^2 \\relax _"]


@pytest.mark.parametrize("path, title", [("http://h:8501/", "Overview"), ("", "Overview"),
                                         ("http://h:8501/countries?session=x", "Countries"),
                                         ("https://app.example/base/network", "Network"), ("/add", "Add")])
def test_page_title_from_path(path, title):
    assert page_title_from_path(path) == title


@pytest.mark.parametrize("chosen, expected", [
    (Filters(), "Countries"),
    (Filters(sessions=("idm-2017-1",)), "Countries — sessions: IDM 2017, first workshop (New York, 2017-04)"),
    (Filters(themes=("gcm-23",), doc_types=("closing_remarks",)),
     "Countries — themes: GCM 23: International cooperation — document types: Closing remarks"),
])
def test_view_title_names_the_filters_by_label(chosen, expected):
    assert view_title("Countries", chosen, VOCABULARY) == expected


def test_plain_text_has_title_version_source_link_and_access_date():
    cited = Citation("Countries — sessions: IDM 2017", "http://h/countries?session=idm-2017-1", DAY, "2026.11.1")
    assert plain_text(cited) == (
        "IDM Atlas (2026). Countries — sessions: IDM 2017. Theme codebook version 2026.11.1. Texts: IOM "
        "International Dialogue on Migration, https://www.iom.int/idm. http://h/countries?session=idm-2017-1 "
        "(accessed 1 December 2026).")


def test_bibtex_entry_has_every_field():
    entry = bibtex(Citation("Themes", "http://h/themes?theme=gcm-23", DAY, "2026.11.1"))
    assert entry.startswith("@misc{idmatlas20261201,\n") and entry.endswith("\n}")
    fields = dict(re.findall(r"^  (\w+) = \{(.*)\},$", entry, re.M))
    assert fields == {"author": "{IDM Atlas}", "title": "{Themes}", "year": "2026",
                      "url": "http://h/themes?theme=gcm-23", "urldate": "2026-12-01",
                      "note": "Theme codebook version 2026.11.1. Texts: IOM International Dialogue on Migration, "
                              "https://www.iom.int/idm"}


def balanced(text: str) -> bool:
    depth = 0
    for i, char in enumerate(text):
        if char in "{}" and (i == 0 or text[i - 1] != "\\"):
            depth += 1 if char == "{" else -1
            if depth < 0:
                return False
    return depth == 0


@pytest.mark.parametrize("label", HOSTILE)
def test_hostile_labels_stay_inert(label):
    vocabulary = Vocabulary(sessions={"s": label})
    cited = Citation(view_title("Countries", Filters(sessions=("s",)), vocabulary), f"http://h/?q={label}", DAY, "1")
    line = plain_text(cited)
    assert "\n" not in line and one_line(label) in line  # verbatim, shown as code: nothing is rendered
    entry = bibtex(cited)
    lines = entry.split("\n")  # one entry of six fields, none injected
    assert len(lines) == 8 and [line for line in lines if line.startswith("@")] == [lines[0]]
    assert all(balanced(value) for value in re.findall(r"^  \w+ = (\{.*\}),$", entry, re.M))
    assert not re.search(r"[{}\s\\\"<>]", re.search(r"url = \{(.*)\},", entry).group(1))


@pytest.mark.parametrize("text, expected", [("a_b", r"a\_b"), ("50%", r"50\%"), ("{x}", r"\{x\}"),
                                            ("a\\b", r"a\textbackslash{}b"), ("~^", r"\textasciitilde{}\textasciicircum{}"),
                                            ("line\nbreak\ttab", "line break tab")])
def test_tex_text_escapes_specials(text, expected):
    assert tex_text(text) == expected


def test_safe_url_keeps_a_query_and_encodes_the_rest():
    assert safe_url("http://h:1/p?a=1&b=x%20y#f") == "http://h:1/p?a=1&b=x%20y#f"
    assert safe_url('http://h/?q=a b"{}') == "http://h/?q=a%20b%22%7B%7D"
