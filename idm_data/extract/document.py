"""One document -> rows of every table, each row pointing to its sentence.

`extract_document` runs the parsers and extractors over one source document
and returns plain lists of row dicts; `tables` concatenates them. Keeping a
document's work in one pure function lets the build run documents in
parallel.
"""

from __future__ import annotations

import re
from functools import lru_cache

from idm_data.extract import countries, frameworks, organisations, people, takeaways, theme_model, themes
from idm_data.extract.facts import infer_facts
from idm_data.extract.partnerships import Actor, edge_rows
from idm_data.ingest.files import SourceDocument
from idm_data.resources import load_yaml
from idm_data.text.parse import Paragraph, Sentence, count_words, parse_document
from idm_data.text.spans import overlaps

def sentence_id(doc_id: str, s: Sentence) -> str:
    return f"{doc_id}.p{s.paragraph_no:03d}.s{s.sentence_no:02d}"


def _offsets(s: Sentence, start: int, end: int) -> dict:
    return {"char_start": s.offsets[start], "char_end": s.offsets[end - 1] + 1,
            "sentence_start": start, "sentence_end": end}


def document_facts(source: SourceDocument, paragraphs: list[Paragraph]) -> dict:
    """Manifest facts, completed from the text where the manifest is silent."""
    inferred = infer_facts(source.file, paragraphs)
    facts = {k: v for k, v in source.manifest.items() if v}
    facts["facts_source"] = "manifest" if source.manifest else "inferred"
    for key, value in inferred.items():
        facts.setdefault(key, value)
    if not facts.get("title"):
        kind = facts.get("doc_type", "").replace("_", " ")
        facts["title"] = f"{kind.capitalize() or 'Document'}, {facts.get('session_id') or source.file}"
    return facts


@lru_cache(maxsize=1)
def _figure_rules() -> dict:
    return {k: [re.compile(p, re.I) for p in v] for k, v in load_yaml("figures.yaml").items()}


def _figures(doc_id: str, session_id: str, sentences: list[Sentence]) -> list[dict]:
    rows = []
    sentences = [s for s in sentences if any(c.isdigit() for c in s.text)]  # every figure is written in digits
    for figure, patterns in _figure_rules().items():
        for s in sentences:
            match = next((m for p in patterns for m in [p.search(s.text)] if m), None)
            if match:
                rows.append({"session_id": session_id, "figure": figure,
                             "value": int(match.group("value").replace(",", "")),
                             "qualifier": (match.groupdict().get("qualifier") or "").strip(),
                             "doc_id": doc_id, "sentence_id": sentence_id(doc_id, s), "quote": match.group(0).strip()})
                break
    return rows


def _item_rows(doc_id: str, session_id: str, items: list[takeaways.Item], prefix: str) -> list[dict]:
    rows = []
    for item in items:
        sentences = item.sentences
        if not sentences:
            continue
        ids = [sentence_id(doc_id, s) for s in sentences]
        rows.append({
            f"{prefix}_id": f"{doc_id}.{prefix[0]}{item.number:02d}", "doc_id": doc_id, "session_id": session_id,
            "kind": item.kind, "number": item.number, "title": item.title,
            "text": " ".join(s.text for s in sentences), "sentence_ids": ";".join(ids),
            "first_sentence_id": ids[0], "last_sentence_id": ids[-1], "n_sentences": len(ids),
            "char_start": sentences[0].char_start, "char_end": sentences[-1].char_end,
        })
    return rows


