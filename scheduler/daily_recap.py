"""The daily recap: once a shop's local clock passes its recap hour (default 20:00), every
seller of the shop gets the day's figures. A row per shop and day is claimed in the same
transaction as the outbox rows, so a restart, a second process or a slow tick never sends
a day's recap twice, and a crash before commit sends nothing and is retried next tick."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from concurrent.futures import Executor
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session, sessionmaker

from adapters.desk import recap_figures
from conversations.base import Reply
from conversations.seller.recap import day_label, render
from effects import outbox
from effects.notices import to_sellers
from shops import loader as shop_loader
from storage import recaps as recaps_db
from storage import shops as shops_db
from storage.db import unit_of_work
from texts.id import seller as t

EVERY_SECONDS = 60.0


def send_due_recaps(sessions: sessionmaker[Session], now: datetime) -> list[int]:
    """Writes the recap of every shop that is due to its sellers' outbox; returns the outbox ids."""
    with unit_of_work(sessions) as session:
        shops = shops_db.fetch_shop_rows(session)
    ids: list[int] = []
    for shop in shops:
        record = shop_loader.of(shop)
        tz = record.tz
        local = now.astimezone(tz)
        if local.hour < record.profile.recap_hour:
            continue
        with unit_of_work(sessions) as session:
            if not recaps_db.claim_recap_day(session, shop.id, local.date().isoformat(), now):
                continue
            ids += _write(session, shop.id, tz, datetime.combine(local.date(), time(0), tzinfo=tz), now)
            session.commit()
    return ids


def _write(session: Session, shop_id: int, tz: ZoneInfo, start: datetime, now: datetime) -> list[int]:
    text = render(t.RECAP_DAILY.format(date=day_label(start, tz)), recap_figures(session, shop_id, start,
                                                                                  start + timedelta(days=1)))
    return outbox.write(session, shop_id, to_sellers(session, shop_id, Reply(text)), now)


async def run_daily_recap(sessions: sessionmaker[Session], db: Executor, clock: Callable[[], datetime],
                          deliver: Callable[[list[int]], Awaitable[object]]) -> int:
    """The scheduler's tick: due recaps written off the event loop, then delivered."""
    ids = await asyncio.get_running_loop().run_in_executor(db, send_due_recaps, sessions, clock())
    if ids:
        await deliver(ids)
    return len(ids)
