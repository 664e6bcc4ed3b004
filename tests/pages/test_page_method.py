"""The Method and accuracy page (AppTest) and its helpers (idm_data.accuracy,
idm_data.reference): the precision and recall shown are evaluate()'s, the
curated lists are searchable, and a missing gold folder is said, not raised."""

from __future__ import annotations

import re
import shutil
from html import unescape
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from apptest_helpers import as_read, as_shown, html_tables, run_page

import idm_data
from idm_data.evaluation import report as accuracy
from idm_data.evaluation import score as evaluation
from idm_data.ingest import adding as ingest
from idm_data.ingest.files import content_hash
from idm_data.resources import CORPUS_DIR
from idm_data.views import filters as f
from idm_data.views import reference

PAGE = Path(__file__).resolve().parents[2] / "app_pages" / "method.py"
GENEVA = "idm-2017-2-geneva_closing-remarks.txt"


@pytest.fixture(scope="module")
def packaged():
    return idm_data.load(CORPUS_DIR)


@pytest.fixture(scope="module")
def expected(packaged) -> pd.DataFrame:
    """The scores computed directly, without the page or its helpers."""
    return evaluation.evaluate(packaged)


@pytest.fixture(autouse=True)
def no_added_documents(tmp_path, monkeypatch):
    monkeypatch.setenv("IDM_ATLAS_ADDED", str(tmp_path / "added"))
    monkeypatch.delenv("IDM_ATLAS_GOLD", raising=False)
    return tmp_path / "added"


def run(**params) -> AppTest:
    return run_page(str(PAGE), **params)


def run_open(**params) -> AppTest:
    """The page with the curated lists' tables opened."""
    at = AppTest.from_file(str(PAGE), default_timeout=60)
    at.session_state["knowledge-tables"] = True
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, at.exception
    return at


def frame(at: AppTest, first_column: str, contains: str | None = None) -> pd.DataFrame:
    """The first table shown whose first column is `first_column`, as the reader sees it (text)."""
    for table in html_tables(at):
        if len(table.columns) and table.columns[0] == first_column and (contains is None or contains in table.columns):
            return table
    raise AssertionError(f"no table starting with {first_column}")


def test_no_data_grid_on_the_page():
    """Every table is HTML: the data grid's script would cost half a second of a first visit."""
    at = run_open(mistakes="1")
    assert not at.dataframe and len(html_tables(at)) >= 8


def test_the_curated_lists_wait_for_their_expander_unless_a_link_searches_them():
    closed = run()
    assert "The codebook, the gazetteer and the frameworks list" in [e.label for e in closed.expander]
    assert not [table for table in html_tables(closed) if table.columns[0] in ("theme_id", "org_id", "framework_id")]
    assert "org_id" in [table.columns[0] for table in html_tables(run(org_q="labour"))]


# ---------------------------------------------------------------- accuracy shown

SCORECARD = re.compile(r'<section class="idm-scorecard" aria-label="[^"]*"><p class="idm-scorecard-title">([^<]*)</p>'
                       r'<div class="idm-figures">(.*?)</div><p class="idm-scorecard-note">([^<]*)</p></section>')
FIGURE = re.compile(r'<span class="idm-value">([^<]*)</span><span class="idm-label">([^<]*)</span>')


def scorecards(at: AppTest) -> list[tuple[str, dict[str, str], str]]:
    """The entity scorecards shown: (title, {label: value}, note), unescaped."""
    return [(unescape(title), {unescape(label): unescape(value) for value, label in FIGURE.findall(figures)},
             unescape(note)) for element in at.get("html") for title, figures, note in SCORECARD.findall(element.proto.body)]


def test_scores_shown_are_evaluate_values(expected):
    at = run()
    pooled = expected[expected["doc"] == "all"].reset_index(drop=True)
    shown = frame(at, "entity", "target_recall")
    pd.testing.assert_frame_equal(shown[["entity", "n_gold", "n_predicted", "precision", "recall", "f1"]],
                                  as_shown(pooled[["entity", "n_gold", "n_predicted", "precision", "recall", "f1"]]))
    by_doc = frame(at, "entity", "doc")
    per_doc = expected[expected["doc"] != "all"].reset_index(drop=True)
    pd.testing.assert_frame_equal(by_doc, as_shown(per_doc[list(by_doc.columns)]))
    # the scorecards: precision and recall of each entity type, in order, three decimals, with the counts
    cards = scorecards(at)
    assert [title for title, _, _ in cards] == [e.capitalize() for e in pooled["entity"]]
    assert [figures for _, figures, _ in cards] == [{"Precision, in-sample": f"{p:.3f}", "Recall, in-sample": f"{r:.3f}"}
                                                    for p, r in zip(pooled["precision"], pooled["recall"])]
    assert [note.rsplit(" (", 1)[1] for _, _, note in cards] == [
        f"{p} extracted, {g} annotated)" for p, g in zip(pooled["n_predicted"], pooled["n_gold"])]


