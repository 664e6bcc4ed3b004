"""Raw document text -> clean paragraphs and sentences with offsets.

Owns the conversion noise (page headers, page-break splits, Markdown
emphasis and headings, ``<sup>`` tags, bullets and list numbering) and the
sentence splitter. Every clean character keeps the offset of the raw
character it came from, so a sentence can always be shown in its file.
Does not know about entities or tables.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from idm_data.resources import load_yaml

_MARKUP = re.compile(r"</?[A-Za-z][^>]*>|\*+|^#{1,6}[ \t]+|^[ \t]*[-•][ \t]+", re.M)
_MARKER = re.compile(r"^(?:(\d{1,2})[.)]|\((\d{1,2})\))\s+(?=\S)")
_STARTS_ITEM = re.compile(r"^\s*(?:[-•*][ \t]+|\**\d{1,2}[.)][ \t]|\(\d{1,2}\)[ \t])")
# characters that end a sentence or a clause: a line ending otherwise runs on into the next
TERMINAL = tuple('.!?:;"”’)]')
_SENTENCE_END = re.compile(r"[.!?][\"”’)\]]*\s+(?=[“\"‘'(\[]?[A-Z0-9])")
_ODD_SPACE = re.compile(r"\s{2,}|[^\S ]")
_TOKEN_BREAK = re.compile(r"[\s(\[“\"]")
_WORD = re.compile(r"[A-Za-zÀ-ÿ0-9]+(?:['’][A-Za-z]+)?")


class _Located:
    """Offsets of the first and last character in the raw file."""

    offsets: list[int]

    @property
    def char_start(self) -> int:
        return self.offsets[0]

    @property
    def char_end(self) -> int:
        return self.offsets[-1] + 1


@dataclass
class Sentence(_Located):
    paragraph_no: int
    sentence_no: int
    text: str
    offsets: list[int] = field(repr=False)


@dataclass
class Paragraph(_Located):
    paragraph_no: int
    text: str
    offsets: list[int] = field(repr=False)
    marker: str = ""
    is_heading: bool = False
    starts_bold: bool = False
    sentences: list[Sentence] = field(default_factory=list)


@lru_cache(maxsize=1)
def text_rules() -> dict:
    return load_yaml("text_rules.yaml")


def count_words(text: str) -> int:
    return len(_WORD.findall(text))


def parse_document(raw: str) -> list[Paragraph]:
    """Split a raw document into numbered clean paragraphs and sentences."""
    blocks = _blocks(raw)
    merged = _rejoin_page_breaks(blocks)
    paragraphs = []
    for number, block in enumerate(merged, start=1):
        block.paragraph_no = number
        block.sentences = split_sentences(block.text, block.offsets, number)
        paragraphs.append(block)
    return paragraphs


def _lines(raw: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for line in raw.splitlines(keepends=True):
        end = start + len(line.rstrip("\r\n"))
        spans.append((start, end))
        start += len(line)
    return spans


def _clean_line(raw: str, start: int, end: int) -> tuple[str, list[int]]:
    """Drop markup from one raw line, keeping the raw offset of each char."""
    line = raw[start:end]
    pieces, offsets, pos = [], [], 0
    # copy whole runs between markup, not char by char: parsing is the build's hot path
    for match in _MARKUP.finditer(line):
        pieces.append(line[pos:match.start()])
        offsets.extend(range(start + pos, start + match.start()))
        pos = match.end()
    pieces.append(line[pos:])
    offsets.extend(range(start + pos, end))
    return "".join(pieces), offsets


def _squeeze(text: str, offsets: list[int]) -> tuple[str, list[int]]:
    """Collapse whitespace runs to one space (at the run's first offset) and
    trim both ends."""
    body = text.strip()
    if not body:
        return "", []
    first = len(text) - len(text.lstrip())
    last = first + len(body)
    pieces, kept, pos = [], [], first
    # only runs that are not already a single " " need rewriting
    for match in _ODD_SPACE.finditer(text, first, last):
        pieces += [text[pos:match.start()], " "]
        kept.extend(offsets[pos:match.start() + 1])
        pos = match.end()
    pieces.append(text[pos:last])
    kept.extend(offsets[pos:last])
    return "".join(pieces), kept


def _header_lines(cleaned: list[str]) -> set[str]:
    """Known page headers plus any short line repeated three times or more."""
    counts = Counter(text for text in (line.strip() for line in cleaned) if text)
    repeated = {t for t, n in counts.items() if n >= 3 and len(t) < 60 and not t.endswith((".", ","))}
    return repeated | set(text_rules()["page_headers"])


def _blocks(raw: str) -> list[Paragraph]:
    """Consecutive non-blank, non-header lines form one block."""
    spans = _lines(raw)
    cleaned = [_clean_line(raw, a, b) for a, b in spans]
    headers = _header_lines([line for line, _ in cleaned])
    blocks, text, offsets, first_raw = [], "", [], ""

    def close():
        nonlocal text, offsets, first_raw
        if text.strip():
            blocks.append(_make_block(text, offsets, first_raw))
        text, offsets, first_raw = "", [], ""

    for (a, b), (line, line_offsets) in zip(spans, cleaned):
        if not line.strip() or line.strip() in headers:
            close()
            continue
        if _STARTS_ITEM.match(raw[a:b]):
            close()
        if text:
            text += " "
            offsets.append(offsets[-1] + 1)
        else:
            first_raw = raw[a:b]
        text += line
        offsets.extend(line_offsets)
    close()
    return blocks


def _make_block(text: str, offsets: list[int], first_raw: str) -> Paragraph:
    text, offsets = _squeeze(text, offsets)
    marker = ""
    match = _MARKER.match(text)
    if match:
        marker = match.group(0).strip()
        text, offsets = text[match.end():], offsets[match.end():]
    lead = re.sub(r"^[\s#>\-•]+", "", first_raw)
    starts_bold = lead.startswith("**") or bool(re.match(r"^(?:\d{1,2}[.)]\s*)?[^*]{3,200}?[.!?:]\*\*", lead))
    is_heading = first_raw.lstrip().startswith("#") or (len(text) < 160 and not text.endswith(TERMINAL + (",",)))
    return Paragraph(0, text, offsets, marker, is_heading, starts_bold)


def _continues(prev: Paragraph, nxt: Paragraph) -> bool:
    """Whether `nxt` is the rest of `prev`, cut by a page break."""
    if prev.text.endswith(TERMINAL) or nxt.marker:
        return False
    if prev.is_heading and len(prev.text) < 160:
        return nxt.text[:1].islower()
    if nxt.text[:1].islower():
        return True
    return len(prev.text) >= 150 and not nxt.is_heading and not _is_address_list(prev.text)


def _is_address_list(text: str) -> bool:
    """A salutation ("Mr. President, Excellencies, Ladies and Gentlemen,"):
    short comma-ended addresses, which a page break never splits a sentence after."""
    parts = text.rstrip(",").split(",")
    return text.endswith(",") and len(parts) >= 2 and all(len(part.split()) <= 8 for part in parts)


def _rejoin_page_breaks(blocks: list[Paragraph]) -> list[Paragraph]:
    merged: list[Paragraph] = []
    for block in blocks:
        if merged and _continues(merged[-1], block):
            prev = merged[-1]
            prev.text += " " + block.text
            prev.offsets = prev.offsets + [prev.offsets[-1] + 1] + block.offsets
            prev.is_heading = False
        else:
            merged.append(block)
    return merged


def _is_abbreviation(text: str, dot: int) -> bool:
    if text[dot] != ".":
        return False
    token = _token_before(text, dot)
    if len(token) == 1 and token.isupper():
        return True  # an initial, as in "Amina J. Mohammed"
    return token in set(text_rules()["abbreviations"])


def _token_before(text: str, end: int) -> str:
    """The word that ends at `end` (after the last space, bracket or quote).

    Walks back from `end` instead of splitting the whole paragraph before it,
    which made long paragraphs cost quadratic time."""
    start = end
    while start > 0 and not _TOKEN_BREAK.match(text, start - 1):
        start -= 1
    return text[start:end]


def split_sentences(text: str, offsets: list[int], paragraph_no: int = 0) -> list[Sentence]:
    """Split clean paragraph text into sentences at ., ! or ? + capital."""
    sentences, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        if _is_abbreviation(text, match.start()):
            continue
        end = match.end()
        _append(sentences, text, offsets, start, end, paragraph_no)
        start = end
    _append(sentences, text, offsets, start, len(text), paragraph_no)
    return sentences


def _append(sentences: list[Sentence], text: str, offsets: list[int], start: int, end: int, paragraph_no: int) -> None:
    piece = text[start:end]
    stripped = piece.rstrip()
    if not stripped:
        return
    lead = len(piece) - len(piece.lstrip())
    start += lead
    end = start + len(stripped.lstrip())
    sentences.append(Sentence(paragraph_no, len(sentences) + 1, text[start:end], offsets[start:end]))
