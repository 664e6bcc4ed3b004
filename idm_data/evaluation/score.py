"""Precision and recall of the extraction against hand-made gold annotations.

The gold files (`evaluation/gold/*.csv`, see GUIDELINES.md there) locate each
mention by a context string in the raw file; `locate` turns that into
offsets. Mentions match when they are in the same document, name the same
entity and overlap in the text (so "Full Name (ACR)" written as one span or
two counts the same). Takeaways match when the gold start falls in the
predicted first sentence and the gold end in the predicted last sentence.
Explicit partnerships match when the pair is the same and the predicted
sentence contains the gold context.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from idm_data.extract.people import fold
from idm_data.resources import CORPUS_DIR, PACKAGE_DIR

GOLD_DIR = PACKAGE_DIR / "evaluation" / "gold"


class GoldError(ValueError):
    """A gold row that does not point to exactly one place in its document."""


def _occurrences(raw: str, text: str) -> list[int]:
    """Where `text` starts in `raw`, non-overlapping, left to right (as re.finditer finds a literal)."""
    starts, at = [], raw.find(text) if text else -1
    while at != -1:
        starts.append(at)
        at = raw.find(text, at + len(text))
    return starts


def locate(raw: str, context: str, surface: str | None = None, nth: int | None = None) -> tuple[int, int]:
    """(start, end) of `surface` inside the nth occurrence of `context`."""
    starts = _occurrences(raw, context)
    if not starts:
        raise GoldError(f"context not found: {context!r}")
    if nth is None and len(starts) > 1:
        raise GoldError(f"context occurs {len(starts)} times, give nth: {context!r}")
    if (nth or 1) > len(starts):
        raise GoldError(f"context occurs {len(starts)} times, nth={nth}: {context!r}")
    start = starts[(nth or 1) - 1]
    if not surface:
        return start, start + len(context)
    offset = context.find(surface)
    if offset == -1:
        raise GoldError(f"surface {surface!r} not in context {context!r}")
    return start + offset, start + offset + len(surface)


def read_gold(name: str, gold_dir: Path = GOLD_DIR) -> pd.DataFrame:
    frames = [pd.read_csv(p, dtype=str, keep_default_na=False) for p in sorted(Path(gold_dir).glob(name))]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()


def _nth(value: str) -> int | None:
    return int(value) if str(value).strip() else None


def located(gold: pd.DataFrame, corpus_dir: Path = CORPUS_DIR) -> pd.DataFrame:
    """Gold rows with `start`/`end` offsets of their surface."""
    raws: dict[str, str] = {}
    starts, ends = [], []
    for row in gold.itertuples():
        raw = raws.setdefault(row.doc, (Path(corpus_dir) / row.doc).read_text(encoding="utf-8"))
        start, end = locate(raw, row.context, getattr(row, "surface", None), _nth(getattr(row, "nth", "")))
        starts.append(start), ends.append(end)
    return gold.assign(start=starts, end=ends)


def _canonical_index(table: pd.DataFrame, key: str, columns: list[str], entity: str,
                     gold_dir: Path = GOLD_DIR) -> dict[str, str]:
    """Gold name -> id, through the gold's own crosswalk (`names.csv`: the annotators' name for
    an entity the catalogue names otherwise) and the catalogue's canonical names and acronyms.
    Never the extractor's aliases, so a wrong alias cannot score as right."""
    crosswalk = read_gold("names.csv", gold_dir)
    crosswalk = crosswalk[crosswalk["entity"] == entity] if len(crosswalk) else crosswalk
    index = {name.lower(): id_ for name, id_ in zip(crosswalk.get("gold_name", []), crosswalk.get("id", []))}
    curated = table[table["source"] == "gazetteer"] if "source" in table else table  # never a name the extractor found
    for row in curated.to_dict("records"):
        for column in columns:
            value = row.get(column, "")
            if value:
                index.setdefault(value.lower().strip('“”"'), row[key])
    return index


def _hits(gold: pd.DataFrame, pred: pd.DataFrame) -> tuple[set, set]:
    """(index of gold rows matched, index of predicted rows matched): same doc, key, overlap.
    Both frames need a unique index (`_scores` counts hits per document by it)."""
    by_key: dict[tuple, list[tuple[int, int, object]]] = {}
    for index, doc, key, start, end in zip(pred.index, pred["doc"], pred["key"], pred["start"], pred["end"]):
        if not pd.isna(key):  # an unresolved prediction matches nothing
            by_key.setdefault((doc, key), []).append((start, end, index))
    gold_hit, pred_hit = set(), set()
    for index, doc, key, start, end in zip(gold.index, gold["doc"], gold["key"], gold["start"], gold["end"]):
        overlapping = [p for p_start, p_end, p in by_key.get((doc, key), ()) if p_start < end and start < p_end]
        if overlapping:
            gold_hit.add(index)
            pred_hit.update(overlapping)
    return gold_hit, pred_hit


