"""The review sweep: a completed order's review row (orders.lifecycle, due a polite delay after
completion) is asked once when due, within daytime in the shop's zone.

Each row is claimed with a compare-and-set on `asked_at` before its message is written in the
same transaction, so a sweep running twice (a restart, a second process) never asks twice; a
row due at night waits for the morning.
"""

from __future__ import annotations

import asyncio
import logging
from concurrent.futures import Executor
from datetime import datetime


from sqlalchemy.orm import Session, sessionmaker

from conversations.base import Reply
from conversations.customer.browsing import Browse
from conversations.customer.review import rating_buttons
from effects import outbox
from effects.notices import to_customer
from scheduler.jobs_payments import Clock, Shops
from scheduler.runner import Job
from handlers import choices
from storage import conversations as conversations_db
from storage import orders as orders_db
from storage import reviews as reviews_db
from storage.db import unit_of_work
from storage.models import Order
from language.names import addressed, has_honorific
from texts.id import regulars as t

log = logging.getLogger(__name__)

BATCH = 50
DAYTIME = range(8, 20)  # local hours in which a customer may be asked
IDLE = {"", Browse.HOME}  # conversation states in which a typed number may mean a star


def ask_due(sessions: sessionmaker[Session], clock: Clock, batch: int = BATCH) -> int:
    """Asks each due review once; returns how many were asked."""
    now = clock()
    asked = 0
    with unit_of_work(sessions) as s:
        shops = Shops(s)
        for review in reviews_db.fetch_due(s, now, batch):
            shop = shops.get(review.shop_id)
            if now.astimezone(shop.tz).hour not in DAYTIME:
                continue
            if not reviews_db.claim_ask(s, review.id, now):
                continue  # another sweep asked it meanwhile
            order = orders_db.fetch_order(s, review.order_id)
            ask = ask_message(shop.profile.name, order)
            remembered = offer_buttons(s, order, ask, now)  # first: numbered only where a typed "4" means 4 stars
            if outbox.write(s, review.shop_id, to_customer(s, order, ask, remembered=remembered), now):
                asked += 1
        s.commit()
    return asked


def offer_buttons(s: Session, order: Order, ask: Reply, now: datetime) -> bool:
    """Lets a typed "4" mean the fourth star (WhatsApp numbers the buttons), as if the ask had been
    the customer's last reply; only when they are not in the middle of something, whose own
    numbered answers must keep their meaning. A message of theirs meanwhile wins (version check)."""
    party = f"customer:{order.customer_id}"
    loaded = conversations_db.load_conversation(s, order.shop_id, party)
    if loaded is None or loaded.state not in IDLE:
        return False
    offered = choices.remember([ask])
    try:
        with s.begin_nested():
            conversations_db.save_conversation(s, order.shop_id, party, loaded, loaded.state,
                                               {**loaded.data, "_offered": offered}, now)
    except conversations_db.StaleConversation:
        return False
    return True


def ask_message(shop_name: str, order: Order) -> Reply:
    words = (order.customer_name or "").split()
    short = " ".join(words[:2] if has_honorific(" ".join(words)) else words[:1])  # "Kak Siti", "Bu Wati"
    return Reply(t.REVIEW_ASK.format(kak=addressed(short), shop=shop_name, code=order.code), rating_buttons(order.code))


def review_jobs(sessions: sessionmaker[Session], db: Executor, clock: Clock, seconds: float) -> list[Job]:
    async def reviews() -> int:
        return await asyncio.get_running_loop().run_in_executor(db, lambda: ask_due(sessions, clock))

    return [Job("review-asks", reviews, seconds)]
