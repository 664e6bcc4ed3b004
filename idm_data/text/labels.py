"""Text cut to fit a label, for the data layer's labels and the charts alike."""

ELLIPSIS = "…"


def shorten(text: object, limit: int) -> str:
    """`text` cut to `limit` characters, an ellipsis marking the cut."""
    text = str(text)
    return text if len(text) <= limit else text[:limit - 1].rstrip() + ELLIPSIS
