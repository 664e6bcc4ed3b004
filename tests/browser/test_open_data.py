"""In Chromium: a table's JSON download, and "Cite this view" with the page's own link."""

from __future__ import annotations

import json
import re
from datetime import date

import pytest

import idm_data
from idm_data.extract.themes import codebook_version

expect = pytest.importorskip("playwright.sync_api", reason="Playwright for Python is not installed").expect

pytestmark = pytest.mark.browser


def test_a_table_downloads_as_json_records_with_string_ids(app, tmp_path):
    app.open("/countries?session=idm-2017-2")
    button = app.page.get_by_test_id("stDownloadButton").filter(has_text="Download the map's data (JSON)")
    with app.page.expect_download() as info:
        button.click()
    assert info.value.suggested_filename == "idm-countries-map.json"
    target = tmp_path / "map.json"
    info.value.save_as(target)
    records = json.loads(target.read_text(encoding="utf-8"))
    mentions = idm_data.load()["country_mentions"].query("session_id == 'idm-2017-2'")
    assert {r["iso3"] for r in records} == set(mentions["iso3"])
    assert all(isinstance(r["iso3"], str) and isinstance(r["n_mentions"], int) for r in records)


def test_cite_this_view_gives_the_pages_link_date_and_codebook(app):
    app.open("/countries?session=idm-2017-2")
    app.page.get_by_test_id("stSidebar").get_by_text("Cite this view").click()
    app.wait()
    codes = app.page.get_by_test_id("stSidebar").get_by_test_id("stCode")
    expect(codes).to_have_count(2)
    plain = codes.first.inner_text()
    today = date.today()
    assert plain.startswith(f"IDM Atlas ({today.year}). Countries — sessions: IDM 2017, second workshop")
    assert re.search(r"http://localhost:\d+/countries\?session=idm-2017-2 \(accessed ", plain)
    assert f"Theme codebook version {codebook_version()}." in plain and f"{today:%B %Y})." in plain
    assert codes.nth(1).inner_text().startswith("@misc{idmatlas")
