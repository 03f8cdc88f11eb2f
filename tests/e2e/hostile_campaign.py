"""The hostile campaign's machinery: a `kedai serve` process with every channel on (Telegram
webhook and WhatsApp against the local fakes, the simulator), a database with a shop, sellers
and a bystander's order in it, hypothesis driving probes at it, and the checks afterwards:
the statuses, the server's log, and every table compared with its state before."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import hypothesis
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import MetaData, create_engine, select, text, update

from bot.messages import Inbound
from shops.setup import add_seller
from storage.migrate import upgrade
from storage.models import OutboxMessage
from tests.e2e import server
from tests.e2e.hostile_payloads import PUBLIC, SHOP_NUMBER, TELEGRAM_SECRET, Probe
from tests.support import EngineChat, seeded_engine

TELEGRAM_SELLER, WHATSAPP_SELLER = 700000001, "+6281299990000"
# Rows a stranger's own message may add: their message, identity, customer, conversation and replies.
OWN_TABLES = {"inbound_messages", "identities", "customers", "conversations", "outbox"}
IGNORED = {"processes", "alembic_version"}  # the server's heartbeat, the schema version


@dataclass
class Tally:
    """What the campaign did, for the closing note: requests and statuses per endpoint."""

    statuses: dict[str, Counter[int]] = field(default_factory=dict)
    seconds: float = 0.0
    tracebacks: int = 0
    handled: dict[str, int] = field(default_factory=dict)  # messages that went through the engine, per channel

    def add(self, endpoint: str, status: int) -> None:
        self.statuses.setdefault(endpoint, Counter())[status] += 1

    @property
    def requests(self) -> int:
        return sum(sum(c.values()) for c in self.statuses.values())

    @property
    def server_errors(self) -> int:
        return sum(n for c in self.statuses.values() for status, n in c.items() if status >= 500)

    def summary(self) -> dict[str, Any]:
        return {"requests": self.requests, "5xx": self.server_errors, "tracebacks": self.tracebacks,
                "seconds": round(self.seconds, 1), "handled_by_the_engine": self.handled,
                "statuses": {e: dict(sorted(c.items())) for e, c in sorted(self.statuses.items())}}


@contextlib.contextmanager
def fresh_database(backend: str, tmp: Path) -> Iterator[str]:
    """A migrated, empty database for a module's server: a SQLite file, or a PostgreSQL schema of its own."""
    from tests.conftest import PG_BASE, pg_available

    if backend == "sqlite":
        url = f"sqlite:///{tmp}/kedai.db"
        upgrade(url)
        yield url
        return
    if not pg_available():
        if os.environ.get("CI"):
            raise RuntimeError("PostgreSQL at 127.0.0.1 is required in CI")
        pytest.skip("no PostgreSQL at 127.0.0.1")
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(PG_BASE, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = f"{PG_BASE}?options=-csearch_path%3D{schema}"
    try:
        upgrade(url)
        yield url
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def seed(db_url: str) -> None:
    """The demo shop; sellers on Telegram and WhatsApp; two bystanders with a placed order each."""
    engine, sessions = seeded_engine(db_url)
    with sessions() as s:
        add_seller(s, 1, "telegram", str(TELEGRAM_SELLER), "Bu Sri")
        add_seller(s, 1, "whatsapp", WHATSAPP_SELLER, "Pak Budi", "staff")
        s.commit()
    for user, channel in (("bystander-siti", "simulator"), ("700000055", "telegram")):
        chat = EngineChat(engine, user, channel)
        for line in ("halo", "pesan 2 kripik pedes", "checkout", "Siti Rahayu", "diantar", "Jl. Ijen No. 5, Klojen",
                     "lewati", "transfer", "ya"):
            chat.send(line)
        assert "KD-000" in chat.text, chat.text
    engine.handle(Inbound("simulator", "bystander-siti", "bystander-cart", text="pesan 1 nastar"))
    with sessions() as s:  # delivered long ago: the server has nothing of theirs left to send
        s.execute(update(OutboxMessage).values(status="sent"))
        s.commit()
    engine.close()
    sessions.kw["bind"].dispose()


def snapshot(db_url: str) -> dict[str, list[tuple]]:
    """Every table's rows in primary-key order, values as text."""
    db = create_engine(db_url)
    meta = MetaData()
    meta.reflect(bind=db)
    tables: dict[str, list[tuple]] = {}
    with db.connect() as conn:
        for name, table in meta.tables.items():
            if name in IGNORED:
                continue
            order = list(table.primary_key.columns) or list(table.columns)
            tables[name] = [tuple(repr(v) for v in row) for row in conn.execute(select(table).order_by(*order))]
    db.dispose()
    return tables


def changes_outside_senders(before: dict[str, list[tuple]], after: dict[str, list[tuple]], db_url: str) -> list[str]:
    """What changed that no stranger's own conversation explains (empty when all is well)."""
    found = []
    for name in sorted(set(before) | set(after)):
        old, new = before.get(name, []), after.get(name, [])
        if name not in OWN_TABLES:
            if old != new:
                found.append(f"{name}: {len(old)} rows -> {len(new)}, {[r for r in new if r not in old][:2]}")
            continue
        if new[:len(old)] != old:  # existing rows (ids below the new ones) stay exactly as they were
            changed = [(a, b) for a, b in zip(old, new) if a != b][:2]
            found.append(f"{name}: earlier rows changed: {changed or 'deleted'}")
    db = create_engine(db_url)
    with db.connect() as conn:  # every reply or notice written went to someone who wrote
        strays = conn.execute(text(
            "SELECT o.channel, o.recipient FROM outbox o WHERE o.id > :last AND NOT EXISTS "
            "(SELECT 1 FROM inbound_messages i WHERE i.channel = o.channel AND i.sender = o.recipient AND i.id > :first)"),
            {"last": _last_id(before, "outbox"), "first": _last_id(before, "inbound_messages")}).all()
    db.dispose()
    found += [f"outbox row to {c}:{r}, who sent nothing" for c, r in strays]
    return found


def handled_since(tables: dict[str, list[tuple]], db_url: str) -> dict[str, int]:
    """New inbound messages per channel: the probes that got past the edge into a transaction."""
    db = create_engine(db_url)
    with db.connect() as conn:
        rows = conn.execute(text("SELECT channel, count(*) FROM inbound_messages WHERE id > :last GROUP BY channel"),
                            {"last": _last_id(tables, "inbound_messages")}).all()
    db.dispose()
    return {channel: n for channel, n in sorted(rows)}


def _last_id(tables: dict[str, list[tuple]], name: str) -> int:
    return max((int(row[0]) for row in tables.get(name, [])), default=0)


@contextlib.contextmanager
def serving(db_url: str, tmp: Path, telegram_base: str, telegram_token: str, twilio: Any) -> Iterator[tuple[str, Path]]:
    """`kedai serve` with every channel on; yields its base URL and the file its log goes to."""
    port = server.free_port()
    log = tmp / "server.log"
    env = {**os.environ, "KEDAI_DATABASE_URL": db_url, "KEDAI_PORT": str(port), "KEDAI_HOST": "127.0.0.1",
           "KEDAI_SIMULATOR": "1", "KEDAI_DATA_DIR": str(tmp / "data"), "KEDAI_PUBLIC_URL": PUBLIC,
           "TELEGRAM_BOT_TOKEN": telegram_token, "TELEGRAM_API_BASE_URL": telegram_base, "TELEGRAM_MODE": "webhook",
           "TELEGRAM_WEBHOOK_SECRET": TELEGRAM_SECRET, "TELEGRAM_CHAT_RATE": "0", "TELEGRAM_GLOBAL_RATE": "0",
           "TWILIO_ACCOUNT_SID": twilio.account_sid, "TWILIO_AUTH_TOKEN": twilio.auth_token,
           "TWILIO_WHATSAPP_NUMBER": SHOP_NUMBER, "TWILIO_API_BASE_URL": twilio.base_url}
    with log.open("wb") as err:
        proc = subprocess.Popen([sys.executable, "main.py", "serve", "--no-scheduler"], cwd=server.ROOT, env=env,
                                stdout=subprocess.DEVNULL, stderr=err)
        try:
            server.wait_ready(f"http://127.0.0.1:{port}/healthz", proc)
            yield f"http://127.0.0.1:{port}", log
        finally:
            proc.terminate()
            try:
                proc.wait(20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(10)


def traceback_count(log: Path) -> int:
    return log.read_text(encoding="utf-8", errors="replace").count("Traceback (most recent call last)")


def attack(http: httpx.Client, strategy: st.SearchStrategy[Probe], examples: int, tally: Tally,
           seed: int | None) -> None:
    """Sends `examples` probes drawn by hypothesis; each must be answered as its probe allows."""

    @settings(max_examples=examples, deadline=None, database=None, derandomize=seed is None,
              suppress_health_check=list(HealthCheck), print_blob=True)
    @hypothesis.seed(seed)  # None: derandomized, the same probes every run (the suite); else the soak's seed
    @given(strategy)
    def probe(p: Probe) -> None:
        response = http.request(p.method, p.path, headers=p.headers, content=p.body)
        tally.add(p.endpoint, response.status_code)
        assert response.status_code < 500, (p, response.text[:300])
        if p.expect is not None:
            assert response.status_code in p.expect, (p, response.status_code, response.text[:300])
        if p.endpoint == "media" and response.status_code == 200:
            assert b"BaseSettings" not in response.content  # nothing outside the media folders

    probe()


def wait_quiet(http: httpx.Client, db_url: str, timeout: float = 30.0) -> None:
    """Waits until every reply the campaign set off has left the outbox (none pending or being
    sent), so the tables are compared once the server has finished, not after a guessed pause."""
    db = create_engine(db_url)
    deadline = time.monotonic() + timeout
    try:
        while True:
            with db.connect() as conn:
                open_rows = conn.execute(text("SELECT count(*) FROM outbox WHERE status IN ('pending', 'sending')")).scalar()
            if not open_rows:
                break
            if time.monotonic() > deadline:
                raise AssertionError(f"{open_rows} outbox rows still open after {timeout:g} s")
            time.sleep(0.05)
    finally:
        db.dispose()
    http.get("/healthz")

