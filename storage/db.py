"""Engine and unit-of-work set-up for SQLite (WAL, embedded default) and PostgreSQL."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Connection, Engine, RootTransaction, create_engine, event
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

# Session.info key under which a Tx leaves its driver connection for storage.fastsql.
DRIVER = "kedai_driver"
BUSY_TIMEOUT_MS = 30_000


class WriterBusy(Exception):
    """Another connection holds SQLite's write lock, and the caller chose not to wait for it."""


def make_engine(url: str, *, pool_size: int = 8, background_checkpoints: bool = False) -> Engine:
    """background_checkpoints: SQLite's WAL is folded back into the database by a
    storage.checkpoint.Checkpointer thread instead of inside whichever commit crosses the
    threshold (docs/PERFORMANCE.md: a few ms stall every few hundred commits)."""
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
        cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        if background_checkpoints:
            cur.execute("PRAGMA wal_autocheckpoint=0")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):  # type: ignore[no-untyped-def]
        # Take the write lock up front: a deferred transaction that later upgrades to a
        # writer fails with SQLITE_BUSY immediately instead of waiting on busy_timeout.
        # On the driver directly: this runs for every transaction, and the statement needs
        # none of SQLAlchemy's execution machinery.
        driver = conn.connection.dbapi_connection
        if not driver.in_transaction:  # a Tx on the kept connection began it already (Tx.raw)
            driver.execute("BEGIN IMMEDIATE")

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
    """One transaction on one connection, for the path every message takes.

    A Session costs ~200 µs to begin and commit here even when it runs no ORM statement.
    The connection's own transaction costs a fraction of that, and storage.fastsql sends its
    plain SQL straight to the driver. `session` is an ORM Session joined to the same
    transaction: it stays idle (and cheap) unless some code uses the ORM.

    raw (SQLite's kept connection only): BEGIN and COMMIT go to the driver itself, and
    SQLAlchemy's Connection learns of the transaction only if the Session is used (it then
    begins, and our "begin" listener finds SQLite's transaction already open). Most messages
    never use the ORM, and SQLAlchemy's begin and commit cost as much as SQLite's own.
    """

    def __init__(self, factory: sessionmaker[Session], connection: Connection, session: Session | None = None,
                 *, raw: bool = False):
        self.connection = connection
        dialect = connection.dialect
        # Exactly one of the two holds the transaction: SQLAlchemy's, or (raw) SQLite's own.
        self._outer: RootTransaction | None = None
        self._raw: sqlite3.Connection | None = connection.connection.dbapi_connection if raw else None
        try:
            if self._raw is not None:
                self._raw.execute("BEGIN IMMEDIATE")
            else:
                self._outer = connection.begin()
        except (sqlite3.OperationalError, OperationalError) as exc:
            if _is_busy(exc):
                raise WriterBusy() from exc  # no busy timeout, or it ran out
            raise
        if session is None:
            driver = (connection.connection.dbapi_connection, dialect.name == "postgresql", dialect.loaded_dbapi)
            # rollback_only: the Session never commits what it joined; Tx.commit does, once.
            # (raw: the Session began the Connection's transaction itself, if at all, and
            # committing it commits SQLite's, which is the point of Tx.commit anyway.)
            session = factory(bind=connection, join_transaction_mode="rollback_only", info={DRIVER: driver})
        self.session = session

    def commit(self) -> None:
        if self.session.in_transaction():
            self.session.commit()  # flushes pending ORM changes into the joined transaction
        if self._outer is not None:
            self._outer.commit()
        elif self._raw is not None and self._raw.in_transaction:  # not if the Session's commit did it
            self._raw.commit()

    def close(self) -> bool:
        """Ends the transaction (rolling back what was not committed); True when the Session
        was never used and may serve the connection's next transaction as it is."""
        untouched = not (self.session.in_transaction() or self.session.identity_map or self.session.new)
        if not untouched:
            self.session.close()
        if self._outer is not None and self._outer.is_active:
            self._outer.rollback()
        elif self._raw is not None and self._raw.in_transaction:
            self._raw.rollback()
        return untouched


@contextmanager
def _open(factory: sessionmaker[Session], connection: Connection) -> Iterator[Tx]:
    tx = Tx(factory, connection)
    try:
        yield tx
    finally:
        tx.close()


@contextmanager
def transaction(factory: sessionmaker[Session]) -> Iterator[Tx]:
    """A Tx on a pooled connection that commits only when the block says so; anything else
    rolls back. On SQLite it waits as long as BUSY_TIMEOUT_MS for the write lock."""
    with factory.kw["bind"].connect() as connection, _open(factory, connection) as tx:
        yield tx


class Transactions:
    """Where the one path gets its transactions: `begin(wait=True)` is `transaction()`.

    `begin(wait=False)` is for a caller that must not block (the event loop). On SQLite it
    runs on a connection kept open for the purpose, with no busy timeout at all, so it is
    WriterBusy at once when another connection is writing, or when another caller is
    already using the kept connection. (PostgreSQL has no database-wide write lock to wait
    for; there it is a pooled transaction like any other.)
    """

    def __init__(self, factory: sessionmaker[Session]):
        self.factory = factory
        self._engine: Engine = factory.kw["bind"]
        self._kept: Connection | None = None
        self._kept_session: Session | None = None  # left untouched by the last message: reused
        self._kept_lock = threading.Lock()

    @contextmanager
    def begin(self, *, wait: bool = True) -> Iterator[Tx]:
        if wait or not is_sqlite(self._engine):
            with transaction(self.factory) as tx:
                yield tx
            return
        if not self._kept_lock.acquire(blocking=False):
            raise WriterBusy()
        try:
            if self._kept is None or self._kept.invalidated:
                self._kept, self._kept_session = self._connect_without_waiting(), None
            tx = Tx(self.factory, self._kept, self._kept_session, raw=True)
            self._kept_session = None
            try:
                yield tx
            finally:
                # Most messages never touch the ORM: creating and closing a Session for each
                # of them would cost more than all their SQL.
                self._kept_session = tx.session if tx.close() else None
        finally:
            self._kept_lock.release()

    def _connect_without_waiting(self) -> Connection:
        try:
            connection = self._engine.connect()
        except OperationalError as exc:  # setting WAL mode on a new database needs the lock too
            if _is_busy(exc):
                raise WriterBusy() from exc
            raise
        connection.connection.dbapi_connection.execute("PRAGMA busy_timeout=0")
        return connection

    def close(self) -> None:
        with self._kept_lock:
            if self._kept is not None:
                if not self._kept.invalidated:  # back to the pool as every other connection is
                    self._kept.connection.dbapi_connection.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
                self._kept.close()
                self._kept, self._kept_session = None, None


def _is_busy(exc: Exception) -> bool:
    return getattr(getattr(exc, "orig", exc), "sqlite_errorcode", None) == sqlite3.SQLITE_BUSY


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"
