"""The Organisations page's charts, from `actors` tables: organisations by type and session, the
most-mentioned actors, and the frameworks cited per session."""

from __future__ import annotations

import pandas as pd

from ui.charts.labels import LABEL_PX, PAGE_PX, VALUE_PX, distinct, text_px
from ui.charts.vega import AXIS_LABELS, TOOLTIP_OFF, by, chart, title

SESSION_CHARS = 32
ACTOR_CHARS = 40
FRAMEWORK_CHARS = 48
BAR_PX = 20
ROW_PX = 26
SLANT, UPRIGHT = -45, -90
SLANTED_AT_MOST = 8  # sessions whose names may slant; more stand upright, so they never reach past the chart
FIT_WIDTH = {"type": "fit-x", "contains": "padding"}
TOP_LEGEND = {"orient": "top", "labelLimit": 0, "labelFontSize": LABEL_PX, "columns": 4}  # rows, not past the edge
FRAMEWORK_COLOUR = "#0b5394"
MIN_COLUMN_PX, MAX_COLUMN_PX = 18, 140
FRAMEWORK_BUDGET_PX = 440  # the columns' share of PAGE_PX beside the framework names, before their minimum
NUMBERS_FROM_PX = 56  # narrower columns leave the mentions to the hover


def session_names(sessions: pd.DataFrame) -> dict[str, str]:
    """Each session's name (its id when unnamed), one distinct label per session, in id order."""
    ordered = sessions.sort_values("session_id")
    names = ordered["session_name"].where(ordered["session_name"] != "", ordered["session_id"])
    return dict(zip(ordered["session_id"], distinct(list(names), SESSION_CHARS)))


def _session_axis(names: list[str], band_px: float, orient: str = "bottom") -> dict:
    """Session names level when each fits its band, else slanted (a few) or upright (many)."""
    angle = 0 if all(text_px(n) <= band_px for n in names) else SLANT if len(names) <= SLANTED_AT_MOST else UPRIGHT
    align = "center" if not angle else "left" if orient == "top" else "right"
    return {"title": None, "orient": orient, "labelAngle": angle, "labelAlign": align, "labelLimit": 0,
            **AXIS_LABELS}


def by_type_spec(by_type: pd.DataFrame, names: dict[str, str]) -> dict:
    """Grouped bars of `actors.organisations_by_type_session`: per session, one bar per organisation type."""
    ids = sorted(set(by_type["session_id"]))
    shown = by_type.assign(session=by_type["session_id"].map(names),
                           session_order=by_type["session_id"].map({s: i for i, s in enumerate(ids)}))
    order = [names[s] for s in ids]
    tooltip = [{"field": "session", "title": "Session"}, {"field": "org_type_label", "title": "Type"},
               {"field": "n_organisations", "title": "Distinct organisations"},
               {"field": "n_mentions", "title": "Mentions"}]
    return chart(
        {"by_type": shown[["session", "session_order", "org_type_label", "n_organisations", "n_mentions"]]},
        data={"name": "by_type"}, mark={"type": "bar"}, autosize=FIT_WIDTH, height=300,
        title=title("Distinct organisations named in each session, by type",
                    "Each organisation counted once per session."),
        encoding={"x": {"field": "session", "type": "nominal", "sort": by("session_order"),
                        "axis": _session_axis(order, (PAGE_PX - 60) / max(len(order), 1))},
                  "xOffset": {"field": "org_type_label", "type": "nominal"},
                  "y": {"field": "n_organisations", "type": "quantitative", "title": "Distinct organisations",
                        "axis": {"tickMinStep": 1, "titleFontSize": LABEL_PX, "labelFontSize": LABEL_PX}},
                  "color": {"field": "org_type_label", "type": "nominal", "title": None, "legend": TOP_LEGEND},
                  "tooltip": tooltip})


