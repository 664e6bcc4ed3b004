"""Ingest: files in, source documents out.

`files` reads a corpus folder and its manifest safely (each bad file becomes an
error naming it); `adding` turns an upload or a file into a new document of a
corpus folder (conversion, duplicates, atomic writes); `preview` shows what an
upload would yield before it is saved.
"""
