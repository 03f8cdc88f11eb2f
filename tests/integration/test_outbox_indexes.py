"""The outbox indexes leave out rows that need no more work (most rows, once delivered), so
the queries that look for work must still be able to use them. SQLite
matches a partial index's condition only when the query carries it word for word."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from sqlalchemy import event, text

from storage import outbox as outbox_db
from storage.db import make_engine, session_factory

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=timezone.utc)


def plans(db_url: str, run) -> list[str]:  # type: ignore[no-untyped-def]
    """The query plans of the statements `run` executes (rolled back)."""
    engine = make_engine(db_url)
    seen: list[str] = []
    pg = engine.dialect.name == "postgresql"

    @event.listens_for(engine, "before_cursor_execute")
    def explain(conn, cursor, statement, params, context, executemany):  # type: ignore[no-untyped-def]
        if statement.lstrip().upper().startswith(("SELECT", "UPDATE")) and "outbox" in statement:
            cursor.execute(("EXPLAIN " if pg else "EXPLAIN QUERY PLAN ") + statement, params)
            seen.append(" | ".join(str(r[-1]) for r in cursor.fetchall()))

    with session_factory(engine)() as session:
        if pg:  # a few rows: PostgreSQL would rather scan; ask whether it *can* use the index
            session.execute(text("SET LOCAL enable_seqscan = off"))
        run(session)
        session.rollback()
    engine.dispose()
    return seen


@pytest.mark.parametrize("name, run", [
    ("due", lambda s: outbox_db.due_ids(s, ["telegram"], NOW, 50)),
    ("pending for a poller", lambda s: outbox_db.take_pending_for(s, 1, "simulator", "siti", NOW)),
    ("held for a person", lambda s: outbox_db.release_held(s, 1, "whatsapp", "+628123", NOW)),
])
def test_queries_for_work_use_the_open_rows_index(db_url, name, run):
    [plan, *_] = plans(db_url, run)
    assert "ix_outbox_open" in plan, plan


def test_status_callbacks_find_their_row_by_provider_id(db_url):
    [plan] = plans(db_url, lambda s: outbox_db.record_status(s, "whatsapp", "SM123", "delivered"))
    assert "ix_outbox_provider_id" in plan, plan