def _scores(entity: str, gold: pd.DataFrame, pred: pd.DataFrame) -> list[dict]:
    gold_hit, pred_hit = _hits(gold, pred)  # a match never crosses documents: once for all of them
    rows = []
    for doc in sorted(set(gold["doc"]) | set(pred["doc"])) + ["all"]:
        g = gold if doc == "all" else gold[gold["doc"] == doc]
        p = pred if doc == "all" else pred[pred["doc"] == doc]
        g_hit, p_hit = len(gold_hit.intersection(g.index)), len(pred_hit.intersection(p.index))
        rows.append({"entity": entity, "doc": doc, "n_gold": len(g), "n_predicted": len(p),
                     "precision": p_hit / len(p) if len(p) else 1.0, "recall": g_hit / len(g) if len(g) else 1.0})
    return rows


def _predicted(mentions: pd.DataFrame, documents: pd.DataFrame, key: str) -> pd.DataFrame:
    files = documents.set_index("doc_id")["file"]
    return pd.DataFrame({"doc": mentions["doc_id"].map(files), "key": mentions[key],
                         "start": mentions["char_start"], "end": mentions["char_end"]})


# entity: (gold file pattern, mention table, its key column)
MENTION_ENTITIES = {
    "countries": ("countries.csv", "country_mentions", "iso3"),
    "organisations": ("organisations*.csv", "organisation_mentions", "org_id"),
    "frameworks": ("frameworks.csv", "framework_mentions", "framework_id"),
    "people": ("people.csv", "people", "surface"),
}
_SUFFIXES = {"jr", "sr"}


def person_key(name: str) -> str:
    """A person's surname as written, without accents, case or possessive: gold and
    extraction may spell the full name differently ("Camacho", "Gómez Camacho")."""
    plain = re.sub(r"'s\b", "", fold(name.replace("’", "'")))
    words = [w for w in re.findall(r"[^\W\d_]+(?:['-][^\W\d_]+)*", plain) if w not in _SUFFIXES]
    return words[-1] if words else plain


def _gold_keys(tables: dict[str, pd.DataFrame], entity: str, gold: pd.DataFrame,
               gold_dir: Path = GOLD_DIR) -> list[str]:
    """The id each gold row names, resolved through the gold's crosswalk and the catalogue's canonical names
    and acronyms, never its aliases (people: the surface, keyed in `mention_sets` like the extraction's)."""
    if entity == "people":
        return list(gold["surface"])
    if entity == "countries":
        return list(gold["iso3"])
    if entity == "organisations":
        index = _canonical_index(tables["organisations"], "org_id", ["name", "acronym"], "organisations", gold_dir)
        return [index.get(n.lower()) or index.get(a.lower()) or n for n, a in zip(gold["name"], gold["acronym"])]
    index = _canonical_index(tables["frameworks"], "framework_id", ["name", "short_name"], "frameworks", gold_dir)
    return [index.get(f.lower()) or f for f in gold["framework"]]


