"""Ingest: files in, source documents out.

`files` reads a corpus folder and its manifest safely (each bad file becomes an
error naming it); `convert` turns .pdf and .docx files into text (`pdf_layout`
reads a PDF's paragraphs, headings and bold leads from its layout); `adding`
turns an upload or a file into a new document of a corpus folder (duplicates,
a file lock, atomic writes); `workspace` keeps each visitor's uploads in a
folder of their own; `preview` shows what an upload would yield before it is
saved.
"""
