"""A PDF's layout -> text in the corpus conventions (idm_data/corpus/README.md).

pypdf's text visitor reports every run of text with its font, size and
position. Runs on one baseline form a line; a bold run is written
`**like this**`; a line set larger than the body is a heading (`## `). Lines
form paragraphs, which are separated by a blank line, as in the corpus texts,
where a paragraph ends:
- at a vertical gap wider than the body's line spacing,
- after a short line (a wrapped paragraph fills its lines; a heading or the
  last line of a paragraph does not) unless the next line goes on in lower case
  or both are short lines of one block (a title block, an address) that no
  sentence ends between,
- before a short line without closing punctuation (a heading) that follows the
  end of a sentence,
- where the size changes (a heading), and
- where a bold lead begins after regular text, or regular text after a bold line.
So a heading set in the body's font on a line of its own stays a paragraph of
its own, and a bold lead sentence stays bold, as in the text the PDF was made
from. Writes nothing and never raises for a page it cannot place: the caller
falls back to pypdf's own text.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field

GAP = 1.4  # a gap this many line spacings wide ends a paragraph
SHORT = 0.75  # a line shorter than this share of a full line ends a paragraph
LARGER = 1.15  # a line this much larger than the body is a heading
FULL_LINE = 0.9  # quantile of body line lengths taken as a full line
_SENTENCE_END = tuple('.!?:;"”’)')
_CLOSING = tuple(".!?;,")  # a heading does not end like a sentence or a clause


@dataclass
class Run:
    y: float  # baseline, from the bottom of the page
    size: float
    bold: bool
    text: str


@dataclass
class Line:
    y: float
    size: float
    runs: list[Run] = field(default_factory=list)

    @property
    def plain(self) -> str:
        return "".join(run.text for run in self.runs).strip()

    @property
    def marked(self) -> str:
        """The line with its bold runs as `**…**` (adjacent bold runs as one)."""
        out, bold = "", []
        for run in self.runs + [Run(0, 0, False, "")]:
            if run.bold:
                bold.append(run.text)
                continue
            if bold:
                out += _bold("".join(bold))
                bold = []
            out += run.text
        return out.strip()

    @property
    def starts_bold(self) -> bool:
        first = next((run for run in self.runs if run.text.strip()), None)
        return bool(first and first.bold)

    @property
    def ends_bold(self) -> bool:
        last = next((run for run in reversed(self.runs) if run.text.strip()), None)
        return bool(last and last.bold)

    @property
    def all_bold(self) -> bool:
        return all(run.bold for run in self.runs if run.text.strip())


def _bold(text: str) -> str:
    core = text.strip()
    if not core:
        return text
    lead, trail = text[:len(text) - len(text.lstrip())], text[len(text.rstrip()):]
    return f"{lead}**{core}**{trail}"


def page_runs(page) -> list[Run]:
    """The text runs of a pypdf page, in content order, with baseline and size."""
    runs: list[Run] = []

    def visit(text, cm, tm, font, size):
        text = text.replace("\n", "")
        if not text:
            return
        # text space -> user space: the baseline's height and the size as drawn
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        scale = abs(tm[3] * cm[3]) or 1.0
        name = str((font or {}).get("/BaseFont", ""))
        runs.append(Run(y, float(size) * scale, "bold" in name.lower() or "black" in name.lower(), text))

    page.extract_text(visitor_text=visit)
    return runs


def lines_of(runs: list[Run]) -> list[Line]:
    """Runs grouped by baseline (a raised or lowered run, e.g. a superscript, stays
    on its line), top of the page first."""
    lines: list[Line] = []
    for run in runs:
        same = next((line for line in reversed(lines[-3:])
                     if abs(line.y - run.y) < 0.6 * max(line.size, run.size)), None)
        if same is None:
            lines.append(Line(run.y, run.size, [run]))
        else:
            same.runs.append(run)
            same.size = max(same.size, run.size) if run.text.strip() else same.size
    lines = [line for line in lines if line.plain]
    return sorted(lines, key=lambda line: -line.y)


@dataclass(frozen=True)
class Body:
    """What the document's body text looks like: its size, line spacing and full line length."""
    size: float
    spacing: float
    full: int


def body_of(pages: list[list[Line]]) -> Body:
    sizes = [round(line.size, 1) for lines in pages for line in lines for _ in line.plain]
    size = statistics.mode(sizes) if sizes else 10.0
    body = [[line for line in lines if _is_body(line, size)] for lines in pages]
    gaps = [a.y - b.y for lines in body for a, b in zip(lines, lines[1:]) if 0 < a.y - b.y < 3 * size]
    lengths = sorted(len(line.plain) for lines in body for line in lines)
    full = lengths[int(FULL_LINE * (len(lengths) - 1))] if lengths else 80
    return Body(size, statistics.median(gaps) if gaps else 1.2 * size, full)


def _is_body(line: Line, size: float) -> bool:
    return abs(line.size - size) <= (LARGER - 1) * size


def ends_paragraph(line: Line, after: Line, body: Body) -> bool:
    """Whether a paragraph ends between `line` and the line `after` it."""
    if line.y - after.y > GAP * body.spacing or line.y < after.y:
        return True
    if _is_body(line, body.size) != _is_body(after, body.size):
        return True
    if _short(line, body) and not after.plain[:1].islower():
        one_block = _short(after, body) and not line.plain.rstrip("*").endswith(_SENTENCE_END)
        if not one_block or line.all_bold != after.all_bold:
            return True
    if _short(after, body) and not after.plain.endswith(_CLOSING) and line.plain.rstrip("*").endswith(_SENTENCE_END):
        return True
    if after.starts_bold and not line.ends_bold:
        return True
    return line.all_bold and not after.starts_bold


def _short(line: Line, body: Body) -> bool:
    return len(line.plain) < SHORT * body.full


def page_text(lines: list[Line], body: Body) -> str:
    """One page as text: a line per line, a blank line between paragraphs, headings
    set larger than the body marked `## `."""
    out: list[str] = []
    for index, line in enumerate(lines):
        heading = line.size > LARGER * body.size
        out.append(("## " if heading else "") + line.marked)
        if index + 1 < len(lines) and ends_paragraph(line, lines[index + 1], body):
            out.append("")
    return "\n".join(out)


def pages_text(pdf_pages) -> list[str]:
    """The text of every page of a pypdf reader's pages, in the corpus conventions."""
    pages = [lines_of(page_runs(page)) for page in pdf_pages]
    body = body_of(pages)
    return [page_text(lines, body) for lines in pages]
