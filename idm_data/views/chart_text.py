"""Charts in words: the one-line summaries that stand beside each chart as its text
alternative (for a screen reader, or a reader who cannot tell the colours apart).

Pure functions of the table a chart draws; they name the leaders with their
values, so the line says what the chart shows. The text is plain: the page
escapes it (labels are stored strings).
"""

from __future__ import annotations

import pandas as pd

Noun = tuple[str, str]  # singular, plural


def counted(n: int, noun: Noun) -> str:
    """`3 countries`, `1 country`."""
    return f"{n:,} {noun[0] if n == 1 else noun[1]}"


def top_by(frame: pd.DataFrame, label: str, value: str, n: int = 3) -> list[tuple[str, int]]:
    """The `n` labels with the largest total `value` (ties in the frame's order)."""
    totals = frame.groupby(label, sort=False)[value].sum()
    ranked = totals.sort_values(ascending=False, kind="stable").head(n)
    return [(str(name), int(total)) for name, total in ranked.items()]


def listing(pairs: list[tuple[str, int]], unit: Noun) -> str:
    """`IOM (60 mentions), UN (33) and Mexico (9)`: the unit named once, on the first."""
    parts = [f"{name} ({counted(total, unit) if i == 0 else f'{total:,}'})" for i, (name, total) in enumerate(pairs)]
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def ranking_summary(frame: pd.DataFrame, label: str, value: str, things: Noun, unit: Noun, n: int = 3) -> str:
    """`52 countries, 121 mentions in all; the most: Syria (8 mentions), Mexico (5) and Italy (4).`"""
    if frame.empty:
        return f"No {things[1]}."
    total = int(frame[value].sum())
    return (f"{counted(frame[label].nunique(), things)}, {counted(total, unit)} in all; the most: "
            f"{listing(top_by(frame, label, value, n), unit)}.")


def leader_per_group(frame: pd.DataFrame, group: str, label: str, value: str, unit: Noun) -> str:
    """`IDM 2017, first workshop: Consultative process (9 of 27 organisations); …`, groups in the frame's order."""
    parts = []
    for name, rows in frame.groupby(group, sort=False):
        (leader, top), = top_by(rows, label, value, 1)
        parts.append(f"{name}: {leader} ({top:,} of {counted(int(rows[value].sum()), unit)})")
    return "; ".join(parts) + "." if parts else "Nothing to compare."
