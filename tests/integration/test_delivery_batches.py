"""Delivery in batches (SQLite and PostgreSQL): rows claimed and settled a batch at a time, one
person's messages in order, and a row held in memory past its lease never sent twice."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from sqlalchemy import event, select

from bot.delivery import Delivery
from bot.messages import Outbound
from storage import outbox as outbox_db
from storage.db import unit_of_work
from storage.models import OutboxMessage
from tests.promo_support import RecordingSender
from tests.support import NOW, seeded_engine


class Rig:
    def __init__(self, db_url: str):
        self.now = NOW
        self.engine, self.sessions = seeded_engine(db_url)
        self.db = ThreadPoolExecutor(1)

    def delivery(self, sender) -> Delivery:  # type: ignore[no-untyped-def]
        return Delivery(self.sessions, {"telegram": sender}, self.db, clock=lambda: self.now)

    def add(self, *messages: tuple[str, str]) -> list[int]:
        """Outbox rows (recipient, text), oldest first."""
        with unit_of_work(self.sessions) as s:
            ids = outbox_db.add_outbox(s, [{"shop_id": 1, "channel": "telegram", "recipient": to,
                                            "payload": Outbound("telegram", to, text).payload()}
                                           for to, text in messages], self.now)
            s.commit()
        return ids

    def statuses(self) -> list[str]:
        with self.sessions() as s:
            return list(s.execute(select(OutboxMessage.status).order_by(OutboxMessage.id)).scalars())


@pytest.fixture
def rig(db_url: str) -> Iterator[Rig]:
    r = Rig(db_url)
    yield r
    r.db.shutdown()
    r.engine.close()


class SlowFirst(RecordingSender):
    """A channel whose first send hangs until `go` is set (a slow network, a long wait to send)."""

    def __init__(self) -> None:
        super().__init__()
        self.go = asyncio.Event()
        self.calls = 0

    async def send(self, out: Outbound) -> str:
        self.calls += 1
        if self.calls == 1:
            await self.go.wait()
        return await super().send(out)


def test_a_reply_held_in_memory_past_its_lease_is_not_sent_again_after_the_drain_sent_it(rig):
    ids = rig.add(("5001", "first"), ("5001", "second"))  # the second waits in memory behind the first
    slow = SlowFirst()
    other = RecordingSender()

    async def scenario() -> None:
        holder = rig.delivery(slow)
        holder.kick(ids)
        while slow.calls == 0:
            await asyncio.sleep(0)
        rig.now += outbox_db.STUCK_AFTER + timedelta(seconds=1)
        assert await rig.delivery(other).drain() == 2  # the lease ran out: the drain job sends both
        slow.go.set()
        await holder.idle()

    asyncio.run(scenario())
    assert [o.text for o in other.sent] == ["first", "second"]
    # the first was already on its way when the lease ran out; the second was still in memory: kept back
    assert [o.text for o in slow.sent] == ["first"]
    assert rig.statuses() == ["sent", "sent"]


def test_a_backlog_is_claimed_and_settled_a_batch_at_a_time_in_each_persons_order(rig):
    people = [str(6000 + n) for n in range(30)]
    ids = rig.add(*[(p, f"{p} #{k}") for k in range(3) for p in people])  # 90 replies, 3 each, interleaved
    sender = RecordingSender()
    commits = []
    event.listen(rig.engine.sessions.kw["bind"], "commit", lambda conn: commits.append(1))

    async def scenario() -> None:
        delivery = rig.delivery(sender)
        delivery.kick(ids)
        await delivery.idle()

    asyncio.run(scenario())
    assert len(sender.sent) == 90 and rig.statuses() == ["sent"] * 90
    for p in people:
        assert [o.text for o in sender.sent if o.recipient == p] == [f"{p} #{k}" for k in range(3)]
    # two batches, each one claim and one settle, and the claim that found nothing left
    assert len(commits) <= 5


class Hangs(RecordingSender):
    """A channel on which one message hangs until `go` is set (its answer slow to come back)."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text, self.go = text, asyncio.Event()

    async def send(self, out: Outbound) -> str:
        if out.text == self.text:
            await self.go.wait()
        return await super().send(out)


def test_the_next_batch_goes_out_while_a_slow_answer_holds_up_the_last_one_but_not_that_persons_next(rig):
    others = [(str(7000 + n), f"{7000 + n} hi") for n in range(59)]
    ids = rig.add(("6999", "siti #1"), *others, ("6999", "siti #2"))  # siti's second is in the second batch
    sender = Hangs("siti #1")

    async def scenario() -> list[str]:
        delivery = rig.delivery(sender)
        delivery.kick(ids)
        for _ in range(500):  # until the second batch's other people are out (5 s at most)
            await asyncio.sleep(0.01)
            if len(sender.sent) == len(others):
                break
        before_answer = [o.text for o in sender.sent]
        sender.go.set()
        await delivery.idle()
        return before_answer

    before_answer = asyncio.run(scenario())
    assert sorted(before_answer) == sorted(text for _, text in others)  # not held up by one slow answer
    assert [o.text for o in sender.sent if o.recipient == "6999"] == ["siti #1", "siti #2"]
    assert rig.statuses() == ["sent"] * 61
