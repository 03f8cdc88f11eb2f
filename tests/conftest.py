"""Shared fixtures: a fresh migrated database per test, on SQLite and on the local PostgreSQL;
and the guard that keeps every test off the real Telegram and Twilio (tests/network_guard.py)."""

from __future__ import annotations

import functools
import json
import os
import sqlite3
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.pool import NullPool

from alembic.script import ScriptDirectory

from storage.migrate import alembic_config, upgrade
from tests import network_guard

network_guard.install()

pytest_plugins = ["tests.fakes.telegram_api", "tests.fakes.twilio_api"]

PG_BASE = os.environ.get("KEDAI_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


@pytest.fixture(autouse=True)
def no_real_chat_platforms() -> Iterator[None]:
    """Fails a test that tried to reach the real Telegram or Twilio, even if the error was caught."""
    network_guard.attempts.clear()
    yield
    if network_guard.attempts:
        tried = sorted(set(network_guard.attempts))
        network_guard.attempts.clear()
        pytest.fail(f"this test tried to reach {', '.join(tried)}; tests use the fakes in tests/fakes/")


@functools.cache
def pg_available() -> bool:
    try:
        engine = create_engine(PG_BASE)
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        engine.dispose()
        return True
    except Exception:
        return False


def require_pg() -> None:
    if not pg_available():
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL at 127.0.0.1 is required in CI")
        pytest.skip("no PostgreSQL at 127.0.0.1")


# Migrating a SQLite file takes 100 times longer than copying one (batch ALTERs rebuild tables),
# and ~170 tests want a fresh one: each worker migrates one template from empty and every test
# gets a copy (every e2e server still runs `kedai db upgrade` on its own empty database).
@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("template") / "kedai.db"
    upgrade(f"sqlite:///{path}")
    return path


@pytest.fixture
def sqlite_url(tmp_path, sqlite_template) -> str:
    path = tmp_path / "kedai.db"
    with sqlite3.connect(sqlite_template) as source, sqlite3.connect(path) as copy:
        source.backup(copy)  # a consistent copy even if the template kept a WAL file
    return f"sqlite:///{path}"


class _PgSchema:
    """This worker's migrated schema on PostgreSQL, emptied for each test: TRUNCATE is ~20 times
    cheaper than creating and migrating a schema. A test that left it at another revision (a
    downgrade) or holding a lock gets a new one."""

    def __init__(self) -> None:
        self.admin = create_engine(PG_BASE, isolation_level="AUTOCOMMIT", poolclass=NullPool)
        self.head = ScriptDirectory.from_config(alembic_config(PG_BASE)).get_current_head()
        self.schema = ""
        self.tables: list[str] = []

    @property
    def url(self) -> str:
        # synchronous_commit off: a test's commits need not wait for the disk (a crash of the
        # server loses the test's data, never the order of commits); a big share of the suite's time
        return f"{PG_BASE}?options=-csearch_path%3D{self.schema}%20-csynchronous_commit%3Doff"

    def fresh(self) -> None:
        self.drop()
        self.schema = f"t_{uuid.uuid4().hex[:12]}"
        with self.admin.connect() as conn:
            conn.execute(text(f'CREATE SCHEMA "{self.schema}"'))
        upgrade(self.url)
        with self.admin.connect() as conn:
            self.tables = [t for (t,) in conn.execute(text(
                "SELECT tablename FROM pg_tables WHERE schemaname = :s AND tablename <> 'alembic_version'"),
                {"s": self.schema})]

    def emptied(self) -> str:
        if not self.schema or not self._at_head() or not self._truncate():
            self.fresh()
        return self.url

    def _at_head(self) -> bool:
        with self.admin.connect() as conn:
            try:
                return conn.execute(text(f'SELECT version_num FROM "{self.schema}".alembic_version')).scalar() == self.head
            except Exception:
                return False

    def _truncate(self) -> bool:
        names = ", ".join(f'"{self.schema}"."{t}"' for t in self.tables)
        try:
            with self.admin.connect() as conn, conn.begin():
                conn.execute(text("SET LOCAL lock_timeout = '2s'"))
                conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
            return True
        except Exception:
            return False

    def drop(self) -> None:
        if self.schema:
            with self.admin.connect() as conn:
                conn.execute(text(f'DROP SCHEMA IF EXISTS "{self.schema}" CASCADE'))
            self.schema = ""


@pytest.fixture(scope="session")
def _pg_schema() -> Iterator[_PgSchema]:
    require_pg()
    schema = _PgSchema()
    try:
        yield schema
    finally:
        schema.drop()


@pytest.fixture
def pg_url(_pg_schema) -> str:
    """An empty, migrated PostgreSQL schema for this test alone (tests in parallel have their own)."""
    return _pg_schema.emptied()


@pytest.fixture(params=["sqlite", "postgres"])
def db_url(request) -> str:
    return request.getfixturevalue("sqlite_url" if request.param == "sqlite" else "pg_url")


RESULTS = Path(__file__).resolve().parent.parent / "data" / "test-results"


def pytest_configure(config) -> None:  # type: ignore[no-untyped-def]
    config.kedai_started = time.time()


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:  # type: ignore[no-untyped-def]
    """The hostile campaign's counts of this run (tests/e2e/test_hostile_inputs.py), for the record."""
    if not RESULTS.is_dir():
        return
    for path in sorted(RESULTS.glob("hostile-*.json")):
        if path.stat().st_mtime >= getattr(config, "kedai_started", 0):
            terminalreporter.write_line(f"hostile campaign: {json.dumps(json.loads(path.read_text()))}")


# The longest tests start first: xdist hands each worker a share in collection order and the
# workers steal what is left, so a 40-second test collected last ran alone at the end while the
# other core idled (`make test` must stay under CI's five minutes).
FIRST = ("tests/e2e/test_two_processes.py", "tests/corpus/", "tests/e2e/")


def pytest_collection_modifyitems(session, config, items) -> None:  # type: ignore[no-untyped-def]
    def rank(item) -> int:  # type: ignore[no-untyped-def]
        return next((n for n, prefix in enumerate(FIRST) if item.nodeid.startswith(prefix)), len(FIRST))

    items.sort(key=rank)  # stable: each file's tests keep their order
