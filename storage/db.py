"""Engine and unit-of-work set-up for SQLite (WAL, embedded default) and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

# Session.info key under which a Tx leaves its driver connection for storage.fastsql.
DRIVER = "kedai_driver"


def make_engine(url: str, *, pool_size: int = 8, background_checkpoints: bool = False) -> Engine:
    """background_checkpoints: SQLite's WAL is folded back into the database by a
    storage.checkpoint.Checkpointer thread instead of inside whichever commit crosses the
    threshold (PERFORMANCE.md: a few ms stall every few hundred commits)."""
    if url.startswith("sqlite"):
        return _sqlite_engine(url, background_checkpoints)
    return create_engine(url, pool_size=pool_size, max_overflow=pool_size, pool_pre_ping=True)


def _sqlite_engine(url: str, background_checkpoints: bool) -> Engine:
    path = url.split("///", 1)[-1]
    if path and path != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"timeout": 30, "check_same_thread": False})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):  # type: ignore[no-untyped-def]
        # Let SQLAlchemy, not the driver, decide when a transaction begins (see _on_begin).
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA busy_timeout=30000")
        if background_checkpoints:
            cur.execute("PRAGMA wal_autocheckpoint=0")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):  # type: ignore[no-untyped-def]
        # Take the write lock up front: a deferred transaction that later upgrades to a
        # writer fails with SQLITE_BUSY immediately instead of waiting on busy_timeout.
        # On the driver directly: this runs for every transaction, and the statement needs
        # none of SQLAlchemy's execution machinery.
        conn.connection.dbapi_connection.execute("BEGIN IMMEDIATE")

    return engine


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False, autoflush=False)


@contextmanager
def unit_of_work(factory: sessionmaker[Session]) -> Iterator[Session]:
    """A transaction that commits only when the block says so; anything else rolls back."""
    session = factory()
    try:
        yield session
    finally:
        if session.in_transaction():
            session.rollback()
        session.close()


class Tx:
    """One transaction on one pooled connection, for the path every message takes.

    A Session costs ~200 µs to begin and commit here even when it runs no ORM statement.
    The connection's own transaction costs a fraction of that, and storage.fastsql sends its
    plain SQL straight to the driver. `session` is an ORM Session joined to the same
    transaction: it stays idle (and cheap) unless some code uses the ORM.
    """

    def __init__(self, factory: sessionmaker[Session], connection: Connection):
        self.connection = connection
        self._outer = connection.begin()
        dialect = connection.dialect
        driver = (connection.connection.dbapi_connection, dialect.name == "postgresql", dialect.loaded_dbapi)
        # rollback_only: the Session never commits what it joined; Tx.commit does, once.
        self.session = factory(bind=connection, join_transaction_mode="rollback_only", info={DRIVER: driver})

    def commit(self) -> None:
        if self.session.in_transaction():
            self.session.commit()  # flushes pending ORM changes into the joined transaction
        self._outer.commit()


@contextmanager
def transaction(factory: sessionmaker[Session]) -> Iterator[Tx]:
    """A Tx that commits only when the block says so; anything else rolls back."""
    engine = factory.kw["bind"]
    with engine.connect() as connection:
        tx = Tx(factory, connection)
        try:
            yield tx
        finally:
            tx.session.close()
            if tx._outer.is_active:
                tx._outer.rollback()


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"
