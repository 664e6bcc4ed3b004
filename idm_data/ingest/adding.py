"""Adding a new document to a corpus folder: .txt, .md, .pdf or .docx.

`prepare` turns uploaded bytes into text and a manifest row without writing
anything, so a page can preview what would be extracted; `commit` writes the
text and the manifest row atomically (temporary file, then rename), and
`remove` takes an added document out again, file and manifest row together.

Saving and removing hold the folder's file lock (`filelock`), across threads
and processes alike, and repeat the duplicate check and the choice of a free
name inside it, so two saves at once can neither add the same text twice nor
lose a manifest row: the manifest has exactly one row per document. A
duplicate is the same text as a document of the folder or of the `others`
folders read with it, once whitespace and line endings are evened out. The
packaged corpus is never modified from here, and every bad input raises a
`CorpusError` that names the file.
"""

from __future__ import annotations

import os
import re
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Iterator, Sequence

import pandas as pd
from filelock import FileLock, Timeout

from idm_data.ingest.files import (
    MANIFEST, MANIFEST_COLUMNS, TEXT_SUFFIXES, CorpusError, SourceDocument, content_hash, decode_text,
    read_manifest,
)
from idm_data.extract.document import document_facts
from idm_data.ingest.convert import ACCEPTED, max_megabytes, to_text
from idm_data.resources import CORPUS_DIR
from idm_data.text.parse import parse_document

SESSION_ID_FORMAT = re.compile(r"idm-(\d{4})-(\d{1,2})")  # what a session id given by hand must look like
_YEAR_ONLY = re.compile(r"idm-\d{4}", re.I)
LOCK = ".idm-atlas.lock"  # hidden: neither a document nor part of the corpus key
LOCK_TIMEOUT_S = 30
FILE_MODE = 0o644  # documents and manifests are public data: world-readable


@dataclass
class PreparedDocument:
    file: str  # the name it will have in the corpus
    text: str
    manifest_row: dict
    warnings: list[str] = field(default_factory=list)
    others: tuple[Path, ...] = ()  # folders read with the target: checked again for duplicates on commit

    @property
    def source(self) -> SourceDocument:
        data = self.text.encode("utf-8")
        return SourceDocument(self.file, self.text, content_hash(data), self.manifest_row)


def _safe_stem(name: str) -> str:
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", Path(name).stem).strip("-.") or "document"
    return stem[:80]


def _normalised_hash(text: str) -> str:
    """Hash of a text with every run of whitespace (spaces, tabs, line endings,
    blank lines) evened out to one space: a copy with an extra space or another
    line ending is the same document."""
    return content_hash(" ".join(text.split()).encode("utf-8"))


def _documents_in(folders: Sequence[Path]) -> list[Path]:
    return [p for folder in folders if Path(folder).is_dir() for p in sorted(Path(folder).iterdir())
            if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES and p.name.lower() != "readme.md"]


def _refuse_duplicate(name: str, text: str, folders: Sequence[Path]) -> None:
    digest = _normalised_hash(text)
    for existing in _documents_in(folders):
        try:
            same = _normalised_hash(decode_text(existing.name, existing.read_bytes())) == digest
        except CorpusError:
            continue  # an unreadable file cannot be a duplicate of a readable one
        if same:
            raise CorpusError(name, f"is already in the corpus as {existing.name} (same content)")


def _free_name(name: str, folders: Sequence[Path]) -> str:
    """A .txt name whose stem (the doc_id) no folder uses yet."""
    taken = {p.stem.lower() for folder in folders if Path(folder).is_dir() for p in Path(folder).iterdir()}
    stem = candidate = _safe_stem(name)
    counter = 2
    while candidate.lower() in taken:
        candidate, counter = f"{stem}-{counter}", counter + 1
    return f"{candidate}.txt"


def _checked_date(name: str, value: str) -> str:
    try:
        return date.fromisoformat(str(value).strip()).isoformat()
    except ValueError:
        raise CorpusError(name, f"has a start date '{value}' that is not a date (YYYY-MM-DD)") from None


