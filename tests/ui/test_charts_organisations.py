"""ui.charts.organisations: organisations by type and session, the most-mentioned actors, frameworks."""

import pandas as pd
import pytest

import idm_data
from chart_cases import HOSTILE, without_data
from idm_data.views import actors
from ui.charts import organisations as charts


@pytest.fixture(scope="module")
def tables():
    return idm_data.load()


@pytest.fixture(scope="module")
def names(tables):
    return charts.session_names(tables["sessions"])


def sessions(n: int, name: str = "Session") -> pd.DataFrame:
    return pd.DataFrame({"session_id": [f"idm-{2001 + i}-1" for i in range(n)],
                         "session_name": [name if i % 2 else "" for i in range(n)]})


def cited(n_sessions: int, n_frameworks: int, label: str = "Framework") -> pd.DataFrame:
    return pd.DataFrame([{"framework_id": f"f{f}", "framework_label": f"{label} {f}", "name": f"{label} {f} in full",
                          "session_id": f"idm-{2001 + s}-1", "n_mentions": 1 + (s + f) % 5, "n_sentences": 1,
                          "n_documents": 1} for s in range(n_sessions) for f in range(n_frameworks)])


def test_session_names_are_distinct_and_fall_back_to_the_id():
    named = charts.session_names(sessions(4, name="Same name"))
    assert named == {"idm-2001-1": "idm-2001-1", "idm-2002-1": "Same name", "idm-2003-1": "idm-2003-1",
                     "idm-2004-1": "Same name #2"}


def test_charts_of_the_corpus(tables, names):
    by_type = actors.organisations_by_type_session(tables)
    spec = charts.by_type_spec(by_type, names)
    assert len(spec["datasets"]["by_type"]) == len(by_type) and spec["encoding"]["xOffset"]["field"] == "org_type_label"
    leaders = actors.top_actors(tables, 15)
    top = charts.top_actors_spec(leaders)
    assert top["datasets"]["leaders"].sort_values("row_order")["row"].tolist() == leaders["actor_label"].tolist()
    by_session = actors.frameworks_by_session(tables)
    frameworks = charts.frameworks_spec(by_session, names)
    order = frameworks["datasets"]["cited"].sort_values("row_order")["row"]
    totals = by_session.groupby("framework_label")["n_mentions"].sum()
    assert order.iloc[0] == totals.idxmax() == "Global Compact for Migration"  # the most cited first


@pytest.mark.parametrize("n_sessions", [1, 3, 12, 24])
def test_framework_columns_stay_in_bounds_and_numbers_only_where_they_fit(n_sessions):
    spec = charts.frameworks_spec(cited(n_sessions, 4), {f"idm-{2001 + s}-1": f"S{s}" for s in range(n_sessions)})
    step = spec["width"]["step"]
    assert charts.MIN_COLUMN_PX <= step <= charts.MAX_COLUMN_PX
    assert (len(spec["layer"]) == 2) == (step >= charts.NUMBERS_FROM_PX)
    biggest = spec["layer"][0]["encoding"]["size"]["scale"]["range"][1]
    assert 2 * (biggest / 3.14) ** 0.5 < step  # a bubble stays inside its column


@pytest.mark.parametrize("name", HOSTILE)
def test_stored_names_travel_as_data_never_as_code(name):
    named = {f"idm-{2001 + s}-1": f"{name} {s}" for s in range(2)}
    by_type = pd.DataFrame({"org_type": "ngo", "org_type_label": "NGO", "session_id": list(named),
                            "n_organisations": [1, 2], "n_mentions": [1, 3], "org_ids": "x"})
    leaders = pd.DataFrame({"actor_id": ["a"], "actor_name": [name], "actor_label": [name], "actor_type": ["NGO"],
                            "n_mentions": [2], "n_documents": [1], "sessions": ["idm-2001-1"]})
    specs = [charts.by_type_spec(by_type, named), charts.top_actors_spec(leaders),
             charts.frameworks_spec(cited(2, 2, label=name), named)]
    assert all(name not in without_data(spec) for spec in specs)
