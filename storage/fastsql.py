"""Plain SQL for the statements every message runs.

docs/PERFORMANCE.md: building and compiling ORM statements costs several times the database
work itself, and every message pays it. The one path's few statements are therefore plain
SQL with :named parameters handed to the driver as they are (sqlite3 takes :named, psycopg
gets %(named)s), inside the same Session transaction as everything else.
"""

from __future__ import annotations

import re
from collections import namedtuple
from functools import lru_cache
from datetime import datetime, timezone
from typing import Any

import orjson
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from storage.db import DRIVER

_NAMED = re.compile(r"(?<![:\w]):(\w+)")


class Rows:
    """The little of a result the callers use: rows with attribute access, rowcount."""

    __slots__ = ("_cursor", "rowcount", "_row", "_pg")

    def __init__(self, cursor: Any, row: type | None, pg: bool):
        self._cursor = cursor
        self.rowcount = cursor.rowcount
        self._row = row
        self._pg = pg

    def inserted_id(self) -> int | None:
        """The new row's id, None when nothing was inserted (ON CONFLICT DO NOTHING).

        PostgreSQL's statement says RETURNING id; SQLite's does not, because SQLite runs
        RETURNING through a temporary table, which costs more than the insert itself, and the
        driver knows the new rowid anyway."""
        if self._pg:
            row = self._cursor.fetchone()
            return row[0] if row is not None else None
        return self._cursor.lastrowid if self.rowcount > 0 else None

    def all(self) -> list[Any]:
        return [self._row._make(r) for r in self._cursor.fetchall()] if self._row else []

    def first(self) -> Any:
        row = self._cursor.fetchone() if self._row else None
        return self._row._make(row) if row is not None else None

    def scalar_one(self) -> Any:
        row = self.first()
        if row is None:
            raise LookupError("no row")
        return row[0]

    def scalar_one_or_none(self) -> Any:
        row = self.first()
        return None if row is None else row[0]


@lru_cache(maxsize=256)
def _row_type(columns: tuple[str, ...]) -> type:
    return namedtuple("Row", columns, rename=True)  # type: ignore[misc]


class Sql:
    def __init__(self, sqlite: str, postgresql: str | None = None):
        self.sqlite = sqlite
        self.postgresql = _NAMED.sub(r"%(\1)s", postgresql or sqlite)
        self._rows: dict[bool, type | None] = {}  # row type per dialect: a statement's columns never change

    def __call__(self, session: Session, params: dict[str, Any] | None = None) -> Rows:
        dbapi, pg, module = _driver_connection(session)
        statement = self.postgresql if pg else self.sqlite
        cursor = dbapi.cursor()
        try:
            cursor.execute(statement, params or {})
        except module.Error as exc:
            # The same exception types as through SQLAlchemy, so callers catch IntegrityError once.
            raise DBAPIError.instance(statement, params, exc, module.Error) from exc
        try:
            row = self._rows[pg]
        except KeyError:
            names = tuple(d[0] for d in cursor.description) if cursor.description else None
            row = self._rows[pg] = _row_type(names) if names else None
        return Rows(cursor, row, pg)


def _driver_connection(session: Session) -> tuple[Any, bool, Any]:
    """The DB-API connection under the session's current transaction, found once per transaction."""
    if session.in_nested_transaction():
        # SQLAlchemy emits a begin_nested() SAVEPOINT only when the Session next touches its
        # connection; plain SQL bypasses that, so touch it here or the savepoint never exists.
        session.connection()
    given = session.info.get(DRIVER)  # a storage.db.Tx put it there
    if given is not None:
        return given
    tx = session.get_transaction()
    cached = session.info.get("_kedai_dbapi")
    if tx is not None and cached is not None and cached[0] is tx:
        return cached[1]
    conn = session.connection()
    found = (conn.connection.dbapi_connection, conn.dialect.name == "postgresql", conn.dialect.loaded_dbapi)
    session.info["_kedai_dbapi"] = (session.get_transaction(), found)
    return found


def is_pg(session: Session) -> bool:
    given = session.info.get(DRIVER)
    return given[1] if given is not None else session.get_bind().dialect.name == "postgresql"


def to_db_time(session: Session, moment: datetime) -> Any:
    utc = moment if moment.tzinfo is timezone.utc else moment.astimezone(timezone.utc)
    return utc if is_pg(session) else _sqlite_time(utc)


@lru_cache(maxsize=64)  # a message writes its one `now` several times
def _sqlite_time(utc: datetime) -> str:
    # SQLAlchemy's own SQLite DateTime text ("%Y-%m-%d %H:%M:%S.%f"), so ORM and plain SQL
    # read each other's rows; isoformat writes it several times faster than strftime.
    return utc.replace(tzinfo=None).isoformat(" ", "microseconds")


def from_db_time(value: Any) -> datetime | None:
    if value is None:
        return None
    if isinstance(value, str):
        return _parse_sqlite_time(value)
    return _as_utc(value)


def _as_utc(value: datetime) -> datetime:
    return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value.astimezone(timezone.utc)


@lru_cache(maxsize=4096)  # the same stored times come back message after message (last_inbound_at)
def _parse_sqlite_time(text: str) -> datetime:
    return _as_utc(datetime.fromisoformat(text))


def to_db_json(value: Any) -> str:
    # orjson: every message writes its state and replies as JSON; the stdlib took ~10% of a message.
    return orjson.dumps(value, option=orjson.OPT_NON_STR_KEYS).decode()


def from_db_json(value: Any) -> Any:
    return orjson.loads(value) if isinstance(value, (str, bytes)) else value
