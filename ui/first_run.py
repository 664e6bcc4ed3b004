"""A server process's start: its first script run, and the server's warm-up (`ui.warm_up`), run with the
cyclic garbage collector held off.

Both import pandas and the data layer and load the tables: hundreds of thousands of objects, over which the
collector would run several full collections (~0.1 s of a first visit). Held off while either runs, and then
frozen (`gc.freeze`): what is alive by then (modules, the shared tables) lives as long as the server, so later
full collections no longer traverse it and stop landing in visitors' reruns (~80 ms each). What else is alive
at that moment is frozen with it (the first visitor's session state, the cyclic garbage of that run): a
one-off, small next to the tables.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_done = False  # the first script run has started
_holding = 0  # how many of the first run and the warm-up are under way


@contextmanager
def held_off() -> Iterator[None]:
    """The collector is off while any start-up work runs; when the last ends, what it left alive is frozen."""
    global _holding
    with _lock:
        _holding += 1
        gc.disable()
    try:
        yield
    finally:
        with _lock:
            _holding -= 1
            if not _holding:
                gc.freeze()
                gc.enable()


@contextmanager
def collector_held_off() -> Iterator[None]:
    """Around the script's run: the first run in the process is start-up work (`held_off`); any other run is
    untouched."""
    global _done
    with _lock:
        first, _done = not _done, True
    if not first:
        yield
        return
    with held_off():
        yield
