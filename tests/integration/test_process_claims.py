"""Outbox claims carry their process, and a process that is gone gives its claims back at once:
several "processes" on one database (SQLite and PostgreSQL), told apart the way real ones are
(host, pid, boot id and start time), with real pids that are alive, dead or reused."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from sqlalchemy import select

from bot.delivery import Delivery
from bot.messages import Outbound
from bot.processes import Processes, instance_of
from storage import outbox as outbox_db
from storage import processes as processes_db
from storage.db import unit_of_work
from storage.models import OutboxMessage, Process
from tests.promo_support import RecordingSender
from tests.support import NOW, seeded_engine


class Rig:
    def __init__(self, db_url: str):
        self.now = NOW
        self.engine, self.sessions = seeded_engine(db_url)
        self.db = ThreadPoolExecutor(1)

    def processes(self, **kw) -> Processes:  # type: ignore[no-untyped-def]
        return Processes(self.sessions, self.db, clock=lambda: self.now, **kw)

    def other(self, *, host: str, pid: int, instance: str = "", beat_ago: float = 0) -> int:
        """A process row as another process would have written it."""
        with unit_of_work(self.sessions) as s:
            pid_row = processes_db.register(s, host, pid, instance, "serve", self.now - timedelta(seconds=beat_ago))
            s.commit()
        return pid_row

    def claimed_by(self, owner: int, recipient: str) -> int:
        """An outbox row claimed for sending by `owner`, whose send never finished."""
        with unit_of_work(self.sessions) as s:
            [row_id] = outbox_db.add_outbox(s, [{"shop_id": 1, "channel": "telegram", "recipient": recipient,
                                          "payload": Outbound("telegram", recipient, "Halo").payload()}], self.now)
            [claimed] = outbox_db.claim(s, [row_id], self.now, ["telegram"], owner)
            s.commit()
        return claimed.id

    def row(self, row_id: int) -> OutboxMessage:
        with self.sessions() as s:
            return s.execute(select(OutboxMessage).where(OutboxMessage.id == row_id)).scalar_one()

    def process_ids(self) -> set[int]:
        with self.sessions() as s:
            return set(s.execute(select(Process.id)).scalars())


@pytest.fixture
def rig(db_url: str) -> Iterator[Rig]:
    r = Rig(db_url)
    yield r
    r.db.shutdown()
    r.engine.close()


@pytest.fixture
def dead_pid() -> int:
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    return int(done.stdout)


@pytest.fixture
def live_pid() -> Iterator[int]:
    proc = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    yield proc.pid
    proc.kill()
    proc.wait()


def test_a_claim_records_its_process_and_a_restart_on_the_same_host_sends_the_dead_ones_rows_at_once(rig, dead_pid):
    me = rig.processes()
    crashed = rig.other(host=me.host, pid=dead_pid, instance=f"boot:{dead_pid}")
    row_id = rig.claimed_by(crashed, "5001")
    assert (rig.row(row_id).status, rig.row(row_id).claimed_by) == ("sending", crashed)
    sender = RecordingSender()
    delivery = Delivery(rig.sessions, {"telegram": sender}, rig.db, clock=lambda: rig.now)
    delivery.owner = lambda: me.id
    me.on_reclaimed = delivery.kick

    async def restart() -> None:
        await me.start()  # registers, reaps the dead process and hands its rows to delivery
        await delivery.idle()
        await me.stop()

    asyncio.run(restart())
    # the lease (two minutes) has not passed on this clock: only the owner's death put it back
    assert [o.recipient for o in sender.sent] == ["5001"]
    assert rig.row(row_id).status == "sent"
    assert crashed not in rig.process_ids() and me.id is None


def test_only_processes_that_are_gone_lose_their_claims(rig, dead_pid, live_pid):
    me = rig.processes()
    me.register()
    rows = {
        "elsewhere, beating": rig.other(host="another-host|pid:[1]", pid=dead_pid),
        "elsewhere, silent": rig.other(host="another-host|pid:[1]", pid=live_pid, beat_ago=61),
        "here, alive": rig.other(host=me.host, pid=live_pid, instance=instance_of(live_pid)),
        "here, dead": rig.other(host=me.host, pid=dead_pid),
        "here, pid reused": rig.other(host=me.host, pid=live_pid, instance="other-boot:123"),
        "here, my own pid earlier": rig.other(host=me.host, pid=os.getpid()),
    }
    claims = {name: rig.claimed_by(owner, str(6000 + n)) for n, (name, owner) in enumerate(rows.items())}
    unowned = rig.claimed_by(None, "6100")  # a claim by a process that never registered waits out the lease
    back = set(me.reap())
    assert back == {claims[n] for n in ("elsewhere, silent", "here, dead", "here, pid reused", "here, my own pid earlier")}
    assert rig.process_ids() == {me.id, rows["elsewhere, beating"], rows["here, alive"]}
    assert {rig.row(i).status for i in back} == {"pending"}
    kept = [claims["elsewhere, beating"], claims["here, alive"], unowned]
    assert [rig.row(i).status for i in kept] == ["sending"] * 3
    assert me.reap() == []  # once reclaimed, nothing more to take


def test_a_process_taken_for_dead_registers_again_on_its_next_beat(rig):
    me, other = rig.processes(), rig.processes()
    me.register()
    other.register()
    rig.now += timedelta(seconds=90)  # `me` stops beating (a long pause), `other` beats and reaps it
    other.beat()
    other.reap()
    old = me.id
    assert old not in rig.process_ids()
    me.beat()
    assert me.id != old and me.id in rig.process_ids()
