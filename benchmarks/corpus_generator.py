"""Synthetic IDM corpora of any size, varied from the five real documents.

Owns the making of benchmark corpora: `generate(out_dir, n, seed)` writes n
documents and a `manifest.csv` into a folder (other files already there are
left alone). Sessions are renamed idm-YYYY-K across 2001..2030 (K numbers a
year's sessions by date), each with closing remarks and a summary of
conclusions (an odd n leaves the last session with closing remarks only);
dates and venues vary (venues from `idm_data/data/venues.csv`). A document's
text is a real document with its title block rewritten to the new date and
venue and the paragraphs of its introduction shuffled; the takeaway lists and
everything after them stay as written, so the extractors meet realistic text.
The same seed gives byte-identical corpora. Does not build tables: that is
`idm_data`.

    python -m benchmarks.corpus_generator 100 /tmp/idm-100 --seed 7
"""

from __future__ import annotations

import argparse
import random
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from idm_data.ingest.files import MANIFEST, MANIFEST_COLUMNS, SourceDocument, read_corpus
from idm_data.resources import CORPUS_DIR, load_csv
from idm_data.text.parse import text_rules

FIRST_YEAR, LAST_YEAR = 2001, 2030
DOC_TYPES = ("closing_remarks", "summary_of_conclusions")
HEAD_MIN_PROSE = 200  # characters: the first full paragraph this long ends the title block
TITLE_YEAR = re.compile(r"(Dialogue on Migration\W+)201[78]\b")
_MONTHS = ("January February March April May June July August September October November December").split()
_DATE = re.compile(r"(\d{1,2})(?:<sup>\w+</sup>|st|nd|rd|th)?(?:(\s*(?:–|-|and|to)\s*)(\d{1,2}))?\s+("
                   + "|".join(_MONTHS) + r")(,?\s+\d{4})?")
_TERMINAL = tuple('.!?:"”’)]')
# invented partners for `new_actors`: a name per session, so the network grows with the corpus
_NAME_WORDS = ("Aurora", "Baobab", "Cedar", "Delta", "Ember", "Fjord", "Granite", "Harbour", "Indigo", "Juniper",
               "Kestrel", "Lantern", "Meridian", "Nimbus", "Orchard", "Pinnacle", "Quartz", "Riverside", "Sierra", "Tamarind")
_HEADS = ("Foundation", "Institute", "Network", "Association", "Coalition")
_PARTNERS = ("Kenya", "Mexico", "Nepal", "Jordan", "Senegal", "Colombia", "Morocco", "Bangladesh", "Ecuador", "Ghana")


@dataclass(frozen=True)
class Session:
    session_id: str
    year: int
    number: int
    start: tuple[int, int]  # (month, first day); sessions last two days
    venue: dict


def _chunks(raw: str) -> list[str]:
    """Blank-line separated chunks, as the parser will see them."""
    return [c for c in re.split(r"\n[ \t]*\n\s*", raw.strip("\n")) if c.strip()]


def _plain(chunk: str) -> str:
    return re.sub(r"[*#]+|<[^>]+>", "", chunk).strip()


def _units(chunks: list[str]) -> list[list[str]]:
    """Chunks grouped so a paragraph cut by a page break (or a page header
    before it) moves as one piece."""
    units: list[list[str]] = []
    for chunk in chunks:
        text = _plain(chunk)
        if units and (not _plain(units[-1][-1]).endswith(_TERMINAL) or text[:1].islower()):
            units[-1].append(chunk)
        else:
            units.append([chunk])
    return units


def _is_prose(chunk: str) -> bool:
    text = _plain(chunk)
    return len(text) >= HEAD_MIN_PROSE and text.endswith(_TERMINAL)


def _has_cue(unit: list[str]) -> bool:
    text = " ".join(unit).lower()
    return any(re.search(rf"\b{re.escape(c)}\b", text) for c in text_rules()["takeaway_cues"])


def split_document(raw: str) -> tuple[list[str], list[list[str]], list[list[str]]]:
    """(title block chunks, movable intro units, fixed rest units)."""
    chunks = _chunks(raw)
    head_end = next((i for i, c in enumerate(chunks) if _is_prose(c)), len(chunks))
    units = _units(chunks[head_end:])
    cue = next((i for i, u in enumerate(units) if _has_cue(u)), len(units))
    return chunks[:head_end], units[:cue], units[cue:]


def _new_date(match: re.Match, session: Session) -> str:
    month, day = session.start
    name = _MONTHS[month - 1]
    year = f"{match.group(5)[:-4]}{session.year}" if match.group(5) else ""
    if match.group(3):
        return f"{day}{match.group(2)}{day + 1} {name}{year}"
    return f"{day + 1} {name}{year}"


def _venue_pattern() -> re.Pattern:
    table = load_csv("venues.csv")
    names = sorted(set(table["pattern"]) | set(table["venue"]), key=len, reverse=True)
    cities = "|".join(map(re.escape, sorted(set(table["city"]))))
    return re.compile(rf"(?:{'|'.join(map(re.escape, names))})(?:,\s*(?:{cities}))?")