def test_targets_are_shown_with_their_verdicts(expected):
    at = run()
    shown = frame(at, "entity", "target_recall").set_index("entity")
    assert shown.loc["countries", ["target_precision", "target_recall"]].tolist() == ["0.980", "0.980"]
    assert shown.loc["organisations", "target_recall"] == "0.950"
    assert shown.loc["takeaways", "target_recall"] == "1.000"
    assert shown.loc["partnerships (explicit)", "target_recall"] == "0.900"
    assert shown.loc["frameworks", "target_recall"] == "" and shown.loc["frameworks", "meets_target"] == "no target"
    notes = {title: note.rsplit(" (", 1)[0] for title, _, note in scorecards(at)}
    assert notes["Countries"] in {"target: precision ≥ 0.98, recall ≥ 0.98: met",
                                  "target: precision ≥ 0.98, recall ≥ 0.98: NOT met"}
    assert notes["Frameworks"] == "no target"


def test_the_note_says_what_is_measured(expected):
    text = " ".join(m.value for m in run().markdown)
    assert "relaxed overlap" in text and "idm_data/evaluation/gold/GUIDELINES.md" in text
    n_documents = expected.loc[expected["doc"] != "all", "doc"].nunique()
    assert f"from its {n_documents} documents" in text


def test_added_documents_do_not_change_the_scores(no_added_documents, expected, tmp_path):
    raw = (CORPUS_DIR / GENEVA).read_text(encoding="utf-8")
    source = tmp_path / "copy.txt"
    source.write_text("A copy for the method tests\n" + raw.split("\n", 1)[1], encoding="utf-8")
    ingest.add_file(source, no_added_documents)
    at = run()
    shown = frame(at, "entity", "target_recall")
    pooled = expected[expected["doc"] == "all"].reset_index(drop=True)
    assert list(shown["n_predicted"]) == [str(n) for n in pooled["n_predicted"]]
    assert "copy.txt" not in set(frame(at, "entity", "doc")["doc"])
    assert "(copy.txt)" in as_read(next(c.value for c in at.caption if c.value.startswith("**Sources:**")))


def test_missing_gold_folder_is_said_not_raised(tmp_path, monkeypatch):
    monkeypatch.setenv("IDM_ATLAS_GOLD", str(tmp_path / "no-gold"))
    at = run()
    assert "gold annotations are not available" in at.warning[0].value
    assert not scorecards(at)  # the theme gold ships apart
    assert not any("target_recall" in table.columns for table in html_tables(at))
    assert at.title[0].value == "Method and accuracy"  # the rest of the page still shows


def test_mistakes_toggle_lists_misses(expected):
    at = run(mistakes="1")
    assert at.toggle(key="mistakes").value is True
    mentions = expected[(expected["doc"] == "all") & expected["entity"].isin(list(evaluation.MENTION_ENTITIES))]
    if (mentions[["precision", "recall"]] == 1.0).all().all():
        assert any("No missed or spurious" in s.value for s in at.success)
    else:
        assert len(frame(at, "entity", "error")) > 0
    assert at.query_params["mistakes"] == "1"
    assert "mistakes" not in run().query_params  # off by default, and then not in the URL


def test_load_errors_are_listed(no_added_documents):
    no_added_documents.mkdir(parents=True)
    (no_added_documents / "broken.txt").write_bytes(b"\x00\x01binary" * 10)
    (no_added_documents / "fine.txt").write_text("A short note on partnerships.\n", encoding="utf-8")
    at = run()
    errors = frame(at, "file", "error")
    assert errors.to_dict("records") == [{"file": "broken.txt", "error": "is a binary file, not text"}]


def test_no_load_errors_says_so():
    at = run()
    assert "Every file of the corpus folders was read." in [c.value for c in at.caption]


# ---------------------------------------------------------------- curated knowledge

def test_codebook_gazetteer_and_frameworks_are_shown_in_full(packaged):
    at = run_open()
    pd.testing.assert_frame_equal(frame(at, "theme_id"), as_shown(reference.codebook(packaged)))
    pd.testing.assert_frame_equal(frame(at, "org_id"), as_shown(reference.gazetteer(packaged)))
    pd.testing.assert_frame_equal(frame(at, "framework_id"), as_shown(reference.framework_list(packaged)))
    labels = [b.proto.label for b in at.get("download_button")]
    # the theme coding's scores, two entity score tables, three curated lists
    assert labels.count("Download CSV") == labels.count("Download JSON") == 6


