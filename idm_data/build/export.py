"""The tables as one downloadable file: a ZIP holding one CSV per table.

Used where a copy of the data must outlive the app (a hosted app forgets
added documents when it restarts). Writing Parquet for the command line is
`__main__.export`.
"""

from __future__ import annotations

import io
import zipfile

import pandas as pd


def tables_zip(tables: dict[str, pd.DataFrame]) -> bytes:
    """A ZIP archive with `<table>.csv` for every table, in name order."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(tables):
            archive.writestr(f"{name}.csv", tables[name].to_csv(index=False))
    return buffer.getvalue()