def extract_document(source: SourceDocument, learned: bool = True) -> dict[str, list[dict]]:
    """Every table's rows for one document (`learned=False`: GCM objectives from the
    codebook's phrases only, as the coder's training reads them)."""
    doc_id = source.doc_id
    paragraphs = parse_document(source.raw)
    facts = document_facts(source, paragraphs)
    session_id = facts.get("session_id", "")
    sentences = [s for p in paragraphs for s in p.sentences]
    found_takeaways, found_actions = takeaways.find_items(paragraphs)
    discovered = organisations.discover_in_document([s.text for s in sentences])
    surfaces = organisations.discovered_surfaces(discovered)

    out: dict[str, list[dict]] = {k: [] for k in (
        "paragraphs", "sentences", "country_mentions", "organisation_mentions", "framework_mentions",
        "theme_mentions", "people_mentions", "partnerships", "session_figures")}
    for p in paragraphs:
        out["paragraphs"].append({"doc_id": doc_id, "paragraph_no": p.paragraph_no, "text": p.text,
                                  "char_start": p.char_start, "char_end": p.char_end, "is_heading": p.is_heading})
    context: list[Actor] = []
    bases = []
    for s in sentences:
        sid = sentence_id(doc_id, s)
        base = {"doc_id": doc_id, "session_id": session_id, "sentence_id": sid}
        bases.append((s, base))
        out["sentences"].append({**base, "paragraph_no": s.paragraph_no, "sentence_no": s.sentence_no,
                                 "text": s.text, "char_start": s.char_start, "char_end": s.char_end,
                                 "n_words": count_words(s.text)})
        actors = _sentence_mentions(out, base, s, surfaces, discovered)
        for edge in edge_rows(s.text, actors, context):
            out["partnerships"].append({**base, **edge})
        context = actors or context
    _repeated_people(out, bases)
    _code_objectives(out, bases, theme_model.shipped_model() if learned else None)
    out["session_figures"] = _figures(doc_id, session_id, sentences)
    document = {
        "doc_id": doc_id, "file": source.file, "session_id": session_id,
        "doc_type": facts.get("doc_type", ""), "title": facts.get("title", ""),
        "speaker": facts.get("speaker", ""), "speaker_title": facts.get("speaker_title", ""),
        "speaker_affiliation": facts.get("speaker_affiliation", ""),
        "n_words": sum(count_words(s.text) for s in sentences), "n_paragraphs": len(paragraphs),
        "n_sentences": len(sentences), "n_takeaways": len(found_takeaways),
        "n_takeaways_announced": takeaways.announced_count(paragraphs), "n_actions": len(found_actions),
        "facts_source": facts["facts_source"], "sha256": source.sha256,
    }
    session = {k: facts.get(k, "") for k in ("session_id", "session_name", "year", "start_date", "end_date", "city", "venue", "theme")}
    out.update({
        "documents": [document], "session_facts": [session],
        "takeaways": _item_rows(doc_id, session_id, found_takeaways, "takeaway"),
        "actions": _item_rows(doc_id, session_id, found_actions, "action"),
        "discovered_organisations": discovered.assign(doc_id=doc_id).to_dict("records"),
    })
    return out


@lru_cache(maxsize=1)
def _org_facts() -> dict[str, dict]:
    return organisations.gazetteer().set_index("org_id")[["name", "org_type"]].to_dict("index")


def _org_fact(org_id: str, discovered_table, field: str) -> str:
    fact = _org_facts().get(org_id)
    if fact:
        return fact[field]
    row = discovered_table.loc[discovered_table["org_id"] == org_id]
    return row[field].iloc[0] if len(row) else ""


def _sentence_mentions(out: dict, base: dict, s: Sentence, discovered: dict[str, str], table) -> list[Actor]:
    """Add the sentence's mentions to `out`; return its actors."""
    text = s.text
    orgs = organisations.find_organisations(text, discovered)
    blocked = [(m.start, m.end) for m in orgs if _org_fact(m.org_id, table, "org_type") != "government"]
    found_countries = countries.find_countries(text, blocked)
    for m in orgs:
        out["organisation_mentions"].append({**base, "org_id": m.org_id, "surface": m.surface,
                                             "method": m.method, **_offsets(s, m.start, m.end)})
    for m in found_countries:
        out["country_mentions"].append({**base, "iso3": m.key, "country": countries.country_name(m.key),
                                        "surface": m.surface, "method": countries.method_for(m.surface),
                                        **_offsets(s, m.start, m.end)})
    found_frameworks = frameworks.find_frameworks(text)
    for m in found_frameworks:
        out["framework_mentions"].append({**base, "framework_id": m.key, "surface": m.surface,
                                          "method": "gazetteer", **_offsets(s, m.start, m.end)})
    names = [(m.start, m.end) for m in orgs] + [(m.start, m.end) for m in found_frameworks]
    for m in themes.find_themes(text, names):
        out["theme_mentions"].append({**base, "theme_id": m.theme_id, "matched": m.matched,
                                      "method": "phrase", **_offsets(s, m.start, m.end)})
    named = [(m.start, m.end) for m in orgs] + [(m.start, m.end) for m in found_countries]
    for m in people.find_people(text):
        if overlaps(m.start, m.end, named):
            continue  # "Director General, Food and Agriculture Organization" names no person
        out["people_mentions"].append({**base, "name": m.name, "title": _title(m.title, discovered),
                                       "affiliation": _affiliation(m.affiliation_text, discovered),
                                       "surface": text[m.start:m.end], "method": "rule",
                                       **_offsets(s, m.start, m.end)})
    actors = [Actor(m.start, m.end, m.org_id, _org_fact(m.org_id, table, "org_type"), _org_fact(m.org_id, table, "name"))
              for m in orgs]
    actors += [Actor(m.start, m.end, m.key, "country", countries.country_name(m.key)) for m in found_countries]
    return sorted(actors, key=lambda a: a.start)


