"""Command line: `python -m idm_data export|add|docs ...`."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from idm_data.ingest.files import CorpusError
from idm_data.resources import CORPUS_DIR, PACKAGE_DIR
from idm_data.vocabulary import doc_type_labels


def export(out: Path | None, corpus: Path, database: Path | None = None) -> int:
    from idm_data.build.tables import build_tables

    tables = build_tables(corpus)
    for row in tables["load_errors"].itertuples():
        print(f"skipped {row.file}: {row.error}", file=sys.stderr)
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
            return 1
    return 0


def export_sqlite(tables: dict, database: Path) -> None:
    """The database and Datasette's metadata.json beside it."""
    from idm_data.build.sqlite import datasette_metadata, write_sqlite

    write_sqlite(tables, database)
    metadata = database.with_name("metadata.json")
    content = datasette_metadata(database.stem, len(tables["documents"]))
    metadata.write_text(json.dumps(content, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {database} and {metadata}: serve them with `datasette {database} --metadata {metadata}`")


def add(args: argparse.Namespace) -> int:
    from idm_data.ingest.adding import add_file
    from idm_data.build.tables import build_tables

    overrides = {"session_id": args.session_id, "start_date": args.date, "end_date": args.end_date or args.date,
                 "venue": args.venue, "doc_type": args.doc_type, "title": args.title}
    try:
        path, warnings = add_file(Path(args.file), Path(args.corpus), overrides)
    except CorpusError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for warning in warnings:
        print(f"warning: {warning}", file=sys.stderr)
    tables = build_tables(args.corpus)
    doc = tables["documents"].query("file == @path.name")
    print(f"added {path.name} to {args.corpus}; the corpus now has {len(tables['documents'])} documents")
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m idm_data", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    p_export = sub.add_parser("export", help="write every table as CSV and Parquet, or as one SQLite database")
    p_export.add_argument("--out", type=Path, help="a folder for one CSV and one Parquet file per table")
    p_export.add_argument("--sqlite", type=Path, metavar="FILE.db",
                          help="a SQLite database (keys, full-text index), with Datasette's metadata.json beside it")
    p_export.add_argument("--corpus", type=Path, default=CORPUS_DIR, help="a folder of .txt/.md documents")
    p_add = sub.add_parser("add", help="copy a document (.txt, .md, .pdf, .docx) into the corpus")
    p_add.add_argument("file")
    p_add.add_argument("--corpus", type=Path, default=CORPUS_DIR)
    p_add.add_argument("--session-id", default="")
    p_add.add_argument("--date", default="", help="first day, YYYY-MM-DD")
    p_add.add_argument("--end-date", default="")
    p_add.add_argument("--venue", default="")
    p_add.add_argument("--doc-type", default="", choices=["", *doc_type_labels()])
    p_add.add_argument("--title", default="")
    sub.add_parser("docs", help="regenerate idm_data/README.md from the schema")
    args = parser.parse_args(argv)
    if args.command == "export":
        if not args.corpus.is_dir():
            parser.error(f"--corpus {args.corpus} is not a folder")
        if args.out is None and args.sqlite is None:
            parser.error("export needs --out FOLDER, --sqlite FILE.db, or both")
        return export(args.out, args.corpus, args.sqlite)
    if args.command == "add":
        return add(args)
    return docs()


if __name__ == "__main__":
    sys.exit(main())
