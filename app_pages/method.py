"""Method and accuracy: how each table is extracted, the curated knowledge it
uses (codebook, gazetteer, frameworks), and how accurate the extraction is
against the hand-made gold annotations (measured when the page runs)."""

from pathlib import Path

import pandas as pd
import streamlit as st

from idm_data.evaluation import report as accuracy
from idm_data.evaluation import themes as theme_eval
from idm_data.views import reference
from idm_data.vocabulary import theme_coding_target
from ui import data, layout, sidebar, url_state
from ui.blocks import scorecards_html, table_html
from ui.escape import markdown_text as escape_markdown

SCROLL_PX = 420  # a long table scrolls past this height, its header in view
SEARCH_KEYS = ("codebook_q", "org_q", "framework_q")  # the curated lists' searches, in the URL


def _table_html(frame: pd.DataFrame, caption: str, height: int | None = None) -> str:
    """A table to read, as HTML: no data grid's script on this page (half a second of a first visit).
    Headers are the column names, as in the downloads; scores to three decimals."""
    formats = {c: ".3f" if pd.api.types.is_float_dtype(frame[c]) else "d"
               for c in frame.columns if pd.api.types.is_numeric_dtype(frame[c])}
    return table_html(frame, {c: c for c in frame.columns}, formats, height=height, caption=caption)


def _table(frame: pd.DataFrame, caption: str, height: int | None = None, container=st) -> None:
    container.html(_table_html(frame, caption, height))


@st.cache_data(show_spinner="Scoring the extraction against the gold annotations…", max_entries=4)
def _report(key: str, gold: str, _tables: dict[str, pd.DataFrame]) -> accuracy.Report:
    return accuracy.report(_tables, Path(gold))


@st.cache_data(show_spinner=False, max_entries=4)
def _scores_shown(key: str, gold: str, _tables: dict[str, pd.DataFrame]) -> dict:
    """The entity scores as the page shows them (built once per corpus: the filters do not apply)."""
    result = _report(key, gold, _tables)
    by_doc = accuracy.per_document(result.scores)
    shown = {"problem": result.problem, "n_documents": by_doc["doc"].nunique()}
    if result.problem:
        return shown
    summary = accuracy.summary(result.scores)
    return shown | {"summary": summary, "by_doc": by_doc, "scorecards": _scorecards(summary),
                    "summary_html": _table_html(summary, "Accuracy per entity type"),
                    "by_doc_html": _table_html(by_doc, "Accuracy per document", SCROLL_PX)}


