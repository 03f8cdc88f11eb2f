"""Takes verified Inbound messages from every channel: one person's messages are handled
one at a time and in order, different people in parallel; delivery starts after commit.

Where the messages are handled depends on the database. PostgreSQL: on the db threads,
since its round trips release the GIL and several transactions can run at once. SQLite:
right here on the event loop, whenever its single write lock is free. A message's work is
a fraction of a millisecond of in-process CPU under the GIL, so another thread would add
no parallelism, only two hand-offs per message (measured: ~35% of the throughput). What a
thread does buy is not stalling the loop while another writer (a scheduled job, the CLI)
holds the lock: then, and only then, the message goes to the db thread to wait there.
"""

from __future__ import annotations

import asyncio
from concurrent.futures import Executor

from bot.delivery import Delivery
from bot.engine import Engine, Handled
from bot.messages import Inbound
from storage.db import WriterBusy


class Inbox:
    def __init__(self, engine: Engine, delivery: Delivery, db: Executor, *, on_loop: bool = False):
        self.engine = engine
        self.delivery = delivery
        self.db = db
        self.on_loop = on_loop
        self._locks: dict[tuple[str, str], tuple[asyncio.Lock, int]] = {}

    async def submit(self, inbound: Inbound) -> Handled:
        key = (inbound.channel, inbound.sender)
        lock, users = self._locks.get(key, (asyncio.Lock(), 0))
        self._locks[key] = (lock, users + 1)
        try:
            async with lock:
                handled = await self._handle(inbound)
        finally:
            lock, users = self._locks[key]
            if users <= 1:
                del self._locks[key]
            else:
                self._locks[key] = (lock, users - 1)
        self.delivery.kick(handled.outbox_ids)
        return handled

    async def _handle(self, inbound: Inbound) -> Handled:
        if self.on_loop:
            try:
                return self.engine.handle(inbound, wait=False)
            except WriterBusy:
                pass
        return await asyncio.get_running_loop().run_in_executor(self.db, self.engine.handle, inbound)
