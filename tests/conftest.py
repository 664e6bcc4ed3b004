"""Test settings: the table cache and added documents go to temporary folders."""

import os
import tempfile

_scratch = tempfile.mkdtemp(prefix="idm-atlas-tests-")
os.environ.setdefault("IDM_ATLAS_CACHE", os.path.join(_scratch, "cache"))
os.environ.setdefault("IDM_ATLAS_ADDED", os.path.join(_scratch, "added"))
