"""The corpus folder: reading documents safely and pairing them with the manifest.

Owns file-level checks (empty, binary, not UTF-8, too large, missing) and the
manifest. A bad file becomes a `CorpusError` naming it; the other documents
still load. Does not parse text: that is `parse`.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

TEXT_SUFFIXES = (".txt", ".md")
MAX_BYTES = 20 * 1024 * 1024
MANIFEST = "manifest.csv"
MANIFEST_COLUMNS = [
    "file", "session_id", "doc_type", "title", "speaker", "speaker_title", "speaker_affiliation",
    "year", "start_date", "end_date", "city", "venue", "session_name", "theme",
]


class CorpusError(ValueError):
    """A document that cannot be read; the message names the file."""

    def __init__(self, file: str, message: str):
        super().__init__(f"{file}: {message}")
        self.file = file
        self.reason = message


@dataclass
class SourceDocument:
    file: str
    raw: str
    sha256: str
    manifest: dict = field(default_factory=dict)

    @property
    def doc_id(self) -> str:
        return Path(self.file).stem


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def decode_text(name: str, data: bytes) -> str:
    """Bytes of a text document -> str, or a CorpusError saying why not."""
    if len(data) > MAX_BYTES:
        raise CorpusError(name, f"is larger than the {MAX_BYTES // (1024 * 1024)} MB limit")
    if not data.strip():
        raise CorpusError(name, "is empty")
    if b"\x00" in data[:8192]:
        raise CorpusError(name, "is a binary file, not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CorpusError(name, f"is not UTF-8 text (byte {exc.start}); save it as UTF-8") from None
    controls = sum(1 for ch in text[:8192] if ord(ch) < 32 and ch not in "\n\r\t\f")
    if controls > 0.01 * min(len(text), 8192):
        raise CorpusError(name, "looks like a binary file, not text")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_manifest(corpus_dir: Path) -> pd.DataFrame:
    path = corpus_dir / MANIFEST
    if not path.exists():
        return pd.DataFrame(columns=MANIFEST_COLUMNS)
    manifest = pd.read_csv(path, dtype=str, keep_default_na=False)
    for column in MANIFEST_COLUMNS:
        if column not in manifest.columns:
            manifest[column] = ""
    return manifest


def read_corpus(corpus_dir: Path) -> tuple[list[SourceDocument], list[CorpusError]]:
    """Every readable text document of the folder, and an error per bad one."""
    corpus_dir = Path(corpus_dir)
    if not corpus_dir.is_dir():
        return [], []
    manifest = read_manifest(corpus_dir)
    rows = {row["file"]: row for row in manifest.to_dict("records")}
    documents, errors = [], []
    files = sorted(p for p in corpus_dir.iterdir() if p.suffix.lower() in TEXT_SUFFIXES and p.name.lower() != "readme.md")
    for name in sorted(set(rows) - {p.name for p in files}):
        errors.append(CorpusError(name, "is named in manifest.csv but the file is missing"))
    for path in files:
        data = path.read_bytes()
        try:
            raw = decode_text(path.name, data)
        except CorpusError as exc:
            errors.append(exc)
            continue
        documents.append(SourceDocument(path.name, raw, content_hash(data), dict(rows.get(path.name, {}))))
    return documents, errors


def corpus_fingerprint(corpus_dir: Path) -> str:
    """A hash of every file's name and content: the key of the table cache."""
    digest = hashlib.sha256()
    if not Path(corpus_dir).is_dir():
        return digest.hexdigest()
    for path in sorted(Path(corpus_dir).iterdir()):
        if path.is_file():
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()
