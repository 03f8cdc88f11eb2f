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

from storage.migrate import upgrade
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


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A schema of its own per test, so tests never share state and can run in parallel. (Copying
    a migrated template database instead was measured no faster here: on PostgreSQL the time is
    the server's, creating and dropping either way.)"""
    require_pg()
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(PG_BASE, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    with admin.connect() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = f"{PG_BASE}?options=-csearch_path%3D{schema}"
    upgrade(url)
    try:
        yield url
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


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
