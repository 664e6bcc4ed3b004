"""HTML whose buttons report a click to the page: the themes grid's cells.

A Streamlit component (`st.components.v2`: no iframe, and Streamlit's ~15 KB component script, not a chart
library) that shows HTML built by `ui.charts` (every stored string escaped there). A click on a button with
a `data-pick` attribute (JSON) sends that value to the page as a one-off trigger: the run the click causes
sees it (`clicked`, read before the page draws the widgets it sets), later runs do not, and clicking the
same button again is a new click.
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
    root.addEventListener('click', event => {
      const button = event.target.closest('button[data-pick]');
      if (button) root.pick(JSON.parse(button.dataset.pick));
    });
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
