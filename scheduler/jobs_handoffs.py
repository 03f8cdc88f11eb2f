"""Handoffs swept from their rows: a chat with nothing said for IDLE_AFTER is closed (both sides
told, the customer's flows go on), and a customer nobody took within LATE_AFTER is told once
when to expect an answer (the shop's next opening when it is closed, else soon)."""

from __future__ import annotations

import asyncio
from concurrent.futures import Executor
from datetime import timedelta

from sqlalchemy.orm import Session, sessionmaker

from conversations.base import Reply
from conversations.customer.questions import opens_next
from effects import outbox
from effects.handoffs import closing_notices
from effects.outbox import to
from scheduler.jobs_payments import Clock, Shops
from scheduler.runner import Job
from storage import handoffs as handoffs_db
from storage.db import unit_of_work
from texts.id import handoff as t

IDLE_AFTER = timedelta(minutes=30)
LATE_AFTER = timedelta(minutes=10)


def sweep_handoffs(sessions: sessionmaker[Session], clock: Clock, *, idle_after: timedelta = IDLE_AFTER,
                   late_after: timedelta = LATE_AFTER) -> tuple[int, int]:
    """One transaction: (chats closed for idleness, waiting customers told when to expect an answer)."""
    now = clock()
    with unit_of_work(sessions) as s:
        shops = Shops(s)
        idle = handoffs_db.fetch_idle(s, now - idle_after)
        for row in idle:
            if handoffs_db.close(s, row.shop_id, row.id, now) is not None:
                outbox.write(s, row.shop_id, closing_notices(s, row), now)
        late = handoffs_db.fetch_unanswered(s, now - late_after)
        for row in late:
            row.told_late_at = now
            shop = shops.get(row.shop_id)
            when = opens_next(shop.profile, shop.tz, now) or t.LATE_SOON
            outbox.write(s, row.shop_id, [to(row.channel, row.address, Reply(t.LATE.format(when=when)))], now)
        s.commit()
    return len(idle), len(late)


def handoff_jobs(sessions: sessionmaker[Session], db: Executor, clock: Clock, seconds: float) -> list[Job]:
    async def sweep() -> int:
        closed, told = await asyncio.get_running_loop().run_in_executor(db, lambda: sweep_handoffs(sessions, clock))
        return closed + told

    return [Job("handoff-sweep", sweep, seconds)]