def _with_overrides(name: str, row: dict, overrides: dict | None) -> dict:
    """The inferred row with what the user gave instead; dates kept consistent."""
    given = {k: str(v).strip() for k, v in (overrides or {}).items() if k in MANIFEST_COLUMNS and str(v or "").strip()}
    if "session_id" in given and not SESSION_ID_FORMAT.fullmatch(given["session_id"]):
        # not echoed: it is shown wherever the session is named
        raise CorpusError(name, "has a session id that is not of the form idm-YYYY-N (e.g. idm-2019-1)")
    row = {**row, **given}
    if "start_date" in given:
        row["start_date"] = _checked_date(name, given["start_date"])
        if not given.get("end_date") and (not row.get("end_date") or row["end_date"] < row["start_date"]):
            row["end_date"] = row["start_date"]
        row["year"] = row["start_date"][:4]
    elif "session_id" in given:
        row["year"] = SESSION_ID_FORMAT.fullmatch(given["session_id"]).group(1)
    return row


def prepare(name: str, data: bytes, corpus_dir: Path, overrides: dict | None = None,
            others: Sequence[Path] = (), max_text_bytes: int | None = None,
            text: str | None = None) -> PreparedDocument:
    """Text, manifest row and warnings for an upload; writes nothing.

    `others` are folders read together with `corpus_dir` (the packaged
    corpus, for the dashboard's added-documents folder): a document already
    there is a duplicate, and their file names are taken. A text longer than
    `max_text_bytes` (UTF-8) is refused before anything is parsed. `text`: the
    bytes already converted (`to_text`), e.g. by a caller that caches it.
    """
    folders = [Path(corpus_dir), *map(Path, others)]
    text = to_text(name, data) if text is None else text
    if not text.strip():
        raise CorpusError(name, "has no text")
    size = len(text.encode("utf-8"))
    if max_text_bytes is not None and size > max_text_bytes:
        raise CorpusError(name, f"holds {size / 2**20:.1f} MB of text; a document added here may hold at most "
                                f"{max_text_bytes / 2**20:.1f} MB (an IDM closing remarks or summary holds well "
                                "under 0.1 MB)")
    _refuse_duplicate(name, text, folders)
    file = _free_name(name, folders)
    paragraphs = parse_document(text)
    facts = document_facts(SourceDocument(file, text, content_hash(text.encode("utf-8")), {}), paragraphs)
    row = _with_overrides(name, {column: str(facts.get(column, "") or "") for column in MANIFEST_COLUMNS}, overrides)
    row["file"] = file
    return PreparedDocument(file, text, row, _warnings(paragraphs, row), tuple(map(Path, others)))


def _warnings(paragraphs, row: dict) -> list[str]:
    from idm_data.extract.takeaways import find_items

    warnings = []
    if not find_items(paragraphs)[0]:
        warnings.append("no takeaways found: is this an IDM closing remarks or summary of conclusions?")
    for key in ("session_id", "doc_type", "start_date"):
        if not row.get(key):
            warnings.append(f"{key} could not be inferred from the text; give it explicitly")
    if _YEAR_ONLY.fullmatch(row.get("session_id", "")):
        warnings.append(f"session_id '{row['session_id']}' names only the year (inferred from the date); "
                        "give the session's id, e.g. idm-2019-1, to group the document with its session")
    return warnings


def _atomic_write(path: Path, data: bytes) -> None:
    handle, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.chmod(tmp, FILE_MODE)  # mkstemp makes 0600
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@contextmanager
def _locked(corpus_dir: Path, name: str) -> Iterator[None]:
    """The folder's lock, held by one save or removal at a time (threads and processes)."""
    try:
        with FileLock(corpus_dir / LOCK, timeout=LOCK_TIMEOUT_S):
            yield
    except Timeout:
        message = f"was left as it was: {corpus_dir} stayed busy for {LOCK_TIMEOUT_S} s; try again"
        raise CorpusError(name, message) from None


def _refuse_packaged(name: str, corpus_dir: Path) -> None:
    if Path(corpus_dir).resolve() == CORPUS_DIR.resolve():
        raise CorpusError(name, "would change the packaged corpus, which is never modified; "
                                "add it to another folder")


