"""The corpus folder: reading documents safely and pairing them with the manifest.

Owns file-level checks (empty, binary, not UTF-8 or UTF-16/32 with a
byte-order mark, too large, missing, two files with one document id) and the
manifest. A bad file becomes a `CorpusError` naming it; the other documents
still load. .pdf and .docx files are converted as `add` converts them
(`convert`). Does not parse text: that is `parse`.
"""

from __future__ import annotations

import codecs
import hashlib
import re
import time
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pandas as pd

TEXT_SUFFIXES = (".txt", ".md")
CONVERTED_SUFFIXES = (".pdf", ".docx")  # read through `convert`, as `add` reads them
MAX_BYTES = 20 * 1024 * 1024
MANIFEST = "manifest.csv"
SETTLED_NS = 2_000_000_000  # a file still for 2 s is hashed once per stat signature
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")  # control characters other than \t \n \f \r
# longest first: a UTF-32 LE mark starts with the UTF-16 LE one
_BYTE_ORDER_MARKS = ((codecs.BOM_UTF32_LE, "utf-32", "UTF-32"), (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
                     (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"), (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"))
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
    """Bytes of a text document -> str, or a CorpusError saying why not. UTF-8
    (with or without a byte-order mark) and UTF-16/UTF-32 with one are read."""
    if len(data) > MAX_BYTES:
        raise CorpusError(name, f"is larger than the {MAX_BYTES // (1024 * 1024)} MB limit")
    text = _decode_marked(name, data)
    if text is None:
        _refuse_binary(name, data)
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise CorpusError(name, f"is not UTF-8 text (byte {exc.start}); save it as UTF-8") from None
    if not text.strip():
        raise CorpusError(name, "is empty")
    controls = len(_CONTROL.findall(text[:8192]))
    if controls > 0.01 * min(len(text), 8192):
        raise CorpusError(name, "looks like a binary file, not text")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _decode_marked(name: str, data: bytes) -> str | None:
    """The text of a file that starts with a UTF-16 or UTF-32 byte-order mark, else None."""
    for mark, codec, label in _BYTE_ORDER_MARKS:
        if data.startswith(mark):
            try:
                return data.decode(codec)
            except UnicodeDecodeError:
                raise CorpusError(name, f"starts with a {label} byte-order mark but is not {label} text") from None
    return None


def _refuse_binary(name: str, data: bytes) -> None:
    head = data[:8192]
    if not data.strip():
        raise CorpusError(name, "is empty")
    if b"\x00" not in head:
        return
    # ASCII text in UTF-16 without a mark: every other byte is zero
    if len(head) >= 4 and (head[1::2].count(0) > 0.9 * len(head[1::2]) or head[0::2].count(0) > 0.9 * len(head[0::2])):
        raise CorpusError(name, "looks like UTF-16 text without a byte-order mark; save it as UTF-8")
    raise CorpusError(name, "is a binary file, not text")


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
    from idm_data.ingest.convert import to_text  # convert builds on this module

    documents, ids = [], {}
    files = document_files(corpus_dir)
    for name in sorted(set(rows) - {p.name for p in files}):
        errors.append(CorpusError(name, "is named in manifest.csv but the file is missing"))
    for path in files:
        try:
            _refuse_second_id(path, ids)
            data = _read_bytes(path)
            raw = to_text(path.name, data)
        except CorpusError as exc:
            errors.append(exc)
            continue
        documents.append(SourceDocument(path.name, raw, content_hash(data), dict(rows.get(path.name, {}))))
    return sorted(documents, key=lambda d: d.file), errors


def document_files(corpus_dir: Path) -> list[Path]:
    """The documents of a folder: text files first, then files to convert (so a
    text keeps its id when a PDF of it sits beside it); no README, no hidden file."""
    found = [p for p in Path(corpus_dir).iterdir() if p.suffix.lower() in TEXT_SUFFIXES + CONVERTED_SUFFIXES
             and p.name.lower() != "readme.md" and not p.name.startswith(".")]
    return sorted(found, key=lambda p: (p.suffix.lower() in CONVERTED_SUFFIXES, p.name))


def _refuse_second_id(path: Path, ids: dict[str, str]) -> None:
    """Two files with one stem would be one document id (sentence ids would collide)."""
    first = ids.setdefault(path.stem.lower(), path.name)
    if first != path.name:
        raise CorpusError(path.name, f"has the same document id ('{path.stem}') as {first}; rename one of them")


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
