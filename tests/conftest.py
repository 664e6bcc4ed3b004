"""Test settings: the table cache, added documents and visitors' uploads go to temporary folders."""

import os
import tempfile

import pytest

_scratch = tempfile.mkdtemp(prefix="idm-atlas-tests-")
os.environ.setdefault("IDM_ATLAS_CACHE", os.path.join(_scratch, "cache"))
os.environ.setdefault("IDM_ATLAS_ADDED", os.path.join(_scratch, "added"))
os.environ.setdefault("IDM_ATLAS_WORKSPACES", os.path.join(_scratch, "workspaces"))


@pytest.hookimpl(tryfirst=True)  # before xdist reads the groups
def pytest_collection_modifyitems(config, items):
    """The full page sweep (`sweep`) runs in a plain `python -m pytest` (CI) and
    with `-m sweep`; a `-m` expression that does not name it (the fast tier,
    `-m "not browser"`) leaves it out."""
    for item in items:  # one worker runs every browser test, so their servers start once
        if item.get_closest_marker("browser") is not None:
            item.add_marker(pytest.mark.xdist_group("browser"))
    expression = config.getoption("markexpr") or ""
    if not expression or "sweep" in expression:
        return
    left_out = [item for item in items if item.get_closest_marker("sweep") is not None]
    if left_out:
        config.hook.pytest_deselected(items=left_out)
        items[:] = [item for item in items if item.get_closest_marker("sweep") is None]