def top_actors_spec(leaders: pd.DataFrame) -> dict:
    """Horizontal bars of `actors.top_actors`, most mentioned first, coloured by actor type."""
    bars = leaders.assign(row=distinct(list(leaders["actor_label"]), ACTOR_CHARS), row_order=range(len(leaders)),
                          value_text=leaders["n_mentions"].astype(int).astype(str))
    room = max((text_px(t, VALUE_PX) for t in bars["value_text"]), default=0) + 8
    tooltip = [{"field": "actor_name", "title": "Actor"}, {"field": "actor_type", "title": "Type"},
               {"field": "n_mentions", "title": "Mentions"}, {"field": "n_documents", "title": "Documents"},
               {"field": "sessions", "title": "Sessions"}]
    return chart(
        {"leaders": bars[["row", "row_order", "actor_name", "actor_type", "n_mentions", "n_documents", "sessions", "value_text"]]},
        data={"name": "leaders"}, autosize=FIT_WIDTH, height={"step": BAR_PX}, padding={"right": room},
        title=title(f"The {len(bars)} most-mentioned actors, organisations and countries (mentions)"),
        encoding={"y": {"field": "row", "type": "nominal", "sort": by("row_order"),
                        "axis": {"title": None, "labelLimit": 0, "ticks": False, **AXIS_LABELS}},
                  "x": {"field": "n_mentions", "type": "quantitative", "title": "Mentions",
                        "axis": {"titleFontSize": LABEL_PX, "labelFontSize": LABEL_PX}}},
        layer=[{"mark": {"type": "bar", "cornerRadiusEnd": 2},
                "encoding": {"color": {"field": "actor_type", "type": "nominal", "title": None, "legend": TOP_LEGEND},
                             "tooltip": tooltip}},
               {"mark": {"type": "text", "align": "left", "dx": 4, "fontSize": VALUE_PX, "tooltip": TOOLTIP_OFF},
                "encoding": {"text": {"field": "value_text"}}}])


def frameworks_spec(cited: pd.DataFrame, names: dict[str, str]) -> dict:
    """A bubble per framework and session of `actors.frameworks_by_session`: area and number by mentions;
    frameworks by their total mentions, most cited first."""
    totals = cited.groupby("framework_label")["n_mentions"].sum()
    order = sorted(totals.index, key=lambda f: (-totals[f], f))
    rows = dict(zip(order, distinct(order, FRAMEWORK_CHARS)))
    ids = sorted(set(cited["session_id"]))
    sessions = [names[s] for s in ids]
    shown = cited.assign(session=cited["session_id"].map(names), row=cited["framework_label"].map(rows),
                         session_order=cited["session_id"].map({s: i for i, s in enumerate(ids)}),
                         row_order=cited["framework_label"].map({f: i for i, f in enumerate(order)}))
    tooltip = [{"field": "name", "title": "Framework"}, {"field": "session", "title": "Session"},
               {"field": "n_mentions", "title": "Mentions"}, {"field": "n_sentences", "title": "Sentences"},
               {"field": "n_documents", "title": "Documents"}]
    step = max(MIN_COLUMN_PX, min(MAX_COLUMN_PX, FRAMEWORK_BUDGET_PX // max(len(sessions), 1)))
    biggest = min(500.0, 0.35 * step ** 2)  # px² of the largest bubble: it stays inside its column
    bubbles = {"mark": {"type": "circle", "color": FRAMEWORK_COLOUR, "opacity": 0.8},
               "encoding": {"size": {"field": "n_mentions", "type": "quantitative", "title": "Mentions",
                                     "scale": {"range": [min(30.0, biggest / 4), biggest]}, "legend": None},
                            "tooltip": tooltip}}
    numbers = {"mark": {"type": "text", "align": "left", "dx": (biggest / 3.14) ** 0.5 + 3, "fontSize": VALUE_PX,
                        "tooltip": TOOLTIP_OFF}, "encoding": {"text": {"field": "n_mentions"}}}
    return chart(
        {"cited": shown[["row", "row_order", "name", "session", "session_order", "n_mentions", "n_sentences",
                         "n_documents"]]},
        data={"name": "cited"}, autosize={"type": "pad"}, height={"step": ROW_PX}, width={"step": step},
        title=title("Citations of each framework per session", "Mentions: number and marker area."),
        encoding={"x": {"field": "session", "type": "nominal", "sort": by("session_order"),
                        "axis": _session_axis(sessions, step, "top")},
                  "y": {"field": "row", "type": "nominal", "sort": by("row_order"),
                        "axis": {"title": None, "labelLimit": 0, "ticks": False, **AXIS_LABELS}}},
        layer=[bubbles, numbers] if step >= NUMBERS_FROM_PX else [bubbles])
