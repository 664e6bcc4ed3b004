"""A server process's first script run, with the cyclic garbage collector held off.

The first run imports pandas and the data layer and loads the tables: hundreds of thousands of objects,
over which the collector would run several full collections (~0.1 s of a first visit). Held off during
that run, and then frozen (`gc.freeze`): what is alive by then (modules, the shared tables) lives as long
as the server, so later full collections no longer traverse it and stop landing in visitors' reruns
(~80 ms each). What else is alive at that moment is frozen with it (the first visitor's session state,
the cyclic garbage of that run): a one-off, small next to the tables.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_done = False


@contextmanager
def collector_held_off() -> Iterator[None]:
    """Around the script's run: the first run in the process runs without the collector, and freezes what
    it leaves alive; any other run is untouched."""
    global _done
    with _lock:
        first, _done = not _done, True
    if not first:
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.enable()
