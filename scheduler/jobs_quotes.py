"""Quoted delivery fees, swept from rows like payment deadlines (scheduler.jobs_payments): one
reminder shortly before `quote_by` to whoever must act (the sellers while an order awaits its
fee, the customer once it is quoted), and expiry after it, which gives the reserved stock back.

Both claim each order with a compare-and-set (the lifecycle's move for expiry, `quote_reminded_at`
for the reminder), so a restart or a second process never doubles them, and a quote or an accept
racing the sweep ends one way only.
"""

from __future__ import annotations

import asyncio
import logging
from concurrent.futures import Executor
from datetime import datetime, timedelta

from sqlalchemy.orm import Session, sessionmaker

from conversations.base import Button, Reply
from conversations.customer.order_status import ACCEPT_QUOTE, CANCEL
from conversations.seller.orders import button_value
from effects import outbox
from effects.notices import to_customer, to_sellers
from language.money import local_time, rupiah
from orders.lifecycle import Action, IllegalMove, Status, move
from scheduler.jobs_payments import BATCH, MAX_BATCHES, Clock, Shops
from scheduler.runner import Job, drain_in_batches
from storage import orders as orders_db
from storage.db import unit_of_work
from storage.models import Order
from texts.id import customer as customer_texts
from texts.id import quotes as t

log = logging.getLogger(__name__)

REMINDER_LEAD = timedelta(hours=1)


def expire_quotes_batch(sessions: sessionmaker[Session], clock: Clock, batch: int = BATCH) -> tuple[int, bool]:
    """One transaction: expires up to `batch` orders whose quote deadline passed; (expired, more may be due)."""
    now = clock()
    expired = 0
    with unit_of_work(sessions) as s:
        ids = orders_db.fetch_quote_overdue_ids(s, now, batch)
        shops = Shops(s)
        for order_id in ids:
            expired += _expire_one(s, shops, order_id, now)
        s.commit()
    return expired, len(ids) == batch


def expire_quotes(sessions: sessionmaker[Session], clock: Clock, *, batch: int = BATCH, max_batches: int = MAX_BATCHES) -> int:
    expired = 0
    for _ in range(max_batches):
        count, more = expire_quotes_batch(sessions, clock, batch)
        expired += count
        if not more:
            break
    return expired


def _expire_one(s: Session, shops: Shops, order_id: int, now: datetime) -> int:
    savepoint = s.begin_nested()  # one bad row must not hold back the rest of the batch
    try:
        moved = move(s, order_id, Action.EXPIRE, "system", now)
        o, tz = moved.order, shops.get(moved.order.shop_id).tz
        unquoted = moved.before == Status.AWAITING_QUOTE
        quote_by = local_time(o.quote_by, tz) if o.quote_by else "-"
        told = (t.EXPIRED_NO_QUOTE.format(code=o.code) if unquoted
                else t.EXPIRED_NOT_ACCEPTED.format(code=o.code, quote_by=quote_by))
        sellers = t.SELLER_EXPIRED.format(code=o.code, name=o.customer_name,
                                          why=t.WHY_NO_QUOTE if unquoted else t.WHY_NOT_ACCEPTED)
        outbox.write(s, o.shop_id, to_customer(s, o, Reply(told, [Button(customer_texts.BTN_CATALOG, "catalog")]))
                     + to_sellers(s, o.shop_id, Reply(sellers)), now)
    except IllegalMove:
        savepoint.rollback()  # quoted, accepted or cancelled since it was read: not ours to expire
        return 0
    except Exception:
        savepoint.rollback()
        log.exception("expiring quoted order %s failed; it stays due", order_id)
        return 0
    savepoint.commit()
    return 1


def remind_quotes(sessions: sessionmaker[Session], clock: Clock, *, lead: timedelta = REMINDER_LEAD,
                  batch: int = BATCH) -> int:
    """Each waiting order's one reminder, to the sellers (no fee yet) or the customer (not accepted yet)."""
    now = clock()
    sent = 0
    with unit_of_work(sessions) as s:
        shops = Shops(s)
        for order in orders_db.fetch_quote_reminders(s, now, now + lead, batch):
            if not due(order, now, lead) or not orders_db.claim_quote_reminder(s, order.id, now):
                continue
            tz = shops.get(order.shop_id).tz
            sent += len(outbox.write(s, order.shop_id, reminder(s, order, tz), now))
        s.commit()
    return sent


def due(order: Order, now: datetime, lead: timedelta) -> bool:
    """Short windows get their reminder a third of the way before the end, long ones `lead` before."""
    assert order.quote_by is not None
    return now >= order.quote_by - min(lead, (order.quote_by - order.updated_at) / 3)


def reminder(s: Session, order: Order, tz) -> list:  # type: ignore[no-untyped-def]
    quote_by = local_time(order.quote_by, tz)
    if order.status == Status.AWAITING_QUOTE:
        text = t.SELLER_REMINDER.format(code=order.code, quote_by=quote_by)
        buttons = [Button(t.BTN_QUOTE.format(code=order.code), button_value(Action.QUOTE, order.code))]
        return to_sellers(s, order.shop_id, Reply(text, buttons))
    text = t.CUSTOMER_REMINDER.format(code=order.code, fee=rupiah(order.delivery_fee), total=rupiah(order.total),
                                      quote_by=quote_by)
    buttons = [Button(t.BTN_ACCEPT, ACCEPT_QUOTE.pack(order.code)), Button(t.BTN_REFUSE, CANCEL.pack(order.code))]
    return to_customer(s, order, Reply(text, buttons))


def quote_jobs(sessions: sessionmaker[Session], db: Executor, clock: Clock, seconds: float) -> list[Job]:
    """The two jobs for the scheduler, on the database executor like every other write."""

    async def expiry() -> int:
        return await drain_in_batches(db, lambda: expire_quotes_batch(sessions, clock), MAX_BATCHES)

    async def reminders() -> int:
        return await asyncio.get_running_loop().run_in_executor(db, lambda: remind_quotes(sessions, clock))

    return [Job("quote-expiry", expiry, seconds), Job("quote-reminders", reminders, seconds)]
