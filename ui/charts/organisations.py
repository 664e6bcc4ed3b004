"""The Organisations page's charts as HTML, from `actors` tables: organisations by type and session (a
stacked bar per session), the most-mentioned actors (bars), and the frameworks cited per session (a grid of
bubbles). No chart library: labels wrap or are cut with their full text on hover, and every stored string is
escaped."""

from __future__ import annotations

from math import sqrt

import pandas as pd

from idm_data.views import actors, chart_text
from idm_data.views.filters import latest_sessions
from ui.charts.html import Bar, bars, block, column_headers, heading, legend
from ui.charts.labels import actor_colour, distinct
from ui.escape import html_text

SESSION_CHARS = 32
ACTOR_CHARS = 40
FRAMEWORK_CHARS = 48
MIN_COLUMN_PX, MAX_COLUMN_PX = 18, 96
FRAMEWORK_BUDGET_PX = 440  # the columns' share of the page beside the framework names, before their minimum
WRAP_FROM_PX = 56  # columns at least this wide wrap their session's name; narrower ones stand it upright
NUMBERS_FROM_PX = 40  # narrower columns leave the mentions to the hover
ROW_PX = 24
FRAMEWORK_COLOUR = "#0b5394"


def session_names(sessions: pd.DataFrame) -> dict[str, str]:
    """Each session's name (its id when unnamed), one distinct label per session, in id order."""
    ordered = sessions.sort_values("session_id")
    names = ordered["session_name"].where(ordered["session_name"] != "", ordered["session_id"])
    return dict(zip(ordered["session_id"], distinct(list(names), SESSION_CHARS)))


def by_type_html(by_type: pd.DataFrame, names: dict[str, str]) -> str:
    """A bar per session of `actors.organisations_by_type_session`, a segment per organisation type (its
    distinct organisations), the session's total at its end."""
    totals = by_type.groupby("session_id")["n_organisations"].sum()
    top = float(totals.max()) if len(totals) else 0.0
    types = sorted(set(by_type["org_type_label"]))
    rows = []
    for session_id in sorted(totals.index):
        group = by_type[by_type["session_id"] == session_id].set_index("org_type_label")
        segments = tuple((group.loc[t, "n_organisations"] / top, actor_colour(t),
                          f"{names.get(session_id, session_id)}: {group.loc[t, 'n_organisations']} {t} "
                          f"organisation(s), {group.loc[t, 'n_mentions']} mention(s)")
                         for t in types if t in group.index)
        rows.append(Bar(names.get(session_id, session_id), names.get(session_id, session_id), segments,
                        str(int(totals[session_id]))))
    return block("idm-bars", heading("Distinct organisations named in each session, by type",
                                     "Each organisation counted once per session; the number is the session's total.")
                 + legend(((actor_colour(t), t) for t in types)) + bars(rows))


def top_actors_html(leaders: pd.DataFrame) -> str:
    """A bar per actor of `actors.top_actors`, most mentioned first, coloured by its type."""
    top = float(leaders["n_mentions"].max()) if len(leaders) else 0.0
    rows = (Bar(short, f"{r.actor_name} ({r.actor_type}): {r.n_mentions} mention(s) in {r.n_documents} document(s)",
                ((r.n_mentions / top, actor_colour(r.actor_type), f"{r.actor_name}: {r.n_mentions} mention(s)"),),
                str(int(r.n_mentions)))
            for r, short in zip(leaders.itertuples(), distinct(list(leaders["actor_label"]), ACTOR_CHARS)))
    return block("idm-bars", heading(f"The {len(leaders)} most-mentioned actors, organisations and countries",
                                     "Mentions in the filtered texts.")
                 + legend(((actor_colour(t), t) for t in sorted(set(leaders["actor_type"])))) + bars(rows))