def rewrite_head(head: list[str], session: Session) -> list[str]:
    """The title block with the session's date, year and venue."""
    text = "\n\n".join(head)
    text = _DATE.sub(lambda m: _new_date(m, session), text, count=1)
    text = TITLE_YEAR.sub(rf"\g<1>{session.year}", text)
    text = _venue_pattern().sub(session.venue["venue"], text, count=1)
    return [text]


def new_actor_paragraph(session: Session, rng: random.Random) -> str:
    """A sentence naming an organisation of this session's own and its partner country."""
    name = f"{rng.choice(_NAME_WORDS)} {rng.choice(_NAME_WORDS)} {rng.choice(_HEADS)}"
    return f"The {name} works closely with {rng.choice(_PARTNERS)} on safe and regular pathways for migrant workers."


def vary_text(raw: str, session: Session, rng: random.Random, extra: list[str] = ()) -> str:
    """A real document moved to `session`, its introduction shuffled (with
    `extra` paragraphs among it)."""
    head, movable, fixed = split_document(raw)
    movable += [[paragraph] for paragraph in extra]
    rng.shuffle(movable)
    pieces = rewrite_head(head, session) + [c for unit in movable + fixed for c in unit]
    return "\n\n".join(pieces) + "\n"


def plan_sessions(n_sessions: int, rng: random.Random) -> list[Session]:
    """Sessions spread evenly over the years, numbered by date within a year."""
    venues = load_csv("venues.csv").drop_duplicates("venue").to_dict("records")
    years = [FIRST_YEAR + s * (LAST_YEAR - FIRST_YEAR + 1) // n_sessions for s in range(n_sessions)]
    starts = [(rng.randint(1, 12), rng.randint(1, 27)) for _ in years]
    sessions = []
    for year in sorted(set(years)):
        dates = sorted(start for y, start in zip(years, starts) if y == year)
        for number, start in enumerate(dates, start=1):
            sessions.append(Session(f"idm-{year}-{number}", year, number, start, rng.choice(venues)))
    return sessions


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _manifest_row(file: str, source: SourceDocument, session: Session, theme: str) -> dict:
    month, day = session.start
    doc_type = source.manifest["doc_type"]
    name = f"IDM {session.year}, session {session.number}"
    return {**{k: source.manifest.get(k, "") for k in ("speaker", "speaker_title", "speaker_affiliation")},
            "file": file, "session_id": session.session_id, "doc_type": doc_type,
            "title": f"{doc_type.replace('_', ' ').capitalize()}, {name}", "year": str(session.year),
            "start_date": f"{session.year}-{month:02d}-{day:02d}", "end_date": f"{session.year}-{month:02d}-{day + 1:02d}",
            "city": session.venue["city"], "venue": session.venue["venue"], "session_name": name, "theme": theme}


def _sources() -> dict[str, list[SourceDocument]]:
    found, _ = read_corpus(CORPUS_DIR)
    return {kind: [s for s in found if s.manifest.get("doc_type") == kind] for kind in DOC_TYPES}


def generate(out_dir: Path | str, n: int, seed: int = 0, new_actors: bool = False) -> pd.DataFrame:
    """Write n documents and their manifest.csv into `out_dir`; return the manifest.

    With `new_actors`, each session's closing remarks also name an invented
    organisation working with a country: the real documents name the same
    ~100 actors however many copies there are, and the network page's node
    cap needs more to be tested."""
    rng, sources, out = random.Random(seed), _sources(), Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    rows = []
    for s, session in enumerate(plan_sessions((n + 1) // 2, rng)):
        closing = rng.choice(sources["closing_remarks"])
        for kind in DOC_TYPES[:min(2, n - 2 * s)]:
            source = closing if kind == "closing_remarks" else rng.choice(sources[kind])
            file = f"{session.session_id}-{_slug(session.venue['city'])}_{_slug(kind)}.txt"
            extra = [new_actor_paragraph(session, rng)] if new_actors and kind == "closing_remarks" else []
            (out / file).write_text(vary_text(source.raw, session, rng, extra), encoding="utf-8")
            rows.append(_manifest_row(file, source, session, closing.manifest["theme"]))
    manifest = pd.DataFrame(rows, columns=MANIFEST_COLUMNS)
    manifest.to_csv(out / MANIFEST, index=False)
    return manifest


def main() -> None:
    parser = argparse.ArgumentParser(description="Write a synthetic IDM corpus.")
    parser.add_argument("n", type=int, help="number of documents")
    parser.add_argument("out", type=Path, help="folder to write (created if missing)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--new-actors", action="store_true", help="name an invented organisation per session")
    args = parser.parse_args()
    manifest = generate(args.out, args.n, args.seed, args.new_actors)
    print(f"{len(manifest)} documents, {manifest['session_id'].nunique()} sessions -> {args.out}")


if __name__ == "__main__":
    main()
