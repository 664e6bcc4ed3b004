"""Uploaded bytes -> document text: .txt and .md decoded, .pdf and .docx converted.

Owns the accepted formats and the conversion noise of PDFs (running headers and
footers, page numbers, sentences cut by a page break). A PDF's text comes from
its layout (`pdf_layout`: paragraphs, headings and bold leads as the corpus
texts write them), else from pypdf's own text. Every bad input raises a
`CorpusError` that names the file. Writes nothing.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections import Counter
from pathlib import Path

from idm_data.ingest import pdf_layout
from idm_data.ingest.files import MAX_BYTES, CorpusError, decode_text
from idm_data.text.parse import TERMINAL

ACCEPTED = (".txt", ".md", ".pdf", ".docx")
MAX_UNPACKED_BYTES = 2 * MAX_BYTES  # a .docx's parts unpacked (images barely compress; XML text does)
MAX_PDF_PAGES = 500  # each page costs layout work before the text's size is known
_PAGE_NUMBER = re.compile(r"\s*(?:Page\s+)?\d{1,3}(?:\s+(?:of|/)\s+\d{1,3})?\s*", re.I)
_MARKS = re.compile(r"\*\*|^## ")  # what pdf_layout adds: bold and heading marks


def max_megabytes() -> int:
    """The upload limit in MB, as pages and messages state it."""
    return MAX_BYTES // (1024 * 1024)


def _pdf_pages(reader, mode: str) -> list[str]:
    if mode == "paragraphs":
        return pdf_layout.pages_text(reader.pages)
    return [page.extract_text(extraction_mode=mode) or "" for page in reader.pages]


def _pdf_text(name: str, data: bytes) -> str:
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(data))
        if len(reader.pages) > MAX_PDF_PAGES:
            raise CorpusError(name, f"has {len(reader.pages)} pages; a document may have at most {MAX_PDF_PAGES}")
        # paragraphs from the layout first; pypdf's layout mode (which keeps blank lines) and plain mode after
        pages = []
        for mode in ("paragraphs", "layout", "plain"):
            try:
                pages = _pdf_pages(reader, mode)
            except Exception:  # noqa: BLE001 - odd fonts and encodings fail some modes
                pages = []
            if "".join(pages).strip():
                break
    except CorpusError:
        raise
    except Exception as exc:  # noqa: BLE001 - pypdf raises many types for a broken file
        raise CorpusError(name, f"could not be read as a PDF ({exc.__class__.__name__}: {exc})") from None
    if not "".join(pages).strip():
        raise CorpusError(name, "has no text layer (a scanned PDF?): run OCR on it first, then upload the result")
    return _join_pages(_drop_running_lines(pages))


def _join_pages(pages: list[str]) -> str:
    """Pages as one text; a page that stops mid-sentence runs on into the next
    (joined by a line break, not a paragraph break)."""
    text = ""
    for page in (p for p in pages if p.strip()):
        runs_on = text and not text.rstrip().rstrip("*").endswith(TERMINAL)
        text += ("\n" if runs_on else "\n\n" if text else "") + page
    return text


def _edge_lines(page: str) -> list[str]:
    lines = [line.strip() for line in page.splitlines() if line.strip()]
    return lines[:2] + lines[-2:]


def _unmarked(line: str) -> str:
    return _MARKS.sub("", line).strip()


def _drop_running_lines(pages: list[str]) -> list[str]:
    """Remove header and footer lines repeated on most pages, and page numbers;
    only the first and last two lines of a page can be either."""
    edges = [_edge_lines(page) for page in pages]
    counts = Counter(_unmarked(line) for lines in edges for line in set(lines))
    repeated = {line for line, n in counts.items() if len(pages) >= 2 and n >= max(2, len(pages) // 2)}
    cleaned = []
    for page, edge in zip(pages, edges):
        drop = {line for line in edge if _unmarked(line) in repeated or _PAGE_NUMBER.fullmatch(_unmarked(line))}
        kept = [line.rstrip() for line in page.splitlines() if line.strip() not in drop]
        cleaned.append(re.sub(r"\n{3,}", "\n\n", "\n".join(kept)).strip("\n"))  # a dropped line leaves one break
    return cleaned


_DOCX_PARTS = ("[Content_Types].xml", "word/document.xml")


def _docx_problem(data: bytes) -> str | None:
    """What makes these bytes no readable .docx archive, in words; None if nothing."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            # every part counts: python-docx reads each one a relationship names, media included
            unpacked = sum(info.file_size for info in archive.infolist())
            damaged = archive.testzip() if unpacked <= MAX_UNPACKED_BYTES else None
    except zipfile.BadZipFile:
        if data.startswith(b"PK"):
            return "its ZIP archive is cut short or damaged (was the file copied in full?)"
        return "it is not a ZIP archive, which a .docx is (an old .doc, or another file renamed?)"
    except (OSError, ValueError, RuntimeError) as exc:
        return f"its ZIP archive is damaged ({exc})"
    missing = [part for part in _DOCX_PARTS if part not in names]
    if missing:
        return f"its archive lacks {' and '.join(missing)} (a ZIP file, but not a Word document)"
    if unpacked > MAX_UNPACKED_BYTES:  # a few KB can unpack to gigabytes (a ZIP bomb)
        return (f"its archive unpacks to {unpacked / 2**20:.1f} MB, more than the {MAX_UNPACKED_BYTES / 2**20:.0f} MB "
                "a document may unpack to")
    if damaged:
        return f"its archive is damaged ({damaged} fails its checksum)"
    return None


def _docx_text(name: str, data: bytes) -> str:
    import docx

    problem = _docx_problem(data)
    if problem:
        raise CorpusError(name, f"could not be read as a Word document: {problem}")
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # noqa: BLE001 - python-docx raises many types for a bad archive
        # python-docx's own errors name its internals: say what they mean for the file
        detail = f"part {exc} is missing" if isinstance(exc, KeyError) else "its parts are not valid Word XML"
        raise CorpusError(name, f"could not be read as a Word document: {detail}") from None
    return "\n\n".join(p.text for p in document.paragraphs if p.text.strip())


def to_text(name: str, data: bytes) -> str:
    """The text of an uploaded file, or a CorpusError saying why not."""
    suffix = Path(name).suffix.lower()
    if suffix not in ACCEPTED:
        raise CorpusError(name, f"has extension '{suffix or '(none)'}'; accepted: {', '.join(ACCEPTED)}")
    if len(data) > MAX_BYTES:
        raise CorpusError(name, f"is larger than the {max_megabytes()} MB limit")
    if not data.strip():
        raise CorpusError(name, "is empty")
    if suffix == ".pdf":
        if not data.lstrip().startswith(b"%PDF"):
            raise CorpusError(name, "is not a PDF file (no %PDF header)")
        return _pdf_text(name, data)
    if suffix == ".docx":
        return _docx_text(name, data)
    return decode_text(name, data)