def framework_column_px(n_sessions: int) -> int:
    return int(min(MAX_COLUMN_PX, max(MIN_COLUMN_PX, FRAMEWORK_BUDGET_PX // max(n_sessions, 1))))


def _bubble(row, top: int, width: int, session: str) -> str:
    if row is None:
        return "<td></td>"
    size = max(4.0, (min(width, ROW_PX) - 4) * sqrt(row.n_mentions / top))
    number = f'<span class="idm-bubble-value">{int(row.n_mentions)}</span>' if width >= NUMBERS_FROM_PX else ""
    hover = (f"{row.name} in {session}: {row.n_mentions} mention(s) in {row.n_sentences} sentence(s) of "
             f"{row.n_documents} document(s)")
    return (f'<td title="{html_text(hover)}"><span class="idm-bubble" style="width:{size:.0f}px;height:{size:.0f}px;'
            f'background:{FRAMEWORK_COLOUR}"></span>{number}</td>')


def frameworks_html(cited: pd.DataFrame, names: dict[str, str]) -> str:
    """A grid of `actors.frameworks_by_session`: a row per framework (most cited first), a column per
    session, a bubble whose area grows with the mentions (the number beside it when the column is wide)."""
    totals = cited.groupby("framework_label")["n_mentions"].sum()
    order = sorted(totals.index, key=lambda f: (-totals[f], f))
    sessions = sorted(set(cited["session_id"]))
    width = framework_column_px(len(sessions))
    top = int(cited["n_mentions"].max()) if len(cited) else 1
    cell = {(r.framework_label, r.session_id): r for r in cited.itertuples()}
    full = dict(zip(cited["framework_label"], cited["name"]))
    rows = "".join(f'<tr><th scope="row" title="{html_text(full[f])}">{html_text(short)}</th>'
                   + "".join(_bubble(cell.get((f, s)), top, width, names.get(s, s)) for s in sessions) + "</tr>"
                   for f, short in zip(order, distinct(order, FRAMEWORK_CHARS)))
    header = column_headers(((names.get(s, s), names.get(s, s)) for s in sessions), width < WRAP_FROM_PX)
    return block("idm-grid idm-frameworks", heading("Citations of each framework per session",
                                                    "Mentions: bubble area (and number, where there is room).")
                 + f'<div class="idm-grid-scroll"><table>{header}<tbody>{rows}</tbody></table></div>',
                 f"--cell: {width}px; --row: {ROW_PX}px")



# What the Organisations page draws, built once per view (the page caches each; its reruns then only place them).
CHART_SESSIONS = 24  # more sessions than this make unreadable charts


def _recent(frame: pd.DataFrame, sessions: pd.DataFrame) -> tuple[pd.DataFrame, int, dict[str, str], pd.DataFrame]:
    """`frame`'s rows of the CHART_SESSIONS most recent `sessions`, how many sessions it had, the sessions'
    names, and the rows kept with their session's name (`session`)."""
    names = session_names(sessions)
    recent = latest_sessions(frame, sessions, CHART_SESSIONS)
    return recent, frame["session_id"].nunique(), names, recent.assign(session=recent["session_id"].map(names))


def by_type_view(all_tables: dict[str, pd.DataFrame], tables: dict[str, pd.DataFrame]) -> dict | None:
    """The organisations-by-type chart of the CHART_SESSIONS most recent sessions, its summary in words,
    its rows as shown (session names) and as downloaded, and how many sessions the view has."""
    by_type = actors.organisations_by_type_session(tables)
    if by_type.empty:
        return None
    by_type, n_sessions, names, shown = _recent(by_type, all_tables["sessions"])
    return {"html": by_type_html(by_type, names), "n_sessions": n_sessions, "download": by_type,
            "shown": shown[["session", "org_type_label", "n_organisations", "n_mentions"]],
            "summary": "The type with most distinct organisations in each session: " + chart_text.leader_per_group(
                shown, "session", "org_type_label", "n_organisations", ("organisation", "organisations"))}


def top_view(tables: dict[str, pd.DataFrame], top: int) -> dict:
    """The `top` most-mentioned actors: chart, summary in words, rows shown and downloaded."""
    leaders = actors.top_actors(tables, top)
    return {"html": top_actors_html(leaders), "download": leaders,
            "shown": leaders[["actor_label", "actor_name", "actor_type", "n_mentions", "n_documents", "sessions"]],
            "summary": chart_text.ranking_summary(leaders, "actor_label", "n_mentions",
                                                  ("actor shown", "actors shown"), ("mention", "mentions"))}


def frameworks_view(all_tables: dict[str, pd.DataFrame], tables: dict[str, pd.DataFrame]) -> dict | None:
    """The frameworks cited in the CHART_SESSIONS most recent sessions: counts per session (name,
    frameworks, citations), chart, summary in words, rows shown and downloaded."""
    cited = actors.frameworks_by_session(tables)
    if cited.empty:
        return None
    cited, n_sessions, names, shown = _recent(cited, all_tables["sessions"])
    per_session = latest_sessions(actors.frameworks_per_session(tables), all_tables["sessions"], CHART_SESSIONS)
    return {"html": frameworks_html(cited, names), "n_sessions": n_sessions, "download": cited,
            "per_session": [(names.get(s, s), n, m) for s, n, m in
                            zip(per_session["session_id"], per_session["n_frameworks"], per_session["n_mentions"])],
            "shown": shown[["session", "framework_label", "n_mentions", "n_sentences", "n_documents"]],
            "summary": chart_text.ranking_summary(shown, "framework_label", "n_mentions",
                                                  ("framework cited", "frameworks cited"), ("citation", "citations"))}


def organisations_view(tables: dict[str, pd.DataFrame], columns: tuple[str, ...]) -> dict:
    """Every organisation of the view (`columns` of `actors.organisation_summary`), the names of those
    awaiting review, and the picker's choices (id: name, acronym, review mark) by name."""
    orgs = actors.organisation_summary(tables)
    ordered = orgs.sort_values("name")
    return {"table": orgs[list(columns)], "review": orgs.loc[orgs["needs_review"], "name"].tolist(),
            "choices": {org_id: f"{name}{f' ({acronym})' if acronym else ''}{' ⚠ to review' if review else ''}"
                        for org_id, name, acronym, review in zip(ordered["org_id"], ordered["name"],
                                                                 ordered["acronym"], ordered["needs_review"])}}
