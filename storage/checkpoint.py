"""Folds SQLite's write-ahead log back into the database on a thread of its own.

Left to SQLite, the commit that crosses the WAL threshold does the checkpoint itself, and
with several pages written per message that is one message in every hundred or so
stalling for milliseconds (docs/PERFORMANCE.md). The served process turns automatic
checkpoints off on its connections (storage.db.make_engine) and runs this instead.
PASSIVE never waits for readers or writers, so it cannot hold a message up; whatever it
could not copy this time it copies next time.
"""

from __future__ import annotations

import logging
import sqlite3
import threading

log = logging.getLogger(__name__)


class Checkpointer:
    def __init__(self, path: str, *, every_seconds: float = 0.5):
        self.path = path
        self.every_seconds = every_seconds
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="kedai-wal-checkpoint", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout=10)

    def checkpoint(self, db: sqlite3.Connection) -> tuple[int, int, int]:
        """(busy, frames in the log, frames copied), as SQLite reports them."""
        return db.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()

    def _run(self) -> None:
        db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        try:
            while not self._stop.wait(self.every_seconds):
                try:
                    self.checkpoint(db)
                except sqlite3.Error:  # e.g. the file is gone at shutdown; try again next time
                    log.warning("WAL checkpoint failed", exc_info=True)
            self.checkpoint(db)
        finally:
            db.close()
