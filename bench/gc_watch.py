"""`kedai serve` (main.py's own command, unchanged) with the garbage collector's pauses
recorded, for bench/profile_paths.py: every collection's generation and duration, written as JSON to
$GC_WATCH_FILE once a second (the server is killed, not asked, to stop).

    GC_WATCH_FILE=/tmp/gc.json .venv/bin/python bench/gc_watch.py serve
"""

from __future__ import annotations

import gc
import json
import os
import runpy
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
pauses: list[tuple[int, float, float]] = []  # (generation, monotonic at start, seconds)
_started = [0.0]


def _on_gc(phase: str, info: dict[str, int]) -> None:
    if phase == "start":
        _started[0] = time.perf_counter()
    else:
        pauses.append((info["generation"], time.monotonic(), time.perf_counter() - _started[0]))


def _dump(path: Path) -> None:
    while True:
        time.sleep(1.0)
        path.write_text(json.dumps({"pauses": list(pauses), "thresholds": gc.get_threshold()}))


if __name__ == "__main__":
    gc.callbacks.append(_on_gc)
    threading.Thread(target=_dump, args=(Path(os.environ["GC_WATCH_FILE"]),), daemon=True, name="gc-watch").start()
    sys.path[0] = str(ROOT)  # as `python main.py` would have it (bench/ holds no app code)
    sys.argv = [str(ROOT / "main.py"), *sys.argv[1:]]
    runpy.run_path(str(ROOT / "main.py"), run_name="__main__")
