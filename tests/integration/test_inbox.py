"""One person's messages are handled one at a time and in order; nothing is lost when they
arrive together (a double tap, a webhook retry storm)."""

from __future__ import annotations

import asyncio
import sqlite3
import threading
import time

import pytest
from sqlalchemy import select

from bot.bootstrap import build
from bot.messages import Inbound
from shops.setup import load_demo_if_empty
from config import Settings
from storage.db import WriterBusy
from storage.models import Conversation


def test_many_messages_from_one_person_at_once_all_count_and_keep_their_order(db_url):
    kedai = build(Settings(KEDAI_DATABASE_URL=db_url))
    with kedai.sessions() as s:
        load_demo_if_empty(s)
        s.commit()

    async def burst() -> list:
        await kedai.inbox.submit(Inbound("simulator", "rina", "m-0", text="halo"))
        sends = [kedai.inbox.submit(Inbound("simulator", "rina", f"m-{i}", text="pesan 1 keripik tempe"))
                 for i in range(1, 11)]
        others = [kedai.inbox.submit(Inbound("simulator", f"other-{i}", f"o-{i}", text="halo")) for i in range(5)]
        return await asyncio.gather(*sends, *others)

    try:
        results = asyncio.run(burst())
    finally:
        kedai.close()
    adds = [r.replies[-1].text for r in results[:10]]
    assert [a.split("Keranjang: ")[0] for a in adds] == ["✅ 1 × Keripik Tempe 150g masuk keranjang.\n🧺 "] * 10
    assert [a.split("subtotal ")[1] for a in adds] == [f"Rp{12 * n}.000." for n in range(1, 11)]
    with kedai.sessions() as s:
        data = s.execute(select(Conversation.data).where(Conversation.party.like("customer:%"))
                         .order_by(Conversation.id).limit(1)).scalar_one()
    assert data["cart"] == {"KRP-TMP": 10}


def demo_kedai(url: str):
    kedai = build(Settings(KEDAI_DATABASE_URL=url))
    with kedai.sessions() as s:
        load_demo_if_empty(s)
        s.commit()
    return kedai


def wait_behind_another_writer(url: str, hold: float = 0.3) -> tuple[object, float, float, list[float]]:
    """Another process holds SQLite's write lock for `hold` seconds while one message arrives and a
    ticker runs on the loop; returns (the handled message, started, finished, the ticks' times).
    Shared with bench/bench_timing.py, which reports how long the loop's gaps and the wait were."""
    kedai = demo_kedai(url)
    other = sqlite3.connect(url.split("///", 1)[1], isolation_level=None)
    ticks: list[float] = []

    async def scenario():
        other.execute("BEGIN IMMEDIATE")  # another process is writing
        loop = asyncio.get_running_loop()

        async def ticker() -> None:
            for _ in range(20):
                ticks.append(loop.time())
                await asyncio.sleep(0.02)

        async def release_later() -> None:
            await asyncio.sleep(hold)
            other.execute("COMMIT")

        ticking = asyncio.create_task(ticker())
        await asyncio.sleep(0)  # the ticker is running before the message arrives
        started = loop.time()
        handled, *_ = await asyncio.gather(kedai.inbox.submit(Inbound("simulator", "rina", "w-1", text="halo")),
                                           release_later())
        finished = loop.time()
        await ticking
        return handled, started, finished

    try:
        handled, started, finished = asyncio.run(scenario())
    finally:
        other.close()
        kedai.close()
    return handled, started, finished, ticks


def test_on_sqlite_a_message_waits_off_the_loop_while_another_process_writes(sqlite_url):
    """The loop handles SQLite messages itself only while the write lock is free; when another
    writer (the CLI, a second process) holds it, the message waits on the db thread and the
    loop keeps serving everyone else. (How long the gaps are is measured in bench/bench_timing.py.)"""
    handled, started, finished, ticks = wait_behind_another_writer(sqlite_url)
    assert "Dapur Bu Sri" in handled.replies[0].text
    assert finished - started >= 0.3  # it did wait for the other writer...
    assert len(ticks) == 20 and sum(started < t < finished for t in ticks) >= 3  # ...while the loop ran on


def test_the_loops_connection_never_waits_and_is_never_shared(sqlite_url):
    kedai = demo_kedai(sqlite_url)
    transactions = kedai.engine.transactions
    other = sqlite3.connect(sqlite_url.split("///", 1)[1], isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        with pytest.raises(WriterBusy):
            with transactions.begin(wait=False):
                pass
        other.execute("COMMIT")
        with transactions.begin(wait=False) as tx:
            with pytest.raises(WriterBusy):  # a second caller while the first is inside
                with transactions.begin(wait=False):
                    pass
            tx.commit()
    finally:
        other.close()
        kedai.close()


def handled_where(kedai) -> list[str]:  # type: ignore[no-untyped-def]
    """Records the thread each message's engine step runs on (the step itself unchanged)."""
    where: list[str] = []
    handle = kedai.engine.handle

    def recording(inbound, **kw):  # type: ignore[no-untyped-def]
        where.append(threading.current_thread().name)
        return handle(inbound, **kw)

    kedai.engine.handle = recording
    return where


def test_a_message_behind_our_own_short_write_stays_on_the_loop(sqlite_url):
    """The delivery pump's claims and the jobs write on the db thread for a moment: messages
    arriving meanwhile wait for it on the loop and are handled there, not queued behind it on
    the db thread (where, sharing the GIL with the loop, each held the lock many times longer)."""
    kedai = demo_kedai(sqlite_url)
    where = handled_where(kedai)
    path = sqlite_url.split("///", 1)[1]

    def short_write() -> None:
        db = sqlite3.connect(path, isolation_level=None)
        db.execute("BEGIN IMMEDIATE")
        time.sleep(0.05)
        db.execute("COMMIT")
        db.close()

    async def scenario() -> list:
        loop = asyncio.get_running_loop()
        writing = loop.run_in_executor(kedai.db, short_write)
        await asyncio.sleep(0.01)  # the db thread holds the lock now
        handled = await asyncio.gather(*[kedai.inbox.submit(Inbound("simulator", f"p-{i}", f"s-{i}", text="halo"))
                                         for i in range(5)])
        await writing
        return handled

    try:
        handled = asyncio.run(scenario())
    finally:
        kedai.close()
    assert all("Dapur Bu Sri" in h.replies[0].text for h in handled)
    assert where == ["MainThread"] * len(where) and len(where) >= 5


def test_behind_a_long_foreign_write_one_message_waits_on_the_db_thread_the_rest_follow_on_the_loop(sqlite_url):
    kedai = demo_kedai(sqlite_url)
    where = handled_where(kedai)
    other = sqlite3.connect(sqlite_url.split("///", 1)[1], isolation_level=None)

    async def scenario() -> list:
        other.execute("BEGIN IMMEDIATE")

        async def release_later() -> None:
            await asyncio.sleep(0.6)  # longer than the loop's patience
            other.execute("COMMIT")

        handled = await asyncio.gather(*[kedai.inbox.submit(Inbound("simulator", f"p-{i}", f"l-{i}", text="halo"))
                                         for i in range(5)], release_later())
        return handled[:5]

    try:
        handled = asyncio.run(scenario())
    finally:
        other.close()
        kedai.close()
    assert all("Dapur Bu Sri" in h.replies[0].text for h in handled)
    assert [w for w in where if w != "MainThread"] == ["kedai-db_0"]  # one waited there, not five
    assert where.count("MainThread") >= 5  # the others (after their failed tries) were handled on the loop
