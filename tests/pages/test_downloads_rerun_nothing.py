"""Every download button of every page leaves the page as it is (on_click="ignore"). A download that reran
the page also revoked the file being generated for it: a click could end with no download (seen in the
network page's GraphML test, about one click in five right after the page opened)."""

import pytest
from apptest_helpers import ROOT, run_page

PAGES = sorted(p.stem for p in (ROOT / "app_pages").glob("*.py"))


@pytest.mark.parametrize("page", PAGES)
def test_no_download_button_reruns_the_page(page):
    at = run_page(str(ROOT / "app_pages" / f"{page}.py"))
    assert not at.exception, at.exception
    rerunning = [b.proto.label for b in at.get("download_button") if not b.proto.ignore_rerun]
    assert not rerunning
