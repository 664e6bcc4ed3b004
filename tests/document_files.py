"""Documents as the files a user uploads, for the tests: `pdf_of` and `docx_of` write
paragraphs as a PDF (with a running header and page numbers) or a Word file, and
`printed_pdf` prints a seed document as a user who has only the PDF would have it
(fpdf2): a running page header and page numbers, one line of the PDF per line of
the text (a long line wraps), blank lines kept as blank lines, headings as plain
lines, bold lead sentences in bold, and no Markdown or tags. fpdf2's core fonts
are Latin-1, so typographic quotes and dashes are printed plain: the text to
compare a PDF with is `latin1(text)`."""

from __future__ import annotations

import re

import io

import docx
from fpdf import FPDF

HEADER = "International Dialogue on Migration - printed copy"
_TAGS = re.compile(r"</?[A-Za-z][^>]*>")
_HEADING = re.compile(r"^\s*#{1,6}\s+")
_SINGLE_STAR = re.compile(r"(?<!\*)\*(?!\*)")
_LIST_MARKER = re.compile(r"^(\s*(?:[-•]\s+)?(?:\d{1,2}[.)]\s+)?)")
_PLAIN = {"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-", "…": "...", "\u00a0": " "}


def latin1(text: str) -> str:
    for typographic, plain in _PLAIN.items():
        text = text.replace(typographic, plain)
    return text.encode("latin-1", "replace").decode("latin-1")


def _balanced(line: str) -> str:
    """The line's bold spans closed on the line: one left open closes at its end; a
    closing mark without an opening one (a slip in the texts) opens after the list marker."""
    if line.count("**") % 2 == 0:
        return line
    lead = _LIST_MARKER.match(line).group(1)
    if line.lstrip().startswith("**") or line.find("**") < len(lead):
        return line + "**"
    return lead + "**" + line[len(lead):]


def printed_lines(raw: str) -> list[str]:
    """Each line of the text as printed: inline bold as `**` (fpdf2's Markdown), a line
    bold throughout (a heading) plain, other markup gone."""
    out = []
    for line in raw.splitlines():
        text = _balanced(_SINGLE_STAR.sub("", _HEADING.sub("", _TAGS.sub("", line))).strip())
        text = re.sub(r"\*\*(\s*)\*\*", r"\1", text)
        if re.fullmatch(r"\*\*[^*]+\*\*", text):
            text = text[2:-2]
        out.append(latin1(text))
    return out


class Printed(FPDF):
    """A page with a running header and a page number, as printed documents have."""

    def header(self):
        self.set_font("Helvetica", size=8)
        self.cell(0, 5, HEADER, new_x="LMARGIN", new_y="NEXT")
        self.ln(3)

    def footer(self):
        self.set_y(-15)
        self.set_font("Helvetica", size=8)
        self.cell(0, 8, f"Page {self.page_no()}", align="C")


def printed_pdf(raw: str, blank_line_mm: float = 5) -> bytes:
    """The text as a PDF; `blank_line_mm=0` prints no space for a blank line (paragraphs
    then show only by where their lines end)."""
    pdf = Printed()
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    for text in printed_lines(raw):
        if not text.strip():
            if blank_line_mm:
                pdf.ln(blank_line_mm)
            continue
        pdf.multi_cell(0, 5, text, new_x="LMARGIN", new_y="NEXT", markdown=True)
    return bytes(pdf.output())


def pdf_of(paragraphs: list[str]) -> bytes:
    """A PDF with a text layer, a running header and page numbers on every page."""
    pdf = Printed()
    pdf.add_page()
    for paragraph in paragraphs:
        pdf.set_font("Helvetica", size=10)
        pdf.multi_cell(0, 5, latin1(paragraph))
        pdf.ln(3)
    return bytes(pdf.output())


def docx_of(paragraphs: list[str]) -> bytes:
    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
