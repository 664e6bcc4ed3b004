"""Command line: `python -m idm_data export|add|docs ...`.

Every mistake a user can make (a file where a folder is needed, a folder
where a file is, a document that cannot be read, an empty corpus) is a
message saying what is wrong and a non-zero exit status, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from idm_data.ingest.files import CONVERTED_SUFFIXES, MANIFEST, TEXT_SUFFIXES, CorpusError
from idm_data.resources import CORPUS_DIR, PACKAGE_DIR, added_dir, base_corpus_dir, corpus_dirs
from idm_data.vocabulary import doc_type_labels

ACCEPTED = TEXT_SUFFIXES + CONVERTED_SUFFIXES
FAILED = 1  # argparse exits with 2 on a usage error


def export(out: Path | None, corpus: Path, database: Path | None = None) -> int:
    from idm_data.build.tables import build_tables

    for path in _not_documents(corpus):
        print(f"skipped {path.name}: has extension '{path.suffix or '(none)'}'; accepted: {', '.join(ACCEPTED)}",
              file=sys.stderr)
    tables = build_tables(corpus)
    for row in tables["load_errors"].itertuples():
        print(f"skipped {row.file}: {row.error}", file=sys.stderr)
    if tables["documents"].empty:
        print(f"warning: no document could be read from {corpus} ({', '.join(ACCEPTED)} files); nothing exported",
              file=sys.stderr)
        return FAILED
    if out is not None:
        out.mkdir(parents=True, exist_ok=True)
        for name, frame in tables.items():
            frame.to_csv(out / f"{name}.csv", index=False)
            frame.to_parquet(out / f"{name}.parquet", index=False)
        print(f"wrote {len(tables)} tables ({len(tables['documents'])} documents) to {out}")
    if database is not None:
        from idm_data.build.sqlite import ForeignKeyError

        try:
            export_sqlite(tables, database)
        except ForeignKeyError as exc:
            print(f"error: {database} not written: {exc}", file=sys.stderr)
            return FAILED
    return 0


def export_sqlite(tables: dict, database: Path) -> None:
    """The database and Datasette's metadata.json beside it."""
    from idm_data.build.sqlite import datasette_metadata, write_sqlite

    write_sqlite(tables, database)
    metadata = database.with_name("metadata.json")
    content = datasette_metadata(database.stem, len(tables["documents"]))
    metadata.write_text(json.dumps(content, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {database} and {metadata}: serve them with `datasette {database} --metadata {metadata}`")


def _not_documents(corpus: Path) -> list[Path]:
    """Files of the folder that are neither documents nor the manifest or README."""
    return sorted(p for p in corpus.iterdir() if p.is_file() and not p.name.startswith(".")
                  and p.suffix.lower() not in ACCEPTED and p.name != MANIFEST)


def add(args: argparse.Namespace) -> int:
    """Add to the dashboard's added-documents folder, or to the folder `--corpus`
    names; never to the packaged corpus."""
    from idm_data.ingest.adding import add_file
    from idm_data.build.tables import build_tables

    target = args.corpus or added_dir()
    # the added folder is read with the base corpus: a copy of a document there is a duplicate
    others = [] if args.corpus else [base_corpus_dir()]
    overrides = {"session_id": args.session_id, "start_date": args.date, "end_date": args.end_date or args.date,
                 "venue": args.venue, "doc_type": args.doc_type, "title": args.title}
    try:
        path, warnings = add_file(Path(args.file), target, overrides, others)
    except CorpusError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for warning in warnings:
        print(f"warning: {warning}", file=sys.stderr)
    tables = build_tables([target] if args.corpus else corpus_dirs())
    doc = tables["documents"].query("file == @path.name")
    what = "the folder" if args.corpus else "the dashboard's corpus"
    print(f"added {path.name} to {target}; {what} now has {len(tables['documents'])} documents")
    if len(doc):
        row = doc.iloc[0]
        print(f"  session {row.session_id or '?'}, {row.doc_type or 'type unknown'}, "
              f"{row.n_takeaways} takeaways, {row.n_sentences} sentences")
    return 0


def docs() -> int:
    from idm_data.build.schema import data_dictionary

    (PACKAGE_DIR / "README.md").write_text(data_dictionary() + "\n", encoding="utf-8")
    print(f"wrote {PACKAGE_DIR / 'README.md'}")
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m idm_data", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p_export = sub.add_parser("export", help="write every table as CSV and Parquet, or as one SQLite database")
    p_export.add_argument("--out", type=Path, help="a folder for one CSV and one Parquet file per table")
    p_export.add_argument("--sqlite", type=Path, metavar="FILE.db",
                          help="a SQLite database (keys, full-text index), with Datasette's metadata.json beside it")
    p_export.add_argument("--corpus", type=Path, default=CORPUS_DIR,
                          help=f"a folder of documents ({', '.join(ACCEPTED)}); default: the packaged corpus")
    p_add = sub.add_parser("add", help="add a document (.txt, .md, .pdf, .docx) to the dashboard's added documents "
                                       "(IDM_ATLAS_ADDED), or to the folder --corpus names")
    p_add.add_argument("file")
    p_add.add_argument("--corpus", type=Path, default=None,
                       help="a folder of documents to add to (default: the added-documents folder; "
                            "never the packaged corpus)")
    p_add.add_argument("--session-id", default="", help="e.g. idm-2019-1")
    p_add.add_argument("--date", default="", help="first day, YYYY-MM-DD")
    p_add.add_argument("--end-date", default="")
    p_add.add_argument("--venue", default="")
    p_add.add_argument("--doc-type", default="", choices=["", *doc_type_labels()])
    p_add.add_argument("--title", default="")
    sub.add_parser("docs", help="regenerate idm_data/README.md from the schema")
    return parser


def _check_folders(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    """Usage errors found before any work is done (argparse prints them and exits 2)."""
    if args.command == "export":
        if not args.corpus.is_dir():
            parser.error(f"--corpus {args.corpus} is not a folder")
        if args.out is None and args.sqlite is None:
            parser.error("export needs --out FOLDER, --sqlite FILE.db, or both")
        if args.out is not None and args.out.exists() and not args.out.is_dir():
            parser.error(f"--out {args.out} is a file: give a folder to write the tables into")
        if args.sqlite is not None and args.sqlite.is_dir():
            parser.error(f"--sqlite {args.sqlite} is a folder: give the database file to write")
    if args.command == "add" and args.corpus is not None and args.corpus.exists() and not args.corpus.is_dir():
        parser.error(f"--corpus {args.corpus} is a file, not a folder")


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    _check_folders(parser, args)
    try:
        if args.command == "export":
            return export(args.out, args.corpus, args.sqlite)
        if args.command == "add":
            return add(args)
        return docs()
    except OSError as exc:  # a folder that cannot be written, a disk that is full
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"error: {where}{exc.strerror or exc}", file=sys.stderr)
        return FAILED


if __name__ == "__main__":
    sys.exit(main())
