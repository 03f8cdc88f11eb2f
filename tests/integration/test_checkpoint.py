"""The served process folds SQLite's WAL back into the database on a thread of its own,
instead of inside whichever message's commit crosses the threshold."""

from __future__ import annotations

import time
from pathlib import Path

from storage.checkpoint import Checkpointer
from storage.db import make_engine


def test_commits_leave_the_log_to_the_checkpointer_which_folds_it_in(tmp_path):
    path = tmp_path / "k.db"
    engine = make_engine(f"sqlite:///{path}", background_checkpoints=True)
    with engine.begin() as conn:
        assert conn.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar() == 0
        conn.exec_driver_sql("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    for i in range(1500):  # more pages than SQLite's own threshold (1,000) would allow
        with engine.begin() as conn:
            conn.exec_driver_sql("INSERT INTO notes (body) VALUES (?)", (f"note {i} " * 20,))
    before = path.stat().st_size
    assert Path(f"{path}-wal").stat().st_size > 1000 * 4096  # nobody checkpointed inside a commit

    checkpointer = Checkpointer(str(path), every_seconds=0.05)
    checkpointer.start()
    try:
        deadline = time.monotonic() + 10
        while path.stat().st_size == before and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        checkpointer.stop()
    assert path.stat().st_size > 1500 * 160  # the notes (~200 bytes each) are in the database file now
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM notes").scalar() == 1500
    engine.dispose()