def mention_sets(tables: dict[str, pd.DataFrame], entity: str, gold_dir: Path = GOLD_DIR,
                 corpus_dir: Path = CORPUS_DIR) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Gold and predicted mentions of one entity type, each with doc, key, start, end and surface."""
    pattern, table, key = MENTION_ENTITIES[entity]
    gold = located(read_gold(pattern, gold_dir), corpus_dir)
    gold["key"] = _gold_keys(tables, entity, gold, gold_dir)
    mentions = tables[table]
    pred = _predicted(mentions, tables["documents"], key).assign(surface=mentions["surface"].to_numpy())
    if entity == "people":  # no catalogue of people: both sides are keyed by surname as written
        gold["key"], pred["key"] = gold["key"].map(person_key), pred["key"].map(person_key)
    return gold.reset_index(drop=True), pred.reset_index(drop=True)


def annotated_entities(gold_dir: Path = GOLD_DIR) -> list[str]:
    """The mention types whose gold file is in `gold_dir` (people came later: an older gold folder lacks them)."""
    return [entity for entity, (pattern, _, _) in MENTION_ENTITIES.items() if any(Path(gold_dir).glob(pattern))]


def evaluate_mentions(tables: dict[str, pd.DataFrame], gold_dir: Path = GOLD_DIR, corpus_dir: Path = CORPUS_DIR) -> pd.DataFrame:
    rows = []
    for entity in annotated_entities(gold_dir):
        rows += _scores(entity, *mention_sets(tables, entity, gold_dir, corpus_dir))
    return pd.DataFrame(rows)


def evaluate_takeaways(tables: dict[str, pd.DataFrame], gold_dir: Path = GOLD_DIR, corpus_dir: Path = CORPUS_DIR) -> pd.DataFrame:
    gold = read_gold("takeaways.csv", gold_dir)
    files = tables["documents"].set_index("doc_id")["file"]
    sentences = tables["sentences"].set_index("sentence_id")
    items = pd.concat([tables["takeaways"], tables["actions"]], ignore_index=True)
    items = items.assign(doc=items["doc_id"].map(files))
    rows = []
    for doc in sorted(set(gold["doc"])):
        raw = (Path(corpus_dir) / doc).read_text(encoding="utf-8")
        g, p = gold[gold["doc"] == doc], items[items["doc"] == doc]
        exact = 0
        for row in g.itertuples():
            match = p[(p["kind"] == row.kind) & (p["number"] == int(row.number))]
            if not len(match):
                continue
            first = sentences.loc[match.iloc[0]["first_sentence_id"]]
            last = sentences.loc[match.iloc[0]["last_sentence_id"]]
            start = locate(raw, row.start)[0]
            end = locate(raw, row.end)[1]
            exact += int(first["char_start"] <= start < first["char_end"] and last["char_start"] < end <= last["char_end"])
        rows.append({"entity": "takeaways", "doc": doc, "n_gold": len(g), "n_predicted": len(p),
                     "precision": exact / len(p) if len(p) else 1.0, "recall": exact / len(g) if len(g) else 1.0})
    total_g = sum(r["n_gold"] for r in rows)
    total_p = sum(r["n_predicted"] for r in rows)
    hits = sum(r["recall"] * r["n_gold"] for r in rows)
    rows.append({"entity": "takeaways", "doc": "all", "n_gold": total_g, "n_predicted": total_p,
                 "precision": hits / total_p if total_p else 1.0, "recall": hits / total_g if total_g else 1.0})
    return pd.DataFrame(rows)


def evaluate_partnerships(tables: dict[str, pd.DataFrame], gold_dir: Path = GOLD_DIR, corpus_dir: Path = CORPUS_DIR) -> pd.DataFrame:
    gold = located(read_gold("partnerships.csv", gold_dir), corpus_dir)
    index = _canonical_index(tables["organisations"], "org_id", ["name", "acronym"], "organisations", gold_dir)
    resolve = lambda actor: index.get(actor.lower(), actor)  # noqa: E731 - ISO3 codes resolve to themselves
    gold["key"] = [tuple(sorted((resolve(a), resolve(b)))) for a, b in zip(gold["source"], gold["target"])]
    edges = tables["partnerships"].query("kind == 'explicit'")
    sentences = tables["sentences"].set_index("sentence_id")
    files = tables["documents"].set_index("doc_id")["file"]
    pred = pd.DataFrame({
        "doc": edges["doc_id"].map(files).values,
        "key": [tuple(sorted(k)) for k in zip(edges["source"], edges["target"])],
        "start": edges["sentence_id"].map(sentences["char_start"]).values,
        "end": edges["sentence_id"].map(sentences["char_end"]).values,
    })
    return pd.DataFrame(_scores("partnerships (explicit)", gold, pred))


def evaluate(tables: dict[str, pd.DataFrame], gold_dir: Path = GOLD_DIR, corpus_dir: Path = CORPUS_DIR) -> pd.DataFrame:
    """Precision and recall per entity type and document ('all' = pooled)."""
    parts = [evaluate_mentions(tables, gold_dir, corpus_dir), evaluate_takeaways(tables, gold_dir, corpus_dir),
             evaluate_partnerships(tables, gold_dir, corpus_dir)]
    result = pd.concat(parts, ignore_index=True)
    result["f1"] = (2 * result["precision"] * result["recall"] / (result["precision"] + result["recall"])).fillna(0.0)
    return result


def errors(tables: dict[str, pd.DataFrame], entity: str, gold_dir: Path = GOLD_DIR, corpus_dir: Path = CORPUS_DIR) -> pd.DataFrame:
    """Missed gold mentions and spurious predictions, for curators."""
    gold, pred = mention_sets(tables, entity, gold_dir, corpus_dir)
    gold_hit, pred_hit = _hits(gold, pred)
    out = []
    for error, rows, hit in (("missed", gold, gold_hit), ("spurious", pred, pred_hit)):
        for index, doc, key, surface, start in zip(rows.index, rows["doc"], rows["key"], rows["surface"], rows["start"]):
            if index not in hit:
                out.append({"error": error, "doc": doc, "key": key, "surface": surface, "start": start})
    return pd.DataFrame(out)
