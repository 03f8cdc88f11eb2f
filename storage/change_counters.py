"""change_counters: bumped by whatever writes a watched table, read by the running servers
(bot.channels.live_links) to tell whether anything changed since they last looked."""

from __future__ import annotations

from sqlalchemy import Engine, insert, update
from sqlalchemy.orm import Session

from storage.counter_models import ChangeCounter
from storage.fastsql import Sql

SHOP_CHANNELS = "shop_channels"

_READ = Sql("SELECT value FROM change_counters WHERE name = :name")


def read(session: Session, name: str) -> int:
    """The counter's value; 0 when it was never bumped (the row is made by the first bump)."""
    return _READ(session, {"name": name}).scalar_one_or_none() or 0


def peek(engine: Engine, name: str) -> int:
    """The counter, read on a pooled connection outside any transaction of ours: on SQLite every
    transaction here takes the write lock up front (storage.db), and a look every few seconds in
    every process needs no lock at all, only the newest committed value."""
    if not name.isidentifier():  # a constant of ours, put into the statement as it is
        raise ValueError(name)
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        cursor.execute(f"SELECT value FROM change_counters WHERE name = '{name}'")
        row = cursor.fetchone()
        cursor.close()
        raw.rollback()  # PostgreSQL's driver began a transaction for the read: end it
    finally:
        raw.close()
    return int(row[0]) if row else 0


def bump(session: Session, name: str) -> None:
    """One more change, in the caller's transaction (so a reader never sees the count before the change)."""
    done = session.execute(update(ChangeCounter).where(ChangeCounter.name == name)
                           .values(value=ChangeCounter.value + 1).execution_options(synchronize_session=False))
    if done.rowcount == 0:
        session.execute(insert(ChangeCounter).values(name=name, value=1))
