"""Table downloads: JSON beside CSV, with ids kept as strings."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from ui.layout import _json_label, json_records


def test_json_records_keep_ids_as_strings_and_missing_values_null():
    frame = pd.DataFrame({"doc_id": ["007", "1e5"], "year": ["2017", "2018"], "n": [1, 2],
                          "participants": pd.array([300, None], dtype="Int64"), "name": ["Côte d'Ivoire", 'a"b']})
    records = json.loads(json_records(frame))
    assert records == [{"doc_id": "007", "year": "2017", "n": 1, "participants": 300, "name": "Côte d'Ivoire"},
                       {"doc_id": "1e5", "year": "2018", "n": 2, "participants": None, "name": 'a"b'}]


def test_json_of_an_empty_table_is_an_empty_list():
    assert json.loads(json_records(pd.DataFrame(columns=["a", "b"]))) == []


@pytest.mark.parametrize("label, expected", [("Download CSV", "Download JSON"), ("Nodes (CSV)", "Nodes (JSON)"),
                                             ("Download the matrix", "Download the matrix (JSON)")])
def test_json_label_mirrors_the_csv_label(label, expected):
    assert _json_label(label) == expected
