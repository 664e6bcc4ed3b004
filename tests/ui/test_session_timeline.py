"""The overview's HTML timeline: dates, gaps, links and escaping."""

import pandas as pd
import pytest

import idm_data
from idm_data.views.filters import Filters
from idm_data.views.summaries import session_overview
from ui.session_timeline import date_span, gap_label, timeline_html


@pytest.mark.parametrize("start, end, expected", [
    ("2017-04-18", "2017-04-19", "18–19 April 2017"),
    ("2017-04-30", "2017-05-02", "30 April – 2 May 2017"),
    ("2017-12-31", "2018-01-01", "31 December 2017 – 1 January 2018"),
    ("2018-03-26", "2018-03-26", "26 March 2018"),
    ("2018-03-26", "", "26 March 2018"),
    ("spring 2019", "", "spring 2019"),
    ("", "", "date unknown"),
])
def test_date_span_reads_like_a_programme(start, end, expected):
    assert date_span(start, end) == expected


@pytest.mark.parametrize("before, after, expected", [
    ("2017-04-18", "2017-07-18", "3 months later"),
    ("2017-07-18", "2018-03-26", "8 months later"),
    ("2017-04-18", "2017-05-02", "14 days later"),
    ("2017-01-31", "2017-02-01", "1 day later"),
    ("2017-04-18", "2017-05-20", "1 month later"),
    ("2017-04-18", "2017-04-25", "7 days later"),
    ("2017-04-18", "2017-04-18", ""),
    ("unknown", "2017-04-18", ""),
])
def test_gap_label(before, after, expected):
    assert gap_label(before, after) == expected


def test_every_session_appears_in_date_order_with_its_gap():
    overview = session_overview(idm_data.load())
    body = timeline_html(overview, Filters())
    by_date = overview.sort_values("start_date")["session_id"]
    positions = [body.index(f'id="session-{sid}"') for sid in by_date]
    assert positions == sorted(positions) and len(set(overview["start_date"])) == len(overview)
    assert body.count('class="idm-gap"') == len(overview) - 1
    assert "3 months later" in body and "8 months later" in body


def test_stated_figures_link_to_the_sentence_that_states_them():
    overview = session_overview(idm_data.load())
    first = overview.iloc[0]
    # the session alone: under a theme filter the explorer might not offer the sentence
    body = timeline_html(overview.head(1), Filters(themes=("gcm-23",), doc_types=("closing_remarks",)))
    sentence = first["participants_sentence_id"]
    assert f'href="explorer?session={first["session_id"]}&amp;sentence={sentence}"' in body
    assert 'href="takeaways?session=idm-2017-1&amp;theme=gcm-23&amp;doc_type=closing_remarks"' in body
    assert "over 300" in body


def test_text_from_the_documents_is_escaped():
    row = session_overview(idm_data.load()).head(1).assign(
        session_name="<script>alert(1)</script>", venue='"Hall" & <b>', theme="x</section>")
    body = timeline_html(row, Filters())
    assert "<script>alert" not in body and "&lt;script&gt;" in body
    assert "&quot;Hall&quot; &amp; &lt;b&gt;" in body and "x&lt;/section&gt;" in body


def test_a_session_without_figures_shows_dashes_and_no_sentence_link():
    row = session_overview(idm_data.load()).tail(1).assign(
        participants=pd.NA, speakers=pd.NA, women_speakers=pd.NA)
    body = timeline_html(row, Filters())
    assert "explorer?" not in body
    assert body.count('<span class="idm-value">—</span>') == 3


def test_documents_without_a_session_get_no_links():
    row = session_overview(idm_data.load()).head(1).assign(session_id="")
    body = timeline_html(row, Filters())
    assert "href=" not in body and "over 300" in body
