"""Takes verified Inbound messages from every channel: one person's messages are handled
one at a time and in order, different people in parallel; delivery starts after commit.

Where the messages are handled depends on the database. PostgreSQL: on the db threads,
since its round trips release the GIL and several transactions can run at once. SQLite:
right here on the event loop, whenever its single write lock is free. A message's work is
a fraction of a millisecond of in-process CPU under the GIL, so another thread would add
no parallelism, only two hand-offs per message (measured: ~35% of the throughput). What a
thread does buy is not stalling the loop while another writer (a scheduled job, the CLI)
holds the lock for long: then, and only then, one message goes to the db thread to wait there.

A busy lock is usually our own: the delivery pump's claim or settle, a heartbeat, a job, each a
short transaction on the db thread. So a message that finds it taken waits on the loop and
tries again (a millisecond, then longer), and goes to the db thread only when the lock stays
taken for PATIENCE. Sending every busy message to the db thread at once was self-sustaining:
there each one shares the GIL with the loop, so its transaction holds the write lock many
times longer, the loop's next messages find it taken, and the whole load ran on one thread
at a fraction of the rate, with the loop stalled for tens of ms at a time (docs/PERFORMANCE.md,
"the p99"). For the same reason, while one message waits on the db thread, the others wait for
it to come back rather than queue behind it.
"""

from __future__ import annotations

import asyncio
from concurrent.futures import Executor

from bot.delivery import Delivery
from bot.engine import Engine, Handled
from bot.messages import Inbound
from storage.db import WriterBusy

PATIENCE = 0.25  # seconds a message retries on the loop before it waits on the db thread
FIRST_RETRY, LONGEST_RETRY = 0.0005, 0.02


class Inbox:
    def __init__(self, engine: Engine, delivery: Delivery, db: Executor, *, on_loop: bool = False):
        self.engine = engine
        self.delivery = delivery
        self.db = db
        self.on_loop = on_loop
        self._locks: dict[tuple[str, str], tuple[asyncio.Lock, int]] = {}
        self._away: asyncio.Future[Handled] | None = None  # a message waiting on the db thread

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
        loop = asyncio.get_running_loop()
        if not self.on_loop:
            return await loop.run_in_executor(self.db, self.engine.handle, inbound)
        delay, deadline = FIRST_RETRY, loop.time() + PATIENCE
        while True:
            if self._away is not None:  # another message is waiting for the lock: after it
                await asyncio.wait([self._away])
                continue
            try:
                return self.engine.handle(inbound, wait=False)
            except WriterBusy:
                pass
            if loop.time() >= deadline:
                break
            await asyncio.sleep(delay)
            delay = min(delay * 2, LONGEST_RETRY)
        away = self._away = loop.run_in_executor(self.db, self.engine.handle, inbound)
        try:
            return await away
        finally:
            if self._away is away:
                self._away = None
