"""Widgets bound to the URL: seeded from it, written back, and not re-sent to the browser
on every rerun (a value set by the script makes the browser redraw the widget)."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]


def sessions_app():
    from ui import url_state

    url_state.multiselect("Sessions", {"a": "Session A", "b": "Session B"}, "session")


def test_a_multiselect_takes_known_ids_from_the_url_and_writes_them_back():
    at = AppTest.from_function(sessions_app)
    at.query_params["session"] = ["a", "no-such-session"]
    at.run()
    assert not at.exception, at.exception
    assert at.multiselect[0].value == ["a"]
    assert at.query_params["session"] == "a"  # AppTest keeps a lone value as a string
    at.multiselect[0].set_value(["a", "b"]).run()
    assert at.query_params["session"] == ["a", "b"]
    at.multiselect[0].set_value([]).run()
    assert "session" not in at.query_params


def test_a_multiselect_value_is_sent_to_the_browser_only_when_the_script_changes_it():
    at = AppTest.from_function(sessions_app)
    at.query_params["session"] = ["a"]
    at.run()
    assert at.multiselect[0].proto.set_value  # seeded from the URL
    at.run()
    assert not at.multiselect[0].proto.set_value
    at.multiselect[0].set_value(["b"]).run()
    assert not at.multiselect[0].proto.set_value  # the visitor's own choice: nothing to send back
    at.session_state["session"] = ["b", "gone"]  # e.g. a session no longer in the corpus
    at.run()
    assert at.multiselect[0].proto.set_value and at.multiselect[0].value == ["b"]


def test_a_page_widget_keeps_its_value_after_a_visit_to_another_page():
    """Network's "Actor types" is drawn on that page only: leaving drops the widget, coming back restores
    the visitor's choice (and the URL names it again)."""
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.run()
    at.switch_page("app_pages/network.py").run()
    at.multiselect(key="node_types").set_value(["country"]).run()
    at.switch_page("app_pages/themes.py").run()
    assert "node_types" not in at.query_params
    at.switch_page("app_pages/network.py").run()
    assert not at.exception and at.multiselect(key="node_types").value == ["country"]
    assert at.query_params["node_types"] == "country"


def actors_app():
    import streamlit as st

    from ui import url_state

    most = st.session_state.get("n_actors", 126)  # what the filters leave to choose from
    url_state.number("Actors shown", "top", 1, most, min(15, most), container=st)


def test_a_slider_keeps_its_value_when_the_filters_change_its_range():
    """Organisations' "Actors shown": a session chosen in the sidebar shrinks the slider's range; the
    visitor's number stays (it used to fall to the slider's minimum, 1), and the default comes back only
    when the number no longer fits."""
    at = AppTest.from_function(actors_app).run()
    assert at.slider[0].value == 15
    at.session_state["n_actors"] = 81
    at.run()
    assert at.slider[0].value == 15 and "top" not in at.query_params
    at.slider[0].set_value(40).run()
    assert at.query_params["top"] == "40"
    at.session_state["n_actors"] = 126
    at.run()
    assert at.slider[0].value == 40 and at.query_params["top"] == "40"
    at.session_state["n_actors"] = 30
    at.run()
    assert at.slider[0].value == 15 and "top" not in at.query_params


def test_a_number_in_the_url_that_is_not_a_plain_whole_number_is_ignored():
    """A stranger's link: a superscript two is a digit to str.isdigit but not to int(), and int() refuses a
    number of thousands of digits; both fall back to the default, as does any other text."""
    for raw in ("²", "٣", "1" * 5000, "12abc", "", "-", "3.5"):
        at = AppTest.from_function(actors_app)
        at.query_params["top"] = raw
        at.run()
        assert not at.exception, (raw[:10], at.exception)
        assert at.slider[0].value == 15, raw[:10]
    at = AppTest.from_function(actors_app)
    at.query_params["top"] = "-7"
    at.run()
    assert at.slider[0].value == 1  # clamped into the range
