"""The corpus folder: reading documents safely and pairing them with the manifest.

Owns file-level checks (empty, binary, not UTF-8, too large, missing) and the
manifest. A bad file becomes a `CorpusError` naming it; the other documents
still load. Does not parse text: that is `parse`.
"""

from __future__ import annotations

import hashlib
import re
import time
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pandas as pd

TEXT_SUFFIXES = (".txt", ".md")
MAX_BYTES = 20 * 1024 * 1024
MANIFEST = "manifest.csv"
SETTLED_NS = 2_000_000_000  # a file still for 2 s is hashed once per stat signature
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")  # control characters other than \t \n \f \r
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
    controls = len(_CONTROL.findall(text[:8192]))
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
    manifest, errors = _manifest_or_error(corpus_dir)
    rows = {row["file"]: row for row in manifest.to_dict("records") if row["file"].strip()}
    documents = []
    files = sorted(p for p in corpus_dir.iterdir() if p.suffix.lower() in TEXT_SUFFIXES and p.name.lower() != "readme.md")
    for name in sorted(set(rows) - {p.name for p in files}):
        errors.append(CorpusError(name, "is named in manifest.csv but the file is missing"))
    for path in files:
        try:
            data = _read_bytes(path)
            raw = decode_text(path.name, data)
        except CorpusError as exc:
            errors.append(exc)
            continue
        documents.append(SourceDocument(path.name, raw, content_hash(data), dict(rows.get(path.name, {}))))
    return documents, errors


def _manifest_or_error(corpus_dir: Path) -> tuple[pd.DataFrame, list[CorpusError]]:
    """The manifest; a broken one is reported and read as empty (the documents still load)."""
    try:
        return read_manifest(corpus_dir), []
    except (ValueError, OSError) as exc:  # pandas' parser and decode errors are ValueErrors
        error = CorpusError(MANIFEST, f"could not be read as CSV ({exc.__class__.__name__}); its facts are ignored")
        return pd.DataFrame(columns=MANIFEST_COLUMNS), [error]


def _read_bytes(path: Path) -> bytes:
    if not path.is_file():
        raise CorpusError(path.name, "is not a regular file")
    try:
        return path.read_bytes()
    except OSError as exc:
        raise CorpusError(path.name, f"could not be read ({exc.strerror or exc.__class__.__name__})") from None


def corpus_fingerprint(corpus_dir: Path) -> str:
    """A hash of every file's name and content: the key of the table cache.
    Hidden files (a lock, a file being written) are not part of the corpus.

    The pages ask for it on every run, so a file's content hash is remembered
    by its stat signature once the file has been still for `SETTLED_NS`: an
    unchanged corpus then costs a `stat` per file, not a read of every byte.
    """
    digest = hashlib.sha256()
    if not Path(corpus_dir).is_dir():
        return digest.hexdigest()
    for path in sorted(Path(corpus_dir).iterdir()):
        if path.is_file() and not path.name.startswith("."):
            digest.update(path.name.encode())
            digest.update(_file_hash(path).encode())
    return digest.hexdigest()


def _file_hash(path: Path) -> str:
    """The content hash of a file; "unreadable" if it cannot be read (read_corpus reports it)."""
    try:
        stat = path.stat()
        # a write always moves ctime (even `touch -d` or `cp -p`), so a settled signature is the content's
        if time.time_ns() - max(stat.st_mtime_ns, stat.st_ctime_ns) < SETTLED_NS:
            return content_hash(path.read_bytes())
        return _remembered_hash(str(path), stat.st_ino, stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns)
    except OSError:
        return "unreadable"


@lru_cache(maxsize=65536)
def _remembered_hash(path: str, inode: int, size: int, mtime_ns: int, ctime_ns: int) -> str:
    return content_hash(Path(path).read_bytes())