def test_search_from_the_url(packaged):
    at = run(org_q="labour")
    shown = frame(at, "org_id")
    assert list(shown["name"]) == list(reference.search(reference.gazetteer(packaged), "labour")["name"])
    assert "International Labour Organization" in set(shown["name"])
    assert at.query_params["org_q"] == "labour"


def test_search_widget_writes_the_url():
    at = run_open()
    at.text_input(key="codebook_q").set_value("smuggling").run()
    assert not at.exception
    assert at.query_params["codebook_q"] == "smuggling"
    assert set(frame(at, "theme_id")["theme_id"]) >= {"gcm-09"}


def test_search_without_match_says_so():
    at = run(framework_q="zzzz nothing")
    assert any("No row of the frameworks list contains 'zzzz nothing'" in i.value for i in at.info)


def test_a_search_from_the_url_is_shown_as_text():
    at = run(framework_q="[click](http://example.com) <b>x</b>")
    message = next(i.value for i in at.info if i.value.startswith("No row of the frameworks list"))
    assert "[click](http" not in message and "<b>" not in message


def test_session_filter_counts_mentions_in_that_session(packaged, expected):
    at = run_open(session="idm-2017-2")
    chosen = f.apply(packaged, f.Filters(sessions=("idm-2017-2",)))
    shown = frame(at, "theme_id")["n_mentions"].astype(int)
    assert shown.tolist() == reference.codebook(chosen)["n_mentions"].tolist()
    assert shown.sum() < reference.codebook(packaged)["n_mentions"].sum()
    # the accuracy ignores the filters
    n_gold = frame(at, "entity", "target_recall")["n_gold"].astype(int)
    assert n_gold.tolist() == expected.loc[expected["doc"] == "all", "n_gold"].tolist()


def test_malformed_and_unknown_parameters_are_dropped():
    at = run(session=["nonsense", "idm-2018-1", "idm-2018-1"], theme="<b>", cell="3", doc_type="x" * 500)
    assert dict(at.query_params) == {"session": "idm-2018-1"}


# ---------------------------------------------------------------- helpers

def test_summary_on_a_tiny_frame():
    scores = pd.DataFrame({"entity": ["countries", "countries", "takeaways", "frameworks"],
                           "doc": ["a.txt", "all", "all", "all"], "n_gold": [2, 2, 4, 1], "n_predicted": [2, 2, 4, 1],
                           "precision": [1.0, 1.0, 0.75, 1.0], "recall": [0.5, 0.99, 1.0, 1.0], "f1": [0.6, 0.99, 0.8, 1.0]})
    summary = accuracy.summary(scores)
    assert summary[["entity", "target_precision", "target_recall", "meets_target"]].fillna("-").values.tolist() == [
        ["countries", 0.98, 0.98, "yes"], ["takeaways", 1.0, 1.0, "no"], ["frameworks", "-", "-", "no target"]]
    assert accuracy.per_document(scores)["doc"].tolist() == ["a.txt"]


def test_annotated_only_keeps_packaged_documents(packaged):
    first = packaged["documents"].iloc[0]
    tiny = {"documents": pd.DataFrame({"doc_id": ["a", "b"], "file": [first["file"], "b.txt"],
                                       "sha256": [first["sha256"], "zz"]}),
            "sentences": pd.DataFrame({"doc_id": ["a", "b", "b"], "sentence_id": ["a.1", "b.1", "b.2"]}),
            "themes": pd.DataFrame({"theme_id": ["t"]})}
    kept = accuracy.annotated_only(tiny)
    assert kept["documents"]["doc_id"].tolist() == ["a"]
    assert kept["sentences"]["sentence_id"].tolist() == ["a.1"]
    assert kept["themes"] is tiny["themes"]


def test_annotated_only_leaves_out_a_document_added_to_the_packaged_folder(packaged, tmp_path):
    """`add` once wrote into idm_data/corpus/: a document there that the gold does not
    cover must not be scored (its mentions would all count as errors)."""
    folder = tmp_path / "corpus"
    shutil.copytree(CORPUS_DIR, folder)
    (folder / "new.txt").write_text("The UNHCR and Mexico met.\n", encoding="utf-8")
    first = packaged["documents"].iloc[0]
    changed = packaged["documents"].iloc[1]  # another text under a packaged name, from another folder
    new_sha = content_hash((folder / "new.txt").read_bytes())
    changed_sha = content_hash(b"Another text under a packaged name.\n")
    tiny = {"documents": pd.DataFrame({"doc_id": ["a", "new", "c"], "file": [first["file"], "new.txt", changed["file"]],
                                       "sha256": [first["sha256"], new_sha, changed_sha]})}
    assert accuracy.annotated_only(tiny, folder)["documents"]["doc_id"].tolist() == ["a"]


