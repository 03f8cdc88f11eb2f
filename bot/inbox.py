"""Takes verified Inbound messages from every channel: one person's messages are handled
one at a time and in order, different people in parallel; delivery starts after commit."""

from __future__ import annotations

import asyncio
from concurrent.futures import Executor

from bot.delivery import Delivery
from bot.engine import Engine, Handled
from bot.messages import Inbound


class Inbox:
    def __init__(self, engine: Engine, delivery: Delivery, db: Executor):
        self.engine = engine
        self.delivery = delivery
        self.db = db
        self._locks: dict[tuple[str, str], tuple[asyncio.Lock, int]] = {}

    async def submit(self, inbound: Inbound) -> Handled:
        key = (inbound.channel, inbound.sender)
        lock, users = self._locks.get(key, (asyncio.Lock(), 0))
        self._locks[key] = (lock, users + 1)
        try:
            async with lock:
                handled = await asyncio.get_running_loop().run_in_executor(self.db, self.engine.handle, inbound)
        finally:
            lock, users = self._locks[key]
            if users <= 1:
                del self._locks[key]
            else:
                self._locks[key] = (lock, users - 1)
        self.delivery.kick(handled.outbox_ids)
        return handled
