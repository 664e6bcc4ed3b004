"""Test settings: the table cache, added documents and visitors' uploads go to temporary folders."""

import functools
import os
import re
import tempfile

import pytest
from streamlit.components.v2 import manifest_scanner

_scratch = tempfile.mkdtemp(prefix="idm-atlas-tests-")
os.environ.setdefault("IDM_ATLAS_CACHE", os.path.join(_scratch, "cache"))
os.environ.setdefault("IDM_ATLAS_ADDED", os.path.join(_scratch, "added"))
os.environ.setdefault("IDM_ATLAS_WORKSPACES", os.path.join(_scratch, "workspaces"))

# Every new AppTest scans all installed packages' metadata for Streamlit components (~0.45 s, most of a
# page test); the installed packages do not change during a test run, so one scan per process serves all.
manifest_scanner.scan_component_manifests = functools.cache(manifest_scanner.scan_component_manifests)


FULL_SUITE_ONLY = ("sweep", "slow")  # markers a -m expression leaves out unless it names them


@pytest.hookimpl(tryfirst=True)  # before xdist reads the groups
def pytest_collection_modifyitems(config, items):
    """The full page sweep (`sweep`) and the other slow tests (`slow`) run in a plain
    `python -m pytest` (CI) and with a `-m` expression that names their marker; one
    that does not (the fast tier, `-m "not browser"`) leaves them out."""
    for item in items:  # one worker runs every browser test, so their servers start once
        if item.get_closest_marker("browser") is not None:
            item.add_marker(pytest.mark.xdist_group("browser"))
    expression = config.getoption("markexpr") or ""
    if not expression:
        return
    named = set(re.findall(r"\w+", expression))
    left_out = [item for item in items if any(item.get_closest_marker(m) is not None and m not in named
                                              for m in FULL_SUITE_ONLY)]
    if left_out:
        config.hook.pytest_deselected(items=left_out)
        items[:] = [item for item in items if item not in left_out]