def test_missing_gold_names_the_missing_files(tmp_path):
    (tmp_path / "countries.csv").write_text("doc,surface,iso3,context,nth,note\n")
    assert accuracy.missing_gold(tmp_path) == ["organisations*.csv", "frameworks.csv", "takeaways.csv", "partnerships.csv"]
    assert accuracy.missing_gold(accuracy.gold_dir()) == []


def test_report_turns_a_broken_gold_row_into_a_message(tmp_path, packaged):
    for name in ("countries.csv", "organisations_2017.csv", "frameworks.csv", "takeaways.csv", "partnerships.csv"):
        (tmp_path / name).write_bytes((evaluation.GOLD_DIR / name).read_bytes())
    with (tmp_path / "countries.csv").open("a", encoding="utf-8") as out:
        out.write(f"{GENEVA},Narnia,NAR,this context is nowhere in the file,,\n")
    result = accuracy.report(packaged, tmp_path)
    assert result.scores.empty
    assert result.problem.startswith("The gold annotations could not be matched to the corpus: context not found")


def test_search_is_literal_and_case_insensitive():
    table = pd.DataFrame({"id": ["a", "b", "c"], "name": ["Labour (ILO)", "labour.", "Other"], "n": [1, 2, 3]})
    assert reference.search(table, "LABOUR")["id"].tolist() == ["a", "b"]
    assert reference.search(table, "(ilo)")["id"].tolist() == ["a"]
    assert reference.search(table, ".")["id"].tolist() == ["b"]
    assert reference.search(table, "  ")["id"].tolist() == ["a", "b", "c"]


def test_reference_counts_on_a_tiny_frame():
    tables = {"frameworks": pd.DataFrame({"framework_id": ["gcm", "sdg"], "name": ["GCM", "SDG"]}),
              "framework_mentions": pd.DataFrame({"framework_id": ["gcm", "gcm", "gcm"], "doc_id": ["a", "a", "b"],
                                                  "sentence_id": ["a.1", "a.2", "b.1"]})}
    expected = pd.DataFrame({"framework_id": ["gcm", "sdg"], "name": ["GCM", "SDG"],
                             "n_mentions": [3, 0], "n_documents": [2, 0]})
    pd.testing.assert_frame_equal(reference.framework_list(tables), expected)


def test_knowledge_sizes_count_the_tables(packaged):
    sizes = reference.knowledge_sizes(packaged)
    assert sizes["n_gcm_objectives"] == 23  # the Global Compact has 23 objectives
    assert sizes["n_gcm_objectives"] + sizes["n_cross_cutting"] == len(packaged["themes"])
    assert sizes["n_explicit"] + sizes["n_co_mention"] == len(packaged["partnerships"])
    assert sizes["n_gazetteer"] + sizes["n_discovered"] == len(packaged["organisations"])
    assert sizes["n_takeaways"] == len(packaged["takeaways"])


def test_a_gold_folder_without_people_scores_the_rest(tmp_path, packaged):
    for path in evaluation.GOLD_DIR.glob("*.csv"):
        if path.name != "people.csv":
            (tmp_path / path.name).write_bytes(path.read_bytes())
    result = accuracy.report(packaged, tmp_path)
    assert not result.problem
    assert "people" not in set(result.scores["entity"]) and "countries" in set(result.scores["entity"])
    assert "people" not in set(accuracy.mistakes(packaged, tmp_path)["entity"])


def test_theme_coding_is_shown_held_out_with_its_agreement():
    from idm_data.evaluation import themes as theme_eval

    at = run()
    pooled = theme_eval.held_out_scores().set_index("objective").loc["all"]
    shown = {m.label: m.value for m in at.metric}
    assert shown["Precision, held-out"] == f"{pooled['precision']:.3f}"
    assert shown["Recall, held-out"] == f"{pooled['recall']:.3f}"
    assert shown["Agreement of the two gold passes"].startswith("κ = ")
    pd.testing.assert_frame_equal(frame(at, "objective", "f1"), as_shown(theme_eval.held_out_scores()))
    pd.testing.assert_frame_equal(frame(at, "objective", "kappa"), as_shown(theme_eval.agreement()))
    headers = [h.value for h in at.subheader]
    assert any("held-out by document: met" in c.value or "held-out by document: NOT met" in c.value for c in at.caption)
    by_session = theme_eval.held_out_scores(unit="session").set_index("objective").loc["all"]
    assert any("leaving out a whole session" in c.value and f"recall {by_session['recall']:.3f}" in c.value
               for c in at.caption)
    assert any("(in-sample)" in h for h in headers)  # the entity scores say they are in-sample
