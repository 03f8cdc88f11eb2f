"""One channel's senders in an install with several shops: an outbox row leaves from the bot or
number of the shop it was written for (Outbound.shop_id). A shop with an account of its own
(`kedai shop link`) uses it; the install's own account (TELEGRAM_BOT_TOKEN, TWILIO_WHATSAPP_NUMBER)
serves the default shop, the one bot.engine.ShopDirectory sends its messages to. A message for
a shop with no account on the channel is undeliverable: never sent from another shop's."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from concurrent.futures import Executor

from sqlalchemy.orm import Session, sessionmaker

from bot.delivery import Sender, Undeliverable
from bot.messages import Outbound
from storage import shops as shops_db
from storage.db import unit_of_work


class DefaultShop:
    """The default shop's id, read on the db thread and trusted for a few seconds (it changes only
    when a shop is created, archived or deleted)."""

    TTL_SECONDS = 5.0

    def __init__(self, sessions: sessionmaker[Session], db: Executor, monotonic: Callable[[], float] = time.monotonic):
        self.sessions, self.db, self.monotonic = sessions, db, monotonic
        self._at, self._id = -1e9, None  # type: float, int | None

    async def id(self) -> int | None:
        if self.monotonic() - self._at > self.TTL_SECONDS:
            self._id = await asyncio.get_running_loop().run_in_executor(self.db, self._read)
            self._at = self.monotonic()
        return self._id

    def _read(self) -> int | None:
        with unit_of_work(self.sessions) as s:
            shop = shops_db.fetch_default_shop(s)
            return shop.shop_id if shop is not None else None


class ShopSenders:
    def __init__(self, channel: str, by_shop: dict[int, Sender], install: Sender | None = None,
                 default_shop: DefaultShop | None = None):
        self.channel = channel
        self.by_shop = by_shop
        self.install = install  # the account from the environment: the default shop's
        self.default_shop = default_shop

    async def send(self, out: Outbound) -> str | None:
        sender = self.by_shop.get(out.shop_id) if out.shop_id is not None else None
        if sender is None and self.install is not None:
            if out.shop_id is None or self.default_shop is None or out.shop_id == await self.default_shop.id():
                sender = self.install
        if sender is None:
            raise Undeliverable("no_account", f"shop {out.shop_id} has no {self.channel} account in this process")
        return await sender.send(out)

    def for_shop(self, shop_id: int) -> Sender | None:
        return self.by_shop.get(shop_id) or self.install
