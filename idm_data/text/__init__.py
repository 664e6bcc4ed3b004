"""Text: raw document text in, clean paragraphs and sentences (with offsets) out,
and the matching machinery the extractors share (`matcher`, phrase lists)."""