def _repeated_people(out: dict, bases: list[tuple[Sentence, dict]]) -> None:
    """Add the other mentions of full names the rules found in this document."""
    # only names a rule tied to a title or a body: a rule's stray match is not repeated through the document
    pattern = people.known_names({row["name"] for row in out["people_mentions"] if row["title"] or row["affiliation"]})
    if pattern is None:
        return
    taken: dict[str, list[tuple[int, int]]] = {}
    for table in ("people_mentions", "organisation_mentions", "country_mentions"):
        for row in out[table]:
            taken.setdefault(row["sentence_id"], []).append((row["sentence_start"], row["sentence_end"]))
    for s, base in bases:
        for m in people.find_known(s.text, pattern, taken.get(base["sentence_id"], [])):
            out["people_mentions"].append({**base, "name": m.name, "title": "", "affiliation": "", "surface": m.name,
                                           "method": "known name", **_offsets(s, m.start, m.end)})
    out["people_mentions"].sort(key=lambda row: row["char_start"])


def _code_objectives(out: dict, bases: list[tuple[Sentence, dict]], model: theme_model.ThemeModel | None) -> None:
    """GCM objectives of the document's sentences: the phrase matches of a codable sentence
    (with the model's score of that objective) and the objectives only the model finds
    (their most weighty words as `matched`). Cross-cutting themes stay as matched."""
    objectives = set(themes.objective_ids())
    by_sentence: dict[str, list[dict]] = {}
    for row in out["theme_mentions"]:
        by_sentence.setdefault(row["sentence_id"], []).append(row)
    for s, base in bases:  # a heading, a garbled line or another language carries no objective
        if not theme_model.codable(s.text):
            own = by_sentence.get(base["sentence_id"], [])
            by_sentence[base["sentence_id"]] = [row for row in own if row["theme_id"] not in objectives]
    texts = [s.text for s, _ in bases]
    found = [{row["theme_id"] for row in by_sentence.get(base["sentence_id"], [])} for _, base in bases]
    codings = (theme_model.code_document(model, texts, [s.paragraph_no for s, _ in bases], found)
               if model else [[] for _ in bases])
    rows = []
    for (s, base), sentence_codings in zip(bases, codings):
        own = by_sentence.get(base["sentence_id"], [])
        scores = {c.theme_id: c.score for c in sentence_codings}
        rows += [{**row, "score": scores.get(row["theme_id"])} for row in own]
        phrased = {row["theme_id"] for row in own}
        for coding in sentence_codings:
            if coding.theme_id not in phrased:
                start, end = _first_span(s.text, coding.words)
                rows.append({**base, "theme_id": coding.theme_id, "matched": "; ".join(coding.words),
                             "method": "model", "score": coding.score, **_offsets(s, start, end)})
    out["theme_mentions"] = rows


def _first_span(text: str, words: tuple[str, ...]) -> tuple[int, int]:
    """Where the weightiest of `words` occurs in `text` (the whole sentence if none does)."""
    for word in words:
        found = re.search(r"(?<!\w)" + r"\W+".join(map(re.escape, word.split())) + r"(?!\w)", text, re.I)
        if found:
            return found.start(), found.end()
    return 0, len(text)


def _title(title: str, discovered: dict[str, str]) -> str:
    """The title alone: honorifics dropped, cut before the first organisation."""
    title = title.strip()
    if title in people.honorifics():
        return ""
    orgs = organisations.find_organisations(title, discovered)
    if orgs and orgs[0].start > 0:
        title = title[:orgs[0].start]
    title = re.sub(r"^(?:(?:His|Her) Excellency\s+|H\.E\.\s+|the\s+|The\s+)+", "", title)
    return re.sub(r"(?:\s+(?:of|at|in|for|to)(?:\s+the)?|,)\s*$", "", title.strip()).strip()


def _affiliation(text: str, discovered: dict[str, str]) -> str:
    """Organisations named in an appositive, else its countries, else nothing."""
    names = []
    for m in organisations.find_organisations(text, discovered):
        name = _org_facts().get(m.org_id, {}).get("name", m.surface)
        if name not in names:
            names.append(name)
    if not names:
        names = list(dict.fromkeys(countries.country_name(m.key) for m in countries.find_countries(text)))
    return "; ".join(names)
