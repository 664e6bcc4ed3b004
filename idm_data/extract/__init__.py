"""Extract: parsed sentences in, rows of mentions out, one module per entity type.

`document.extract_document` runs them all over one source document and returns
plain row dicts for every table; `facts` infers a document's session facts from
its text where the manifest is silent.
"""
