"""HTML (and SVG) whose marks report a click to the page: the themes grid's cells, the network's nodes and
pairs.

A Streamlit component (`st.components.v2`: no iframe, and Streamlit's ~15 KB component script, not a chart
library) that shows HTML built by `ui.charts` (every stored string escaped there). A click on an element with
a `data-pick` attribute (JSON), or Enter or Space on it, sends that value to the page as a one-off trigger:
the run the click causes sees it (`clicked`, read before the page draws the widgets it sets), later runs do
not, and clicking the same element again is a new click.
"""

from __future__ import annotations

import streamlit as st

JS = """
export default function({ data, parentElement, setTriggerValue }) {
  // one block per component, refilled when the page sends new HTML (this function runs again then)
  let root = [...parentElement.children].find(child => child.classList.contains('idm-clickable'));
  if (!root) {
    root = document.createElement('div');
    root.className = 'idm-clickable';
    const pick = event => {
      const mark = event.target.closest('[data-pick]');
      if (!mark || (event.type === 'keydown' && (!['Enter', ' '].includes(event.key) || mark.tagName === 'BUTTON')))
        return;  // a button's own click answers its keys
      event.preventDefault();
      root.pick(JSON.parse(mark.dataset.pick));
    };
    root.addEventListener('click', pick);
    root.addEventListener('keydown', pick);
    parentElement.appendChild(root);
  }
  root.pick = setTriggerValue.bind(null, 'pick');
  if (root.shown !== data.html) {  // unchanged HTML is left alone: no redraw, focus kept
    root.innerHTML = data.html;
    root.shown = data.html;
  }
}
"""

_COMPONENT = st.components.v2.component("idm_atlas.clickable_html", js=JS)


def clicked(key: str):
    """The `data-pick` value of the button whose click caused this run, else None."""
    state = st.session_state.get(key)
    return state.get("pick") if isinstance(state, dict) else None


def show(html: str, key: str) -> None:
    """Show `html`; a click on one of its `data-pick` buttons reruns the page (see `clicked`)."""
    _COMPONENT(key=key, data={"html": html}, on_pick_change=lambda: None)
