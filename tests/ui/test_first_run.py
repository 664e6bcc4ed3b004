"""ui.first_run: the collector is held off during a process's first script run only, and comes back
even when that run raises (st.stop and st.rerun do)."""

import gc

import pytest

from ui import first_run


@pytest.fixture
def fresh_process(monkeypatch):
    monkeypatch.setattr(first_run, "_done", False)
    gc.unfreeze()  # a page test may have run dashboard.py in this process already
    yield
    gc.unfreeze()  # give this test process its heap back
    gc.enable()


def test_the_first_run_runs_without_the_collector_and_freezes_what_it_leaves(fresh_process):
    assert gc.get_freeze_count() == 0
    with first_run.collector_held_off():
        assert not gc.isenabled()
    assert gc.isenabled() and gc.get_freeze_count() > 0
    with first_run.collector_held_off():  # any later run: untouched
        assert gc.isenabled()


def test_the_collector_comes_back_when_the_first_run_raises(fresh_process):
    with pytest.raises(RuntimeError):
        with first_run.collector_held_off():
            raise RuntimeError("st.stop")
    assert gc.isenabled()


def test_the_collector_stays_off_until_the_warm_up_and_the_first_run_have_both_ended(fresh_process):
    with first_run.held_off():  # the server's warm-up begins
        with first_run.collector_held_off():  # a visitor's first run, meanwhile
            assert not gc.isenabled()
        assert not gc.isenabled()  # the warm-up still runs
    assert gc.isenabled() and gc.get_freeze_count() > 0
