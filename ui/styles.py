"""The style sheet of the app's HTML blocks (timeline, evidence lists, cards).

Each `st.html` block carries it: Streamlit gives HTML no shared style sheet.
"""

from pathlib import Path

CSS = Path(__file__).with_name("atlas.css").read_text(encoding="utf-8")
