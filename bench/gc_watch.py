"""`kedai serve` (main.py's own command, unchanged) with the garbage collector's pauses and the
event loop's stalls recorded, for bench/profile_paths.py: every collection's generation and
duration, every message's own time in the engine (where it ran, what it said) and every
late tick of the loop, appended to $GC_WATCH_FILE as a JSON line a second (the server is killed,
not asked, to stop).

    GC_WATCH_FILE=/tmp/gc.jsonl .venv/bin/python bench/gc_watch.py serve

The engine is wrapped from outside (its `handle` timed, nothing else changed); the loop is
watched by a 10 ms tick scheduled on it, whose lateness is how long the loop could not run.
"""

from __future__ import annotations

import asyncio
import gc
import json
import os
import runpy
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TICK = 0.01
pauses: list[tuple[int, float, float]] = []  # (generation, monotonic at start, seconds)
handled: list[tuple[float, float, str, str]] = []  # (monotonic at end, seconds, thread, text)
stalls: list[tuple[float, float]] = []  # (monotonic when the late tick ran, seconds late)
_started = [0.0]
_watching = [False]


def _on_gc(phase: str, info: dict[str, int]) -> None:
    if phase == "start":
        _started[0] = time.perf_counter()
    else:
        pauses.append((info["generation"], time.monotonic(), time.perf_counter() - _started[0]))


def _tick(loop: asyncio.AbstractEventLoop, due: float) -> None:
    now = time.monotonic()
    if now - due > 0.005:
        stalls.append((now, now - due))
    loop.call_at(loop.time() + TICK, _tick, loop, now + TICK)


def _watch_engine() -> None:
    from bot.engine import Engine

    original = Engine.handle

    def handle(self, inbound, *, wait=True):  # type: ignore[no-untyped-def]
        if not _watching[0] and threading.current_thread() is threading.main_thread():
            _watching[0] = True
            loop = asyncio.get_running_loop()
            loop.call_at(loop.time() + TICK, _tick, loop, time.monotonic() + TICK)
        started = time.perf_counter()
        try:
            return original(self, inbound, wait=wait)
        finally:
            took = time.perf_counter() - started
            handled.append((time.monotonic(), took, threading.current_thread().name, (inbound.text or inbound.choice or "")[:40]))

    Engine.handle = handle  # type: ignore[method-assign]


def _dump(path: Path) -> None:
    """Appends what is new since the last second as one JSON line (rewriting everything each
    second cost the server a few % of its time by the end of a run)."""
    done = {"pauses": 0, "handled": 0, "stalls": 0}
    while True:
        time.sleep(1.0)
        new = {}
        for name, items in (("pauses", pauses), ("handled", handled), ("stalls", stalls)):
            end = len(items)
            new[name], done[name] = items[done[name]:end], end
        with path.open("a") as out:
            out.write(json.dumps(new) + "\n")


def read(path: Path) -> dict[str, list[object]]:
    """Everything the watcher wrote: {"pauses": [...], "handled": [...], "stalls": [...]}."""
    found: dict[str, list[object]] = {"pauses": [], "handled": [], "stalls": []}
    for line in path.read_text().splitlines():
        for name, items in json.loads(line).items():
            found[name] += items
    return found


if __name__ == "__main__":
    gc.callbacks.append(_on_gc)
    threading.Thread(target=_dump, args=(Path(os.environ["GC_WATCH_FILE"]),), daemon=True, name="gc-watch").start()
    sys.path[0] = str(ROOT)  # as `python main.py` would have it (bench/ holds no app code)
    _watch_engine()
    sys.argv = [str(ROOT / "main.py"), *sys.argv[1:]]
    runpy.run_path(str(ROOT / "main.py"), run_name="__main__")