@st.cache_data(show_spinner="Listing missed and spurious mentions…", max_entries=4)
def _mistakes(key: str, gold: str, _tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    return accuracy.mistakes(_tables, Path(gold))


def _method(sizes: dict[str, int]) -> None:
    st.subheader("How each table is extracted")
    st.caption(f"Figures in this section count the whole corpus: {sizes['n_documents']} document(s), "
               f"{sizes['n_sentences']} sentences.")
    st.markdown(
        f"""
**Parsing and noise cleaning** (`paragraphs`, `sentences`). The documents are plain text converted from the
published PDFs. Repeated page headers ("International Organization for Migration (IOM)", "The UN Migration
Agency", and any short line repeated three times or more) are dropped, paragraphs split by a page break are
rejoined, and Markdown emphasis, headings, `<sup>` tags, bullets and list numbering are removed. Sentences are
split at full stops, except after listed abbreviations (Mr., H.E., e.g. …) and initials. Every clean character
keeps its offset in the original file, so each figure leads back to its sentence. The word count of the clean
text is the denominator of every rate per 1,000 words.

**Takeaways** (`takeaways`, `actions`). A cue paragraph ("I would like to highlight 7 main takeaways:",
"Several key areas of convergence emerged:") opens a list; its items are found in any numbering style
("Takeaway 1 –", "1.", "1)", "- 1)") or, without numbers, as topic paragraphs. An item runs to the next item or
heading. The 2017 summary's ideas for further action are found the same way. {sizes['n_takeaways']} takeaways
and {sizes['n_actions']} actions in the corpus.

**Countries** (`countries`, `country_mentions`). {sizes['n_country_names']} names are matched with word
boundaries: ISO 3166-1 names (pycountry) plus curated short forms, UN-style names and demonyms
(`country_aliases.csv`: "UK", "Republic of Moldova", "Syrian refugees"). Regions and cities are not in the lists;
a country word inside an organisation's proper name ("Abu Dhabi Dialogue") or a listed exclusion ("New Mexico")
is not counted, but a government body's owner ("Ministry of Foreign Affairs of Libya") is.

**Organisations** (`organisations`, `organisation_mentions`). A curated gazetteer of {sizes['n_gazetteer']}
organisations (`organisations.csv`: id, canonical name, acronym, aliases, type) is matched longest first;
"Full Name (ACR)" is one mention of one organisation. Organisations the gazetteer lacks are **discovered** from
"Full Name (ACRONYM)" definitions and from capitalised names ending in an organisational noun ("… Foundation",
"Ministry of …"); they are marked `discovered` for a curator to review ({sizes['n_discovered']} now).

**People** (`people`). Four rules with word lists in `people.yaml`: a name after a title ("Ambassador Jürg
Lauber"), a name followed by an appositive title ("Guy Ryder, Director General, …"), a name after the role it
completes ("the Special Representative … for International Migration, Peter Sutherland") and a name in a list
beside another named person, tied to its body ("…, Maria Pia Belloni Mignatti of the NGO Committee on
Migration"). A full name a rule found is then found again wherever else its document writes it (`method` =
`known name`), and a surname alone is resolved to the full name used elsewhere. People are scored by surname as
written, so "Camacho" and "Gómez Camacho" are the same person. {sizes['n_people']} distinct people.

**Frameworks** (`frameworks`, `framework_mentions`). {sizes['n_frameworks']} normative frameworks with their
aliases (`frameworks.csv`), matched like the gazetteer: the Global Compact in all its names, the 2030 Agenda,
the New York Declaration, the Sendai Framework and others.

**Themes** (`themes`, `theme_mentions`). The codebook (`codebook.yaml`) holds the {sizes['n_gcm_objectives']}
GCM objectives in official order and wording, then {sizes['n_cross_cutting']} cross-cutting themes, with
{sizes['n_phrases']} phrases in all. Text and phrases are tokenised, lower-cased and reduced to **Snowball**
English stems, so "partnerships" and "partnering" match "partnership"; a span counts once per theme.

**Partnerships** (`partnerships`). Every pair of actors (organisations and countries) named in one sentence is
an edge. It is **explicit** ({sizes['n_explicit']} edges) when the clause states that they work together ("a
partnership between A and B", "A works with B", "in partnership with", "joint initiative"), taking an implicit
subject ("they") from the sentence before; otherwise it is a **co-mention** ({sizes['n_co_mention']} edges),
which says only that they were named together.
"""
    )


def _scores_view(all_tables: dict[str, pd.DataFrame], key: str) -> None:
    st.subheader("Accuracy of the entity extraction against hand annotation (in-sample)")
    gold = accuracy.gold_dir()
    shown = _scores_shown(key, str(gold), all_tables)
    st.markdown(
        "**In-sample**: the gazetteers and rules were written from these same documents, so a new document will "
        "score lower until its names are curated. Precision (share of extracted mentions that the annotators also "
        "marked) and recall (share of annotated mentions that were extracted), measured when this page runs, on "
        "the packaged corpus, against gold "
        f"annotations written by hand from its {shown['n_documents'] or 'annotated'} documents (never copied "
        "from the extractor's output; see `idm_data/evaluation/gold/GUIDELINES.md`). Mentions match with **relaxed overlap**: "
        "same document, same entity, overlapping text. A takeaway matches only when it starts and ends in the "
        "right sentences (**exact**); an explicit partnership when the pair is the same and the sentence contains "
        "the annotated words. The sidebar filters do not apply here, and added documents are not scored (they "
        "have no gold)."
    )
    if shown["problem"]:
        st.warning(shown["problem"])
        return
    st.html(shown["scorecards"])
    st.markdown("**Per entity type** (pooled over the annotated documents)")
    st.html(shown["summary_html"])
    layout.download_csv(shown["summary"], "idm-accuracy-by-entity.csv")
    st.markdown("**Per document** (`doc` is the file in `idm_data/corpus/`)")
    st.html(shown["by_doc_html"])
    layout.download_csv(shown["by_doc"], "idm-accuracy-by-document.csv")
    if url_state.toggle("List missed and spurious mentions", "mistakes", container=st):
        _mistakes_view(_mistakes(key, str(gold), all_tables))


def _pooled(scores: pd.DataFrame) -> dict:
    """The row of every objective together ("all")."""
    return scores.set_index("objective").loc["all"].to_dict()


@st.cache_data(show_spinner=False, max_entries=2)
def _theme_figures() -> dict:
    """The held-out theme scores and what the page says of them, built once (no filter applies)."""
    coded, gold = theme_eval.held_out()
    held_out, agreement = theme_eval.held_out_scores(), theme_eval.agreement()
    confusions, settings = theme_eval.confusions(coded, gold), theme_eval.held_out_settings()
    return {"held_out": held_out, "pooled": _pooled(held_out), "kappa": _pooled(agreement)["kappa"],
            "phrase": _pooled(theme_eval.held_out_scores("phrase")),
            "by_session": _pooled(theme_eval.held_out_scores(unit="session")),
            "n_gold": len(theme_eval.read_gold()), "n_adjudicated": len(theme_eval.read_adjudication()),
            "n_documents": len(settings),
            "settings": "; ".join(f"{r.doc_id}: C={r.C}, threshold {r.threshold}" for r in settings.itertuples()),
            "held_out_html": _table_html(held_out, "Theme coding per objective, held-out"),
            "agreement_html": _table_html(agreement, "Agreement of the two gold passes per objective"),
            "confusions_html": _table_html(confusions, "Most frequent mistakes, held-out")}


@st.cache_data(show_spinner=False, max_entries=4)
def _in_sample(key: str, _tables: dict[str, pd.DataFrame]) -> dict:
    return _pooled(theme_eval.in_sample_scores(_tables["theme_mentions"], theme_eval.read_gold()["sentence_id"]))


def _themes_view(all_tables: dict[str, pd.DataFrame], key: str) -> None:
    st.subheader("Accuracy of the theme coding (GCM objectives)")
    figures = _theme_figures()
    target = theme_coding_target()
    pooled, kappa = figures["pooled"], figures["kappa"]
    met = pooled["precision"] >= target["precision"] and pooled["recall"] >= target["recall"]
    st.markdown(
        f"**Held-out** (leave one document out): every document is coded by a coder whose TF-IDF, classifiers, "
        f"regularisation and threshold were all built and chosen from the *other* documents only (two caveats below "
        f"the table; a document from a new session is nearer the stricter leave-one-session-out figure). Gold: every "
        f"one of the {figures['n_gold']} "
        f"sentences coded twice, independently, by the rule in `idm_data/data/codebook_guidelines.md`; the "
        f"{figures['n_adjudicated']} disagreements were adjudicated, each with its reason.")
    cols = st.columns(4)
    cols[0].metric("Precision, held-out", f"{pooled['precision']:.3f}", help=f"{pooled['n_coded']} codings")
    cols[1].metric("Recall, held-out", f"{pooled['recall']:.3f}", help=f"{pooled['n_gold']} gold codings")
    cols[2].metric("F1, held-out", f"{pooled['f1']:.3f}")
    cols[3].metric("Agreement of the two gold passes", f"κ = {kappa:.3f}", help="Cohen's kappa over every "
                   "sentence × objective decision")
    session = figures["by_session"]
    st.caption(f"Target: micro precision ≥ {target['precision']:.2f} and recall ≥ {target['recall']:.2f} over the 23 "
               f"objectives, held-out by document: {'met' if met else 'NOT met'}. Stricter, leaving out a whole "
               f"session (a session's closing remarks and summary share some sentences word for word): precision "
               f"{session['precision']:.3f}, recall {session['recall']:.3f}.")
    st.markdown("**Per objective, held-out** (objectives with at least 5 gold sentences; the rarer ones pooled)")
    st.html(figures["held_out_html"])
    layout.download_csv(figures["held_out"], "idm-theme-coding-heldout.csv")
    phrase = figures["phrase"]
    st.caption(f"Caveats: (1) the codebook's phrases (alone, held-out: precision {phrase['precision']:.3f}, recall "
               f"{phrase['recall']:.3f}) were written from the Compact's wording by people who had read these "
               "documents, and they are features of the learned coder too, so their share of the figure is not "
               "strictly held-out; (2) near copies of some sentences sit in two documents of one session — the "
               "leave-one-session-out figure above takes them out.")
    left, right = st.columns(2)
    with left:
        st.markdown("**Agreement of the two gold passes** (Cohen's kappa per objective)")
        st.html(figures["agreement_html"])
    with right:
        st.markdown("**Most frequent mistakes, held-out** (gold objective, coded instead)")
        st.html(figures["confusions_html"])
    row = _in_sample(key, all_tables)
    st.caption(f"In-sample, for comparison only: the shipped coder (trained on all {figures['n_documents']} documents) "
               f"coding those same "
               f"documents scores precision {row['precision']:.3f}, recall {row['recall']:.3f}; this is not a "
               "measure of accuracy. Settings chosen per held-out document: "
               + figures["settings"]
               + ".")


def _scorecards(summary: pd.DataFrame) -> str:
    """Precision and recall of each entity type, with its counts, target and verdict, in one block."""
    cards = []
    for row in summary.itertuples():
        target = ("no target" if pd.isna(row.target_recall)
                  else f"target: precision ≥ {row.target_precision:.2f}, recall ≥ {row.target_recall:.2f}")
        verdict = {"yes": "met", "no": "NOT met"}.get(row.meets_target, "")
        cards.append((row.entity.capitalize(), {"Precision, in-sample": f"{row.precision:.3f}",
                                                  "Recall, in-sample": f"{row.recall:.3f}"},
                      f"{target}{': ' + verdict if verdict else ''} ({row.n_predicted} extracted, {row.n_gold} annotated)"))
    return scorecards_html(cards)


def _mistakes_view(found: pd.DataFrame) -> None:
    if found.empty:
        st.success("No missed or spurious country, organisation or framework mention.")
        return
    _table(found, "Missed and spurious mentions", SCROLL_PX)
    st.caption("`start` is the offset in the file; `key` the ISO3, org_id or framework_id.")
    layout.download_csv(found, "idm-accuracy-mistakes.csv")


def _browsable(title: str, frame: pd.DataFrame, key: str, file_name: str, container) -> None:
    """A searchable table with a download of exactly the rows shown."""
    query = url_state.text(f"Search the {title}", key, container=container,
                           placeholder="Any word or id, e.g. labour")
    shown = reference.search(frame, query)
    if shown.empty:
        container.info(f"No row of the {title} contains '{escape_markdown(query)}'.")
        return
    container.caption(f"{len(shown)} of {len(frame)} rows. n_mentions and n_documents count the mentions with the "
                      "sidebar's filters.")
    _table(shown, f"The {title}", SCROLL_PX, container)
    with container:
        layout.download_csv(shown, file_name, key=f"download-{key}")


def _knowledge(tables: dict[str, pd.DataFrame]) -> None:
    st.subheader("The curated knowledge")
    st.markdown("The lists the extractors match, as data files in `idm_data/data/`: fix a name by editing the "
                "table, not the code.")
    if tables["documents"].empty:
        layout.no_data("the mention counts")
    searched = any(st.query_params.get(key) for key in SEARCH_KEYS)  # a shared link with a search opens them
    with layout.drawn_when_open("The codebook, the gazetteer and the frameworks list", "knowledge-tables",
                                expanded=searched) as is_open:
        if not is_open:  # 300 rows of HTML on every run otherwise
            return
        themes_tab, orgs_tab, frameworks_tab = st.tabs(["Theme codebook", "Organisation gazetteer", "Frameworks"])
        _browsable("codebook", reference.codebook(tables), "codebook_q", "idm-theme-codebook.csv", themes_tab)
        _browsable("gazetteer", reference.gazetteer(tables), "org_q", "idm-organisation-gazetteer.csv", orgs_tab)
        _browsable("frameworks list", reference.framework_list(tables), "framework_q", "idm-frameworks.csv",
                   frameworks_tab)


def _load_errors(all_tables: dict[str, pd.DataFrame]) -> None:
    st.subheader("Files that could not be read")
    errors = all_tables["load_errors"]
    if errors.empty:
        st.caption("Every file of the corpus folders was read.")
        return
    _table(errors, "Files that could not be read")
    layout.download_csv(errors, "idm-load-errors.csv")


PAGE_KEYS = (*SEARCH_KEYS, "mistakes")
all_tables, chosen, tables = sidebar.setup(PAGE_KEYS)

st.title("Method and accuracy")
st.markdown("How each table is built from the texts, the curated lists it relies on, and how accurate the "
            "extraction is, measured against annotations made by hand.")
_method(data.derived(reference.knowledge_sizes, None))
key = data.corpus()[0]  # the memoised key every page uses
_themes_view(all_tables, key)
_scores_view(all_tables, key)
_knowledge(tables)
_load_errors(all_tables)
sidebar.link_to_view(chosen, extra={k: st.query_params.get(k, "") for k in PAGE_KEYS}, title="Method and accuracy")
layout.footer(chosen)
