"""WhatsApp's 24-hour rule (marketing.window), read from the database: free-form messages only
within 24 hours of the person's last message to us, and only while no failure (63016) said otherwise."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from concurrent.futures import Executor
from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy.orm import Session, sessionmaker

from marketing.window import CHANNEL, is_open
from shops import loader as shop_loader
from shops.profile import ShopProfile
from storage import identities as identities_db
from storage import shops as shops_db
from storage.db import transaction, unit_of_work

CACHE_SIZE = 50_000


@dataclass(frozen=True)
class Window:
    last_inbound_at: datetime | None
    reachable: bool
    shop_name: str
    profile: ShopProfile

    def open(self, now: datetime) -> bool:
        return self.reachable and is_open(self.last_inbound_at, now)


class WindowBook:
    """Bound to the app's sessions after bootstrap (the sender is built before them).

    Lookups are cached for a few seconds to spare the database thread a read per reply. A
    cached window can only be too pessimistic about time (the last inbound only moves
    forward), so a closed verdict is always re-read fresh before anything is held; this
    process's webhook updates a person's entry as soon as their message is committed.
    """

    def __init__(self, ttl: float = 20.0, monotonic: Callable[[], float] = time.monotonic, shop_id: int | None = None):
        self.shop_id = shop_id  # a shop's own number: its customers only (None: the install's number)
        self.sessions: sessionmaker[Session] | None = None
        self.db: Executor | None = None
        self.ttl = ttl
        self.monotonic = monotonic
        self._cache: dict[str, tuple[float, Window]] = {}

    def bind(self, sessions: sessionmaker[Session], db: Executor) -> None:
        self.sessions, self.db = sessions, db

    async def lookup(self, recipient: str, *, fresh: bool = False) -> Window:
        hit = self._cache.get(recipient)
        if hit and not fresh and self.monotonic() - hit[0] < self.ttl:
            return hit[1]
        window = await asyncio.get_running_loop().run_in_executor(self.db, self._lookup, recipient)
        if len(self._cache) >= CACHE_SIZE:
            self._cache.clear()
        self._cache[recipient] = (self.monotonic(), window)
        return window

    def forget(self, recipient: str) -> None:
        self._cache.pop(recipient, None)

    def saw(self, sender: str, at: datetime) -> None:
        """They just wrote (and it is committed): their window is open from `at`, no read needed."""
        hit = self._cache.get(sender)
        if hit is not None:
            self._cache[sender] = (hit[0], replace(hit[1], last_inbound_at=at, reachable=True))

    async def close(self, recipient: str) -> None:
        """No free-form messages until they write again (their next message releases what was held)."""
        self.forget(recipient)
        await asyncio.get_running_loop().run_in_executor(self.db, self._close, recipient)

    def _lookup(self, recipient: str) -> Window:
        assert self.sessions is not None, "WindowBook.bind() was not called"
        with transaction(self.sessions) as tx:  # a Session would cost more than the read (storage.db.Tx)
            s = tx.session
            row = identities_db.fetch_window(s, CHANNEL, recipient, self.shop_id)
            shop = row or (shops_db.fetch_shop_row(s, self.shop_id) if self.shop_id else shops_db.fetch_default_shop(s))
        if shop is None:
            return Window(None, False, "", ShopProfile(name=""))
        profile = shop_loader.record(shop.shop_id, shop.name, shop.profile).profile
        if row is None:  # never wrote to us (e.g. a seller added from the command line)
            return Window(None, False, shop.name, profile)
        return Window(row.last_inbound_at, row.reachable, shop.name, profile)

    def _close(self, recipient: str) -> None:
        assert self.sessions is not None, "WindowBook.bind() was not called"
        with unit_of_work(self.sessions) as s:
            identities_db.close_window(s, CHANNEL, recipient, self.shop_id)
            s.commit()
