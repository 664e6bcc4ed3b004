"""IDM Atlas data layer: the IDM corpus as evidence-linked pandas tables.

    >>> import idm_data
    >>> tables = idm_data.load()
    >>> tables["takeaways"].head()

Layers: corpus files -> `parse` (clean paragraphs and sentences with offsets)
-> extractors (`takeaways`, `countries`, `organisations`, `people`,
`frameworks`, `themes`, `partnerships`) -> `tables`. This package never
imports Streamlit. See README.md in this folder for every table and column.
"""

from idm_data.build.tables import build_tables, load

__all__ = ["build_tables", "load"]
