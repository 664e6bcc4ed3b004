"""Colours that colour-blind readers can tell apart, for the charts and the theme.

Categories (actor and organisation types): Paul Tol's "muted" scheme, nine hues
chosen to stay distinct under the common colour-vision deficiencies, with pale grey
for "other"; one colour per type everywhere, in the vocabulary's order. Ordered
values: ColorBrewer's single-hue Blues (the map and the themes grid), light for few.
`.streamlit/config.toml` gives Streamlit's chart theme the same categorical scheme
and cividis for sequential scales, so charts without explicit colours are safe too.
"""

from __future__ import annotations

from functools import lru_cache

from idm_data.vocabulary import actor_type_labels

TOL_MUTED = ("#332288", "#88CCEE", "#44AA99", "#117733", "#999933", "#DDCC77", "#CC6677", "#882255", "#AA4499")
PALE_GREY = "#DDDDDD"
OUTLINE = "#333333"  # around bars and markers, so the paler hues keep an edge against white
BLUES = [[0, "#c6dbef"], [0.5, "#4292c6"], [1, "#08306b"]]  # ColorBrewer Blues: light starts above the map's land grey


def actor_type_colours() -> dict[str, str]:
    """Actor type id -> colour (countries and each organisation type; "other" pale grey)."""
    named = [t for t in actor_type_labels() if t != "other"]
    return {t: TOL_MUTED[i % len(TOL_MUTED)] for i, t in enumerate(named)} | {"other": PALE_GREY}


@lru_cache(maxsize=1)
def actor_type_label_colours() -> dict[str, str]:
    """The same colours keyed by the types' readable labels (what the charts' legends show)."""
    labels = actor_type_labels()
    return {labels[t]: colour for t, colour in actor_type_colours().items()}
