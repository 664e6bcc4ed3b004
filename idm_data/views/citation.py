""""Cite this view": a reference to one view of the atlas, ready to paste.

A view is a page with its filters, reopened by its link. The citation names
it (page and filters, by their readable labels), gives the link, the access
date and the theme codebook version the counts depend on, and credits the
source texts. Two forms: a plain line of text and a BibTeX entry. Labels are
stored strings (hostile): the plain form keeps them verbatim on one line (it
is shown as code, never as Markdown), the BibTeX form escapes TeX's special
characters so no field can close its braces. Pure functions; the sidebar
draws them (`ui.layout.cite_view`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from urllib.parse import quote, urlsplit

from idm_data.resources import load_yaml
from idm_data.views.filters import Filters, Vocabulary

_SPACE = re.compile(r"[\s\x00-\x1f\x7f]+")
_TEX_SPECIAL = re.compile(r"([\\{}%&$#_^~])")
_TEX_REPLACEMENT = {"\\": r"\textbackslash{}", "^": r"\textasciicircum{}", "~": r"\textasciitilde{}"}


@dataclass(frozen=True)
class Citation:
    title: str  # the page and its filters, e.g. "Countries; sessions: IDM 2017, first workshop"
    url: str  # the link that reopens the view ("" when unknown)
    accessed: date
    codebook_version: str


def one_line(text: object) -> str:
    """Whitespace and control characters collapsed to single spaces."""
    return _SPACE.sub(" ", str(text)).strip()


def page_title_from_path(path: str) -> str:
    """A page's name from its URL path ("/countries" -> "Countries"; the root is the overview)."""
    name = urlsplit(path).path.strip("/").rsplit("/", 1)[-1]
    return name.replace("_", " ").replace("-", " ").capitalize() if name else "Overview"


def view_title(page: str, chosen: Filters, vocabulary: Vocabulary) -> str:
    """The page, then each filter in force by its readable labels."""
    parts = [one_line(page)]
    for noun, ids, labels in (("sessions", chosen.sessions, vocabulary.sessions),
                              ("themes", chosen.themes, vocabulary.themes),
                              ("document types", chosen.doc_types, vocabulary.doc_types)):
        if ids:
            parts.append(f"{noun}: " + "; ".join(one_line(labels.get(i, i)) for i in ids))
    return " — ".join(parts)


def _publication() -> dict:
    return load_yaml("publication.yaml")


def plain_text(cited: Citation) -> str:
    """One line, to paste into a text: who, what, version, source, link, access date."""
    about = _publication()
    link = f" {safe_url(cited.url)}" if cited.url else ""
    return (f"{about['title']} ({cited.accessed.year}). {one_line(cited.title).rstrip('.')}. Theme codebook version "
            f"{cited.codebook_version}. Texts: {about['source_name']}, {about['source_url']}.{link} "
            f"(accessed {cited.accessed.day} {cited.accessed:%B %Y}).")


def tex_text(text: object) -> str:
    """Text for a BibTeX field: TeX's special characters escaped, on one line."""
    return _TEX_SPECIAL.sub(lambda m: _TEX_REPLACEMENT.get(m.group(1), "\\" + m.group(1)), one_line(text))


def safe_url(url: str) -> str:
    """The link with anything that is not a URL character percent-encoded (no spaces, braces or quotes)."""
    return quote(one_line(url), safe=":/?&=%#@+,;!$'()*[]~.-_")


def bibtex(cited: Citation) -> str:
    """A @misc entry (biblatex's url and urldate fields)."""
    about = _publication()
    key = "idmatlas" + cited.accessed.strftime("%Y%m%d")
    fields = {"author": "{" + tex_text(about["title"]) + "}", "title": "{" + tex_text(cited.title) + "}",
              "year": str(cited.accessed.year), "url": safe_url(cited.url),
              "urldate": cited.accessed.isoformat(),
              "note": tex_text(f"Theme codebook version {cited.codebook_version}. Texts: {about['source_name']}, "
                               f"{about['source_url']}")}
    lines = [f"  {name} = {{{value}}}," for name, value in fields.items() if value]
    return "@misc{" + key + ",\n" + "\n".join(lines) + "\n}"
