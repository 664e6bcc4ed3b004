"""The corpus folder: bad files become load_errors rows naming them, the
other documents still load, and a folder without a manifest is inferred."""

import shutil
from pathlib import Path

import pytest

import idm_data
from idm_data.extract.facts import infer_dates
from idm_data.ingest import files as corpus_files
from idm_data.ingest.files import CorpusError, decode_text
from idm_data.resources import CORPUS_DIR

GENEVA = "idm-2017-2-geneva_closing-remarks.txt"
SUMMARY_2018 = "idm-2018-1-new-york_summary-of-conclusions.txt"


SMALL = ("idm-2017-1-new-york_closing-remarks.txt", "idm-2018-1-new-york_closing-remarks.txt")


@pytest.fixture
def corpus_copy(tmp_path):
    """Two documents of the corpus with their manifest rows (small, so fast)."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name in SMALL:
        shutil.copy(CORPUS_DIR / name, folder / name)
    manifest = (CORPUS_DIR / "manifest.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    (folder / "manifest.csv").write_text("".join(l for l in manifest if l.startswith(("file,", *SMALL))), encoding="utf-8")
    return folder


def errors_by_file(tables) -> dict[str, str]:
    return dict(zip(tables["load_errors"]["file"], tables["load_errors"]["error"]))


@pytest.mark.parametrize("name, content, reason", [
    ("empty.txt", b"", "is empty"),
    ("blank.md", b"  \n\n \t\n", "is empty"),
    ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
    ("latin1.txt", "Café in Genève. The delegates met.\n".encode("latin-1"), "not UTF-8"),
])
def test_a_bad_file_gets_a_load_error_and_the_rest_load(corpus_copy, name, content, reason):
    (corpus_copy / name).write_bytes(content)
    tables = idm_data.build_tables(corpus_copy)
    errors = errors_by_file(tables)
    assert list(errors) == [name]
    assert reason in errors[name]
    assert len(tables["documents"]) == 2
    assert name.rsplit(".", 1)[0] not in set(tables["sentences"]["doc_id"])


def test_a_manifest_row_naming_a_missing_file(corpus_copy):
    with (corpus_copy / "manifest.csv").open("a", encoding="utf-8") as manifest:
        manifest.write("missing.txt,idm-2019-1,closing_remarks,,,,,,,,,,,\n")
    tables = idm_data.build_tables(corpus_copy)
    assert errors_by_file(tables) == {"missing.txt": "is named in manifest.csv but the file is missing"}
    assert len(tables["documents"]) == 2
    assert "idm-2019-1" not in set(tables["sessions"]["session_id"])


def test_all_bad_inputs_at_once(corpus_copy):
    (corpus_copy / "empty.txt").write_bytes(b"")
    (corpus_copy / "image.txt").write_bytes(b"\x00\x01\x02binary")
    (corpus_copy / "latin1.txt").write_bytes("Genève\n".encode("latin-1"))
    (corpus_copy / "folder.txt").mkdir()
    with (corpus_copy / "manifest.csv").open("a", encoding="utf-8") as manifest:
        manifest.write("missing.txt,idm-2019-1,,,,,,,,,,,,\n")
    tables = idm_data.build_tables(corpus_copy)
    assert set(errors_by_file(tables)) == {"empty.txt", "image.txt", "latin1.txt", "folder.txt", "missing.txt"}
    assert len(tables["documents"]) == 2
    assert tables["load_errors"]["file"].is_unique


def test_an_unreadable_file_is_reported(corpus_copy, monkeypatch):
    (corpus_copy / "locked.txt").write_text("Secret.\n", encoding="utf-8")
    real = Path.read_bytes

    def read_bytes(path):
        if path.name == "locked.txt":
            raise PermissionError(13, "Permission denied")
        return real(path)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    corpus_files.corpus_fingerprint(corpus_copy)  # the cache key does not fail either
    tables = idm_data.build_tables(corpus_copy)
    assert errors_by_file(tables) == {"locked.txt": "could not be read (Permission denied)"}
    assert len(tables["documents"]) == 2


def test_a_broken_manifest_is_reported_and_documents_still_load(corpus_copy):
    (corpus_copy / "manifest.csv").write_bytes(b'\xff\xfe"broken\n"unterminated')
    tables = idm_data.build_tables(corpus_copy)
    assert "manifest.csv" in errors_by_file(tables)
    assert len(tables["documents"]) == 2
    assert set(tables["documents"]["facts_source"]) == {"inferred"}


def test_other_files_and_the_readme_are_not_documents(corpus_copy):
    (corpus_copy / "data.csv").write_text("a,b\n", encoding="utf-8")
    (corpus_copy / ".hidden.txt").write_text("A file being written.\n", encoding="utf-8")
    tables = idm_data.build_tables(corpus_copy)
    assert len(tables["documents"]) == 2
    assert "README" not in set(tables["documents"]["doc_id"])
    assert tables["load_errors"].empty


def test_a_pdf_or_word_file_in_the_folder_is_converted_or_named(corpus_copy):
    """As `add` reads them: a broken one is a load error naming it, never skipped silently."""
    (corpus_copy / "notes.pdf").write_bytes(b"%PDF-1.4")
    tables = idm_data.build_tables(corpus_copy)
    assert len(tables["documents"]) == 2
    errors = tables["load_errors"].set_index("file")["error"]
    assert errors["notes.pdf"].startswith("could not be read as a PDF")


def test_a_missing_folder_gives_empty_tables(tmp_path):
    tables = idm_data.build_tables(tmp_path / "nowhere")
    assert tables["documents"].empty and tables["load_errors"].empty
    assert list(tables["documents"].columns)[0] == "doc_id"


# --- decoding ----------------------------------------------------------------

def test_decode_strips_bom_and_normalises_line_ends():
    assert decode_text("a.txt", "\ufeffOne.\r\nTwo.\rThree.\n".encode("utf-8")) == "One.\nTwo.\nThree.\n"


def test_decode_refuses_control_characters():
    with pytest.raises(CorpusError, match="binary"):
        decode_text("a.txt", ("text\x01\x02\x03" * 20).encode("utf-8"))


def test_decode_refuses_a_file_over_the_limit(monkeypatch):
    monkeypatch.setattr(corpus_files, "MAX_BYTES", 10)
    with pytest.raises(CorpusError) as error:
        decode_text("big.txt", b"x" * 11)
    assert error.value.file == "big.txt" and "larger" in error.value.reason


def test_corpus_error_names_the_file():
    error = CorpusError("a.txt", "is empty")
    assert str(error) == "a.txt: is empty" and error.file == "a.txt"


def test_fingerprint_changes_with_content(corpus_copy):
    before = corpus_files.corpus_fingerprint(corpus_copy)
    (corpus_copy / SMALL[0]).write_text("changed\n", encoding="utf-8")
    assert corpus_files.corpus_fingerprint(corpus_copy) != before


# --- no manifest: facts inferred from the text ------------------------------

@pytest.fixture
def without_manifest(tmp_path):
    folder = tmp_path / "plain"
    folder.mkdir()
    for name in (GENEVA, SUMMARY_2018):
        shutil.copy(CORPUS_DIR / name, folder / name)
    return folder


def test_facts_are_inferred_without_a_manifest(without_manifest):
    tables = idm_data.build_tables(without_manifest)
    docs = tables["documents"].set_index("file")
    assert set(docs["facts_source"]) == {"inferred"}
    assert docs.loc[GENEVA, ["session_id", "doc_type"]].tolist() == ["idm-2017-2", "closing_remarks"]
    assert docs.loc[SUMMARY_2018, ["session_id", "doc_type"]].tolist() == ["idm-2018-1", "summary_of_conclusions"]
    assert docs.loc[GENEVA, ["speaker", "speaker_title"]].tolist() == ["Laura Thompson", "Deputy Director General"]
    sessions = tables["sessions"].set_index("session_id")
    assert sessions.loc["idm-2017-2", ["start_date", "end_date", "city", "venue"]].tolist() == [
        "2017-07-19", "2017-07-19", "Geneva", "Palais des Nations, Geneva"]
    assert sessions.loc["idm-2018-1", ["start_date", "end_date", "city"]].tolist() == [
        "2018-03-26", "2018-03-27", "New York"]
    assert sessions.loc["idm-2018-1", "speakers"] == 47  # figures still come from the text


def test_inferred_extraction_equals_the_manifest_one(without_manifest):
    # the facts differ, never the text: sentences and mentions are the same
    plain = idm_data.build_tables(without_manifest)
    full = idm_data.load(CORPUS_DIR)
    docs = set(plain["documents"]["doc_id"])
    for name in ("sentences", "country_mentions", "organisation_mentions"):
        a = plain[name]["sentence_id"].tolist()
        b = full[name].loc[full[name]["doc_id"].isin(docs), "sentence_id"].tolist()
        assert a == b, name


def test_an_unrelated_text_leaves_facts_empty(tmp_path):
    (tmp_path / "shopping.txt").write_text("Shopping list.\n\nEggs, milk and bread. Meet on 31 February 2019.\n",
                                           encoding="utf-8")
    tables = idm_data.build_tables(tmp_path)
    doc = tables["documents"].iloc[0]
    assert (doc["doc_id"], doc["session_id"], doc["doc_type"], doc["speaker"]) == ("shopping", "", "", "")
    assert doc["n_takeaways"] == 0 and doc["n_words"] == 11
    assert tables["sessions"][["start_date", "venue"]].iloc[0].tolist() == ["", ""]
    assert tables["load_errors"].empty


@pytest.mark.parametrize("head, expected", [
    ("18–19 April 2017, United Nations Headquarters", ("2017-04-18", "2017-04-19")),
    ("26 and 27 March 2018, United Nations Headquarters", ("2018-03-26", "2018-03-27")),
    ("19 July 2017, Palais des Nations, Geneva", ("2017-07-19", "2017-07-19")),
    ("19 April, UNHQ, New York", ("", "")),                         # no year: nothing guessed
    ("Meet on 31 February 2019.", ("", "")),                        # impossible date: skipped, no crash
    ("31 February 2019, then 3 May 2019", ("2019-05-03", "2019-05-03")),
    ("27-26 March 2018", ("2018-03-26", "2018-03-26")),            # a reversed range is not a range
    ("", ("", "")),
])
def test_infer_dates(head, expected):
    assert infer_dates(head) == expected


def test_two_files_with_one_document_id_keep_the_text_and_name_the_other(corpus_copy):
    stem = SMALL[0][:-4]
    (corpus_copy / f"{stem}.md").write_text("Another text under the same name.\n", encoding="utf-8")
    (corpus_copy / f"{stem}.pdf").write_bytes(b"%PDF-1.4")
    tables = idm_data.build_tables(corpus_copy)
    assert sorted(tables["documents"]["file"]) == [f"{stem}.md", SMALL[1]]  # .md sorts before .txt
    errors = errors_by_file(tables)
    assert errors[f"{stem}.txt"] == f"has the same document id ('{stem}') as {stem}.md; rename one of them"
    assert errors[f"{stem}.pdf"].startswith("has the same document id")
    assert tables["sentences"]["sentence_id"].is_unique
