"""Payment deadlines, swept from rows: a reminder before `pay_by`, expiry after it.

Both jobs read what is due from the orders table and claim each order with a compare-and-set
(the status move for expiry, `reminded_at` for the reminder), so a restart or a scheduler
that was down only delays them, and a second run or a second process never doubles them.
A seller confirming at the same moment as the sweep: one of the two moves wins, the other
finds the order changed and leaves it alone.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from concurrent.futures import Executor
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session, sessionmaker

from language.money import local_time, rupiah
from shops import loader as shop_loader
from shops.loader import ShopRecord
from conversations.base import Button, Reply
from effects import outbox
from effects.notices import to_customer
from orders.lifecycle import Action, IllegalMove, move
from scheduler.runner import Job, drain_in_batches
from storage import orders as orders_db
from storage import shops as shops_db
from storage.db import unit_of_work
from storage.models import Order
from texts.id import customer as customer_texts
from texts.id import payment as payment_texts

log = logging.getLogger(__name__)

BATCH = 50  # one transaction; on SQLite's single writer a batch is the longest a message waits behind the sweep
MAX_BATCHES = 20  # per tick: a backlog after downtime drains over a few ticks
REMINDER_LEAD = timedelta(minutes=30)

Clock = Callable[[], datetime]


class Shops:
    """Shop records, read once per sweep."""

    def __init__(self, session: Session):
        self.session = session
        self._cache: dict[int, ShopRecord] = {}

    def get(self, shop_id: int) -> ShopRecord:
        if shop_id not in self._cache:
            self._cache[shop_id] = shop_loader.of(shops_db.fetch_shop(self.session, shop_id))
        return self._cache[shop_id]


def expire_batch(sessions: sessionmaker[Session], clock: Clock, batch: int = BATCH) -> tuple[int, bool]:
    """One transaction: expires up to `batch` overdue orders; returns (expired, more may be due)."""
    now = clock()
    expired = 0
    with unit_of_work(sessions) as s:
        ids = orders_db.fetch_overdue_ids(s, now, batch)
        shops = Shops(s)
        for order_id in ids:
            expired += _expire_one(s, shops, order_id, now)
        s.commit()
    return expired, len(ids) == batch


def expire_overdue(sessions: sessionmaker[Session], clock: Clock, *, batch: int = BATCH,
                   max_batches: int = MAX_BATCHES) -> int:
    """Expires unpaid orders past their deadline, releasing stock and telling the customer; returns how many."""
    expired = 0
    for _ in range(max_batches):
        count, more = expire_batch(sessions, clock, batch)
        expired += count
        if not more:
            break
    return expired


def _expire_one(s: Session, shops: Shops, order_id: int, now: datetime) -> int:
    savepoint = s.begin_nested()  # one bad row must not hold back the rest of the batch
    try:
        moved = move(s, order_id, Action.EXPIRE, "system", now)
        tz = shops.get(moved.order.shop_id).tz
        outbox.write(s, moved.order.shop_id, to_customer(s, moved.order, expired_message(moved.order, tz)), now)
    except IllegalMove:
        savepoint.rollback()  # paid, cancelled or proof sent since it was read: not ours to expire
        return 0
    except Exception:
        savepoint.rollback()
        log.exception("expiring order %s failed; it stays due", order_id)
        return 0
    savepoint.commit()
    return 1


def expired_message(order: Order, tz: ZoneInfo) -> Reply:
    return Reply(payment_texts.EXPIRED.format(code=order.code, pay_by=local_time(order.pay_by, tz) if order.pay_by else "-"),
                 [Button(customer_texts.BTN_CATALOG, "catalog"), Button(customer_texts.BTN_MY_ORDERS, "orders")])


def reminder_due(order: Order, now: datetime, lead: timedelta) -> bool:
    """Short windows get their reminder a third of the way before the end, long ones `lead` before."""
    assert order.pay_by is not None
    return now >= order.pay_by - min(lead, (order.pay_by - order.created_at) / 3)


def remind_unpaid(sessions: sessionmaker[Session], clock: Clock, *, lead: timedelta = REMINDER_LEAD,
                  batch: int = BATCH) -> int:
    """Sends each unpaid order's one reminder shortly before its deadline; returns how many."""
    now = clock()
    sent = 0
    with unit_of_work(sessions) as s:
        shops = Shops(s)
        for order in orders_db.fetch_reminder_candidates(s, now, now + lead, batch):
            if not reminder_due(order, now, lead) or not orders_db.claim_reminder(s, order.id, now):
                continue
            tz = shops.get(order.shop_id).tz
            text = payment_texts.REMINDER.format(code=order.code, pay_by=local_time(order.pay_by, tz), total=rupiah(order.total))
            buttons = [Button(payment_texts.BTN_HOW_TO_PAY, f"payhow:{order.code}"), Button(payment_texts.BTN_CANCEL_ORDER, f"ocancel:{order.code}")]
            sent += len(outbox.write(s, order.shop_id, to_customer(s, order, Reply(text, buttons)), now))
        s.commit()
    return sent


def payment_jobs(sessions: sessionmaker[Session], db: Executor, clock: Clock, seconds: float) -> list[Job]:
    """The two jobs for the scheduler, run on the database executor like every other write."""

    async def expiry() -> int:
        return await drain_in_batches(db, lambda: expire_batch(sessions, clock), MAX_BATCHES)

    async def reminders() -> int:
        return await asyncio.get_running_loop().run_in_executor(db, lambda: remind_unpaid(sessions, clock))

    return [Job("payment-expiry", expiry, seconds), Job("payment-reminders", reminders, seconds)]
