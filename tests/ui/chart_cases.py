"""Shared for the chart tests: hostile names and synthetic theme matrices."""

from __future__ import annotations

import pandas as pd

# stored strings that would do harm if a chart treated them as markup
HOSTILE = ["<img src=x onerror=alert(1)>", "x' || alert(1) || '", "</script><script>alert(1)</script>",
           "datum.x + alert(1)", "&amp; <b>bold</b>"]


def matrix(n_sessions: int, n_themes: int, *, session_name: str = "Session", theme_label: str = "Theme",
           value: float = 1.5) -> pd.DataFrame:
    """A `theme_stats.theme_matrix`-shaped table: every session × theme, counts growing along both."""
    rows = []
    for s in range(n_sessions):
        for t in range(n_themes):
            matches = (s + 1) * (t % 4)
            rows.append({"session_id": f"idm-{2001 + s}-1", "theme_id": f"theme-{t:02d}",
                         "theme": f"{theme_label} {t}", "family": "gcm_objective" if t < 23 else "cross_cutting",
                         "n_sentences": matches // 2, "n_matches": matches, "n_words": 5000,
                         "rate_per_1k_words": round(matches * value / 5, 3), "label": f"{theme_label} {t}",
                         "definition": f"What {theme_label} {t} is about. " * 12, "theme_order": t,
                         "session_label": f"{session_name} {s} (Geneva, {2001 + s}-07)",
                         "session_short": f"{session_name} {s}"})
    return pd.DataFrame(rows)

