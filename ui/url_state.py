"""Widgets whose values live in the URL as stable ids.

Streamlit's own `bind="query-params"` writes a widget's *formatted label*
to the URL, so a multiselect with ids as options and readable labels would
share links full of labels. These helpers keep the ids in the URL instead:
a widget is seeded from the URL (unknown values dropped), keeps its value
across page switches in the session, and writes it back to the URL on every
run (Streamlit drops query parameters when the page changes).
"""

from __future__ import annotations

import re
from typing import Callable, Iterable, Sequence

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from idm_data.views.filters import clean_values

_KEPT = "_kept_"
_WHOLE_NUMBER = re.compile(r"-?[0-9]{1,9}")
_DRAWN_ON = "_drawn_on_"


def _seed(key: str, from_url: Callable[[], object]) -> None:
    """Entering a page: a value in the URL wins (a shared link), else the value
    kept from earlier in the session (the URL was dropped by a page switch)."""
    if key in st.session_state:
        return
    kept = st.session_state.get(_KEPT + key)
    st.session_state[key] = from_url() if key in st.query_params or kept is None else kept


def _write_url(key: str, value: object, default: object) -> None:
    # writes only on change: every write is a message that makes the browser rewrite its address
    if value in (None, "", [], ()) or value == default:
        if key in st.query_params:
            del st.query_params[key]
        return
    wanted = [str(v) for v in value] if isinstance(value, (list, tuple)) else [str(value)]
    if st.query_params.get_all(key) != wanted:
        st.query_params[key] = wanted if isinstance(value, (list, tuple)) else wanted[0]


def _give(key: str, value: object, bounds: tuple = ()) -> None:
    """Set a widget's value from the script only when it must be: a value set by the script is sent
    to the browser, which redraws the widget (about 30 ms of a filter change). It must be when the
    value changed, on a page where the widget is new (widget ids differ per page: a filter drawn
    on every page would otherwise start empty after a page switch), or when the widget's `bounds`
    changed (a slider whose range changes is a new widget, which would start at its minimum)."""
    ctx = get_script_run_ctx()
    drawn = (ctx.page_script_hash if ctx else "", bounds)
    if st.session_state[key] != value or st.session_state.get(_DRAWN_ON + key) != drawn:
        st.session_state[key] = value
    st.session_state[_DRAWN_ON + key] = drawn


def _keep(key: str, value: object, default: object = None) -> None:
    st.session_state[_KEPT + key] = value
    _write_url(key, value, default)


def multiselect(label: str, options: dict[str, str], key: str, container=st.sidebar, **kwargs) -> list[str]:
    """Ids as options, labels through format_func; `?key=a&key=b` in the URL."""
    _seed(key, lambda: list(clean_values(st.query_params.get_all(key), options)))
    _give(key, list(clean_values(st.session_state[key], options)))
    value = container.multiselect(label, list(options), format_func=lambda o: options.get(o, o), key=key, **kwargs)
    _keep(key, value)
    return value


def selectbox(label: str, options: dict[str, str], key: str, default: str, container=st.sidebar, **kwargs) -> str:
    def from_url():
        found = clean_values(st.query_params.get_all(key)[:1], options)
        return found[0] if found else default

    _seed(key, from_url)
    if st.session_state[key] not in options:
        st.session_state[key] = default
    value = container.selectbox(label, list(options), format_func=lambda o: options.get(o, o), key=key, **kwargs)
    _keep(key, value, default)
    return value


def number(label: str, key: str, minimum: int, maximum: int, default: int, container=st.sidebar, **kwargs) -> int:
    def from_url():
        raw = st.query_params.get(key, "")
        # ASCII digits only, and few: "²" is a digit to str.isdigit but not to int(), and int() refuses
        # thousands of digits
        return min(max(int(raw), minimum), maximum) if _WHOLE_NUMBER.fullmatch(raw.strip()) else default

    _seed(key, from_url)
    current = st.session_state[key]
    _give(key, current if isinstance(current, int) and minimum <= current <= maximum else default,
          (minimum, maximum))
    value = container.slider(label, min_value=minimum, max_value=max(maximum, minimum + 1), key=key, **kwargs)
    _keep(key, value, default)
    return value


def text(label: str, key: str, container=st.sidebar, max_chars: int = 200, **kwargs) -> str:
    _seed(key, lambda: st.query_params.get(key, "")[:max_chars])
    value = container.text_input(label, key=key, max_chars=max_chars, **kwargs)
    _keep(key, value.strip(), "")
    return value.strip()


def toggle(label: str, key: str, default: bool = False, container=st.sidebar, **kwargs) -> bool:
    _seed(key, lambda: {"1": True, "true": True, "0": False, "false": False}.get(st.query_params.get(key, "").lower(), default))
    value = container.toggle(label, key=key, **kwargs)
    st.session_state[_KEPT + key] = value  # the bool: a kept "0" would seed the toggle as on
    _write_url(key, "1" if value else "0", "1" if default else "0")
    return value


def pin(key: str, value: str) -> None:
    """Write `value` to the URL even when it is the default: a default that depends on the data
    (the latest session, the largest cell) must not change what a shared link shows."""
    if value and st.query_params.get(key) != value:
        st.query_params[key] = value


def keep_only(keys: Iterable[str]) -> None:
    """Drop URL parameters that this page does not use (stale or unknown)."""
    for key in list(st.query_params.keys()):
        if key not in set(keys):
            del st.query_params[key]


def choice(values: Sequence[str], key: str) -> str | None:
    """A free URL value restricted to `values` (e.g. a chosen cell)."""
    found = clean_values(st.query_params.get_all(key)[:1], values)
    return found[0] if found else None