def commit(prepared: PreparedDocument, corpus_dir: Path) -> Path:
    """Write the document and its manifest row, both or neither; returns the new
    file's path. Under the lock the duplicate check is repeated and the name
    is taken again if another save took it meanwhile."""
    corpus_dir = Path(corpus_dir)
    _refuse_packaged(prepared.file, corpus_dir)
    corpus_dir.mkdir(parents=True, exist_ok=True)
    folders = [corpus_dir, *prepared.others]
    with _locked(corpus_dir, prepared.file):
        _refuse_duplicate(prepared.file, prepared.text, folders)
        file = _free_name(prepared.file, folders)  # the same name, unless another save took it meanwhile
        manifest = read_manifest(corpus_dir)
        manifest = manifest[manifest["file"] != file]  # a row left without its file is replaced
        row = {**prepared.manifest_row, "file": file}
        manifest = pd.concat([manifest, pd.DataFrame([row])], ignore_index=True)[MANIFEST_COLUMNS]
        target = corpus_dir / file
        _atomic_write(target, prepared.text.encode("utf-8"))
        try:
            _atomic_write(corpus_dir / MANIFEST, manifest.fillna("").to_csv(index=False).encode("utf-8"))
        except BaseException:
            target.unlink(missing_ok=True)
            raise
    return target


def remove(file: str, corpus_dir: Path) -> None:
    """Delete an added document and its manifest row, both or neither.

    The file is first moved aside (invisible to the corpus reader), then the
    manifest is rewritten; if that fails the file is moved back.
    """
    corpus_dir = Path(corpus_dir)
    _refuse_packaged(file, corpus_dir)
    if Path(file).name != file or Path(file).suffix.lower() not in TEXT_SUFFIXES:
        raise CorpusError(file, "is not the name of a document in the folder")
    with _locked(corpus_dir, file):
        target = corpus_dir / file
        if not target.is_file():
            raise CorpusError(file, f"is not in {corpus_dir}")
        kept = read_manifest(corpus_dir)
        kept = kept[kept["file"] != file]
        parked = corpus_dir / f".{file}.removing"
        os.replace(target, parked)
        try:
            _atomic_write(corpus_dir / MANIFEST, kept.to_csv(index=False).encode("utf-8"))
        except BaseException:
            os.replace(parked, target)
            raise
        parked.unlink()


def listing(corpus_dir: Path) -> pd.DataFrame:
    """The documents of a folder with their manifest facts and size."""
    columns = ["file", "title", "session_id", "doc_type", "start_date", "venue", "n_bytes"]
    files = _documents_in([Path(corpus_dir)])
    if not files:
        return pd.DataFrame(columns=columns)
    manifest = read_manifest(Path(corpus_dir)).drop_duplicates("file").set_index("file")
    rows = [{"file": p.name, "n_bytes": p.stat().st_size,
             **{c: manifest[c].get(p.name, "") for c in columns[1:-1]}} for p in files]
    return pd.DataFrame(rows, columns=columns)


def storage_is_ephemeral() -> bool:
    """Whether added documents vanish on restart (a hosted app's disk).

    `IDM_ATLAS_EPHEMERAL=1|0` decides; otherwise Streamlit Community Cloud,
    which runs apps from /mount/src, counts as ephemeral.
    """
    configured = os.environ.get("IDM_ATLAS_EPHEMERAL", "").strip().lower()
    if configured in ("1", "true", "yes", "0", "false", "no"):
        return configured in ("1", "true", "yes")
    return Path.cwd().as_posix().startswith("/mount/src") or os.environ.get("HOSTNAME") == "streamlit"


def add_file(path: Path, corpus_dir: Path, overrides: dict | None = None,
             others: Sequence[Path] = ()) -> tuple[Path, list[str]]:
    """Add the document at `path` to `corpus_dir` (`others`: folders read with
    it, as in `prepare`): (new path, warnings)."""
    path = Path(path)
    name = path.name or str(path)
    if path.is_dir():
        raise CorpusError(name, "is a folder, not a document file: add its documents one at a time")
    _refuse_packaged(name, corpus_dir)
    if not path.is_file():
        raise CorpusError(name, "does not exist")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CorpusError(name, f"could not be read ({exc.strerror or exc.__class__.__name__})") from None
    prepared = prepare(path.name, data, corpus_dir, overrides, others)
    return commit(prepared, corpus_dir), prepared.warnings
