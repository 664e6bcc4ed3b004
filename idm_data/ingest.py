"""Adding a new document to a corpus folder: .txt, .md, .pdf or .docx.

`prepare` turns uploaded bytes into text and a manifest row without writing
anything, so a page can preview what would be extracted; `commit` writes the
text and the manifest row atomically (temporary file, then rename). The
original corpus files are never modified, a duplicate (same text content) is
refused, and every bad input raises a `CorpusError` that names the file.
"""

from __future__ import annotations

import io
import os
import re
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from idm_data.corpus_files import (
    MANIFEST, MANIFEST_COLUMNS, MAX_BYTES, CorpusError, SourceDocument, content_hash, decode_text,
    read_manifest,
)
from idm_data.extract import document_facts
from idm_data.parse import parse_document

ACCEPTED = (".txt", ".md", ".pdf", ".docx")


@dataclass
class PreparedDocument:
    file: str  # the name it will have in the corpus
    text: str
    manifest_row: dict
    warnings: list[str] = field(default_factory=list)

    @property
    def source(self) -> SourceDocument:
        data = self.text.encode("utf-8")
        return SourceDocument(self.file, self.text, content_hash(data), self.manifest_row)


def _pdf_text(name: str, data: bytes) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise CorpusError(name, f"could not be read as a PDF ({exc.__class__.__name__}: {exc})") from None
    if not "".join(pages).strip():
        raise CorpusError(name, "has no text layer (a scanned PDF?): run OCR on it first, then upload the result")
    return "\n\n".join(_drop_running_lines(pages))


def _drop_running_lines(pages: list[str]) -> list[str]:
    """Remove header and footer lines repeated on most pages, and page numbers."""
    edges = Counter()
    for page in pages:
        lines = [l.strip() for l in page.splitlines() if l.strip()]
        edges.update(set(lines[:2] + lines[-2:]))
    repeated = {line for line, n in edges.items() if len(pages) > 2 and n >= max(2, len(pages) // 2)}
    cleaned = []
    for page in pages:
        lines = [l for l in page.splitlines() if l.strip() not in repeated and not re.fullmatch(r"\s*(?:Page\s+)?\d{1,3}\s*", l)]
        cleaned.append("\n".join(lines))
    return cleaned


def _docx_text(name: str, data: bytes) -> str:
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many types for a bad archive
        raise CorpusError(name, f"could not be read as a Word document ({exc.__class__.__name__})") from None
    return "\n\n".join(p.text for p in document.paragraphs if p.text.strip())


def to_text(name: str, data: bytes) -> str:
    """The text of an uploaded file, or a CorpusError saying why not."""
    suffix = Path(name).suffix.lower()
    if suffix not in ACCEPTED:
        raise CorpusError(name, f"has extension '{suffix or '(none)'}'; accepted: {', '.join(ACCEPTED)}")
    if len(data) > MAX_BYTES:
        raise CorpusError(name, f"is larger than the {MAX_BYTES // (1024 * 1024)} MB limit")
    if not data.strip():
        raise CorpusError(name, "is empty")
    if suffix == ".pdf":
        if not data.lstrip().startswith(b"%PDF"):
            raise CorpusError(name, "is not a PDF file (no %PDF header)")
        return _pdf_text(name, data)
    if suffix == ".docx":
        return _docx_text(name, data)
    return decode_text(name, data)


def _safe_stem(name: str) -> str:
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", Path(name).stem).strip("-.") or "document"
    return stem[:80]


def prepare(name: str, data: bytes, corpus_dir: Path, overrides: dict | None = None) -> PreparedDocument:
    """Text, manifest row and warnings for an upload; writes nothing."""
    corpus_dir = Path(corpus_dir)
    text = to_text(name, data)
    if not text.strip():
        raise CorpusError(name, "has no text")
    digest = content_hash(text.encode("utf-8"))
    for existing in sorted(corpus_dir.glob("*")):
        if existing.suffix.lower() in (".txt", ".md") and content_hash(existing.read_bytes()) == digest:
            raise CorpusError(name, f"is already in the corpus as {existing.name} (same content)")
    stem, file = _safe_stem(name), f"{_safe_stem(name)}.txt"
    counter = 2
    while (corpus_dir / file).exists():
        file, counter = f"{stem}-{counter}.txt", counter + 1
    paragraphs = parse_document(text)
    facts = document_facts(SourceDocument(file, text, digest, {}), paragraphs)
    row = {column: str(facts.get(column, "") or "") for column in MANIFEST_COLUMNS}
    row.update({k: v for k, v in (overrides or {}).items() if v})
    row["file"] = file
    return PreparedDocument(file, text, row, _warnings(paragraphs, row))


def _warnings(paragraphs, row: dict) -> list[str]:
    from idm_data.takeaways import find_items

    warnings = []
    if not find_items(paragraphs)[0]:
        warnings.append("no takeaways found: is this an IDM closing remarks or summary of conclusions?")
    for key in ("session_id", "doc_type", "start_date"):
        if not row.get(key):
            warnings.append(f"{key} could not be inferred from the text; give it explicitly")
    return warnings


def _atomic_write(path: Path, data: bytes) -> None:
    handle, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def commit(prepared: PreparedDocument, corpus_dir: Path) -> Path:
    """Write the document and its manifest row; returns the new file's path."""
    corpus_dir = Path(corpus_dir)
    corpus_dir.mkdir(parents=True, exist_ok=True)
    target = corpus_dir / prepared.file
    if target.exists():
        raise CorpusError(prepared.file, "already exists in the corpus")
    manifest = read_manifest(corpus_dir)
    manifest = pd.concat([manifest, pd.DataFrame([prepared.manifest_row])], ignore_index=True)[MANIFEST_COLUMNS]
    _atomic_write(target, prepared.text.encode("utf-8"))
    try:
        _atomic_write(corpus_dir / MANIFEST, manifest.to_csv(index=False).encode("utf-8"))
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    return target


def add_file(path: Path, corpus_dir: Path, overrides: dict | None = None) -> tuple[Path, list[str]]:
    """Add the document at `path` to `corpus_dir`: (new path, warnings)."""
    path = Path(path)
    if not path.is_file():
        raise CorpusError(path.name, "does not exist")
    prepared = prepare(path.name, path.read_bytes(), corpus_dir, overrides)
    return commit(prepared, corpus_dir), prepared.warnings
