"""Plain SQL for the statements every message runs.

PERFORMANCE.md: building and compiling ORM statements costs several times the database
work itself, and every message pays it. The one path's few statements are therefore plain
SQL with :named parameters handed to the driver as they are (sqlite3 takes :named, psycopg
gets %(named)s), inside the same Session transaction as everything else.
"""

from __future__ import annotations

import json
import re
from collections import namedtuple
from functools import lru_cache
from datetime import datetime, timezone
from typing import Any

from sqlalchemy.orm import Session

_NAMED = re.compile(r"(?<![:\w]):(\w+)")
# SQLAlchemy's own SQLite DateTime text format, so ORM and plain SQL read each other's rows.
_SQLITE_TIME = "%Y-%m-%d %H:%M:%S.%f"


class Rows:
    """The little of a result the callers use: rows with attribute access, rowcount."""

    __slots__ = ("_cursor", "rowcount", "_row")

    def __init__(self, cursor: Any):
        self._cursor = cursor
        self.rowcount = cursor.rowcount
        self._row = _row_type(tuple(d[0] for d in cursor.description)) if cursor.description else None

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

    def __call__(self, session: Session, params: dict[str, Any] | None = None) -> Rows:
        dbapi, pg = _driver_connection(session)
        cursor = dbapi.cursor()
        cursor.execute(self.postgresql if pg else self.sqlite, params or {})
        return Rows(cursor)


def _driver_connection(session: Session) -> tuple[Any, bool]:
    """The DB-API connection under the session's current transaction, found once per transaction."""
    tx = session.get_transaction()
    cached = session.info.get("_kedai_dbapi")
    if tx is not None and cached is not None and cached[0] is tx:
        return cached[1], cached[2]
    conn = session.connection()
    found = (session.get_transaction(), conn.connection.dbapi_connection, conn.dialect.name == "postgresql")
    session.info["_kedai_dbapi"] = found
    return found[1], found[2]


def is_pg(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"


def to_db_time(session: Session, moment: datetime) -> Any:
    utc = moment.astimezone(timezone.utc)
    return utc if is_pg(session) else utc.replace(tzinfo=None).strftime(_SQLITE_TIME)


def from_db_time(value: Any) -> datetime | None:
    if value is None:
        return None
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value.astimezone(timezone.utc)


def to_db_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def from_db_json(value: Any) -> Any:
    return json.loads(value) if isinstance(value, (str, bytes)) else value
