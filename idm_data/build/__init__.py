"""Build: every document's rows in, the tidy tables out.

`tables` assembles and loads them, `schema` declares each table's columns and
types (from `data/schema.yaml`), `cache` keeps built tables on disk.
"""
