"""After-commit delivery of outbox rows through each channel's sender, with retry and backoff.

One pump per process sends what is due: it claims a batch of rows (one transaction), sends
them (one person's messages in order, different people at once, each channel's sender pacing
itself), and writes what became of them in one transaction per FLUSH_SECONDS, not one per reply.
A batch is what the platforms let us send within seconds, so a claimed row never waits in
memory anywhere near its lease (storage.outbox.STUCK_AFTER); a row that would be sent after its
lease ran out is given back unsent instead, since the drain job may have handed it to another
sender meanwhile (docs/PERFORMANCE.md: 191 replies sent twice that way). The backlog stays in
the database, not in memory. Whatever is not delivered stays in the outbox for the drain job."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Protocol, TypeVar

from sqlalchemy.orm import Session, sessionmaker

from bot.attachments import Files
from bot.messages import Outbound
from storage import outbox as outbox_db
from storage.db import Transactions, WriterBusy, unit_of_work
from storage.models import utcnow

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 8
FILE_TRIES = 3  # a document or picture that cannot be made this often: the message goes without it


class RetryLater(Exception):
    """The channel asked us to wait (429 with retry_after, a network error)."""

    def __init__(self, seconds: float, reason: str = ""):
        super().__init__(reason or f"retry after {seconds}s")
        self.seconds = seconds


class Undeliverable(Exception):
    """The channel will never take this message (blocked bot, invalid number...)."""

    def __init__(self, code: str | None, reason: str, status: str = "failed"):
        super().__init__(reason)
        self.code = code
        self.status = status


class Sender(Protocol):
    async def send(self, out: Outbound) -> str | None:
        """Sends one message and returns the channel's id for it; raises RetryLater or Undeliverable."""


def backoff(attempts: int) -> float:
    return min(2.0 ** attempts, 300.0)


# Rows claimed at once: a little more than Telegram's 30 a second for one bot, so a batch is
# sent within a few seconds; the next batch is claimed as soon as this one is out.
BATCH = 48
# ...or rather once no more than this many of its rows are left: the next batch's first sends
# (and their look-ups) then overlap this one's last answers instead of waiting for the slowest
# of them (0.1-0.27 s a batch on WhatsApp under load, docs/PERFORMANCE.md). Two at most.
TAIL = BATCH // 4
# Outcomes of a batch's sends are written together at most this often: a process killed
# mid-batch leaves this much sent and unsettled, which its successor sends again.
FLUSH_SECONDS = 0.1
# A claimed row not sent this long before its lease runs out is given back unsent.
LEASE_MARGIN = timedelta(seconds=30)


T = TypeVar("T")


@dataclass
class _Batch:
    deadline: datetime
    left: int = 0  # rows not yet settled in memory
    nearly: asyncio.Event = field(default_factory=asyncio.Event)  # set once `left` <= TAIL
    outcomes: list[tuple[str, dict]] = field(default_factory=list)
    sent: int = 0

    def record(self, kind: str, params: dict) -> None:  # type: ignore[type-arg]
        self.outcomes.append((kind, params))
        self.left -= 1
        if self.left <= TAIL:
            self.nearly.set()


class Delivery:
    def __init__(self, sessions: sessionmaker[Session], senders: dict[str, Sender], db: Executor,
                 clock: Callable[[], datetime] = utcnow):
        self.sessions = sessions
        self.senders = senders
        self.db = db
        self.clock = clock
        # This process's id in the processes table (bot.processes), recorded on every claim so
        # that another process can take the claim over at once if this one dies mid-send.
        self.owner: Callable[[], int | None] = lambda: None
        # Whether this process sends at all (bot.leader: one process sends for every account, so
        # that Telegram's and WhatsApp's limits hold across processes). Others only write rows.
        self.sending: Callable[[], bool] = lambda: True
        self._pump: asyncio.Task[None] | None = None
        self._again = False
        # (channel, recipient) -> when its earliest put-back message is due: later ones wait behind it
        self._held: dict[tuple[str, str], datetime] = {}
        # (channel, recipient) -> the task sending their rows of the latest batch: a later batch's
        # rows for them wait for it, so that one person's messages keep their order.
        self._sending: dict[tuple[str, str], asyncio.Task[None]] = {}
        # SQLite (set by bot.bootstrap): the engine's transactions, so that claims and settles run
        # on the event loop while the write lock is free, as messages do (bot.inbox).
        self.transactions: Transactions | None = None
        # Makes the documents and pictures rows name (bot.attachments), set by bot.bootstrap.
        self.files: Files | None = None

    def kick(self, ids: Sequence[int]) -> None:
        """New rows are due (ids: which; the pump takes the oldest due rows anyway, so that one
        person's messages keep their order across batches). Returns at once."""
        if ids:
            self.wake()

    def wake(self) -> None:
        """Sends whatever is due, in the background (rows another process wrote, say)."""
        if not self.senders or not self.sending():
            return
        if self._pump is not None and not self._pump.done():
            self._again = True  # the running pump looks again once it runs dry
            return
        self._pump = asyncio.get_running_loop().create_task(self._run(), name="kedai-delivery")

    async def _run(self) -> None:
        older: asyncio.Task[int] | None = None  # the previous batch, sending its last rows
        try:
            while self.sending():  # a process that no longer leads leaves the rest to the new leader
                self._again = False
                try:
                    rows = await self._write(self._claim_due, BATCH)
                except Exception:  # the database may be away for a moment; the drain job kicks again
                    log.exception("claiming outbox rows failed")
                    return
                if not rows:
                    if older is not None:
                        await older
                        older = None
                    if not self._again:
                        return
                    continue
                batch = _Batch(self.clock() + outbox_db.STUCK_AFTER - LEASE_MARGIN)
                current = asyncio.get_running_loop().create_task(self._send_batch(rows, batch))
                if older is not None:
                    await older  # two batches out at most
                # the next claim once this batch is down to its last few rows (or done)
                nearly = asyncio.ensure_future(batch.nearly.wait())
                await asyncio.wait({current, nearly}, return_when=asyncio.FIRST_COMPLETED)
                nearly.cancel()
                older = current
                if current.done():
                    current.result()
        except Exception:  # unsettled rows wait out their lease, then the drain job sends them
            log.exception("delivering a batch of outbox rows failed")
        finally:
            if older is not None and not older.done():
                await asyncio.gather(older, return_exceptions=True)

    async def deliver(self, ids: Sequence[int]) -> int:
        """Sends these rows now (those still pending), in batches; returns how many were sent."""
        sent = 0
        ids = list(ids)
        for start in range(0, len(ids), BATCH):
            rows = await self._write(self._claim, ids[start:start + BATCH])
            sent += await self._send_batch(rows)
        return sent

    async def drain(self, limit: int = 200) -> int:
        """Sends what is due: failed-with-retry rows, and rows a crashed worker left behind."""
        if not self.sending():
            return 0
        ids = await self._write(self._due, limit)
        return await self.deliver(ids) if ids else 0

    async def idle(self) -> None:
        while self._pump is not None and not self._pump.done():
            await asyncio.gather(self._pump, return_exceptions=True)

    async def _write(self, work: Callable[..., T], *args: object) -> T:
        """work(session, *args) in one committed transaction. On SQLite on the event loop while the
        write lock is free: on the db thread, sharing the GIL with the loop, a claim held the lock
        many times longer than its own work, and the messages arriving meanwhile waited for it
        (docs/PERFORMANCE.md). Elsewhere, and when the lock is taken, on the db thread."""
        if self.transactions is not None:
            try:
                with self.transactions.begin(wait=False) as tx:
                    result = work(tx.session, *args)
                    tx.commit()
                return result
            except WriterBusy:
                pass
        return await asyncio.get_running_loop().run_in_executor(self.db, self._in_unit, work, *args)

    def _in_unit(self, work: Callable[..., T], *args: object) -> T:
        with unit_of_work(self.sessions) as s:
            result = work(s, *args)
            s.commit()
            return result

    def _claim(self, s: Session, ids: list[int]):  # type: ignore[no-untyped-def]
        return outbox_db.claim(s, ids, self.clock(), self.senders.keys(), self.owner())

    def _claim_due(self, s: Session, limit: int):  # type: ignore[no-untyped-def]
        return outbox_db.claim_due(s, self.senders.keys(), self.clock(), limit, self.owner())

    def _due(self, s: Session, limit: int) -> list[int]:
        return outbox_db.due_ids(s, self.senders.keys(), self.clock(), limit)

    def _settle(self, s: Session, outcomes: list[tuple[str, dict]]) -> None:
        outbox_db.settle(s, outcomes, self.clock())

    async def _send_batch(self, rows: Sequence, batch: _Batch | None = None) -> int:  # type: ignore[type-arg]
        """Sends claimed rows: each person's in order, people at once; settles them every FLUSH_SECONDS."""
        if not rows:
            return 0
        loop = asyncio.get_running_loop()
        batch = batch or _Batch(self.clock() + outbox_db.STUCK_AFTER - LEASE_MARGIN)
        batch.left = len(rows)
        people: dict[tuple[str, str], list] = {}  # type: ignore[type-arg]
        for row in rows:
            people.setdefault((row.channel, row.recipient), []).append(row)
        waiting = set()
        for key, mine in people.items():
            task = loop.create_task(self._send_person(key, mine, batch, self._sending.get(key)))
            self._sending[key] = task
            task.add_done_callback(lambda done, key=key: self._sending.pop(key, None) if self._sending.get(key) is done else None)
            waiting.add(task)
        while waiting:
            _, waiting = await asyncio.wait(waiting, timeout=FLUSH_SECONDS)
            if batch.outcomes:
                outcomes, batch.outcomes = batch.outcomes, []
                await self._write(self._settle, outcomes)
        return batch.sent

    async def _send_person(self, key: tuple[str, str], rows: list, batch: _Batch,  # type: ignore[type-arg]
                           before: asyncio.Task[None] | None = None) -> None:
        if before is not None:  # their rows of the batch before this one go first
            await asyncio.wait({before})
        for row in rows:
            claim = {"id": row.id, "attempts": row.attempts}
            now = self.clock()
            held = self._held.get(key)
            if held is not None and held > now:  # an earlier one must wait, so this one waits behind it
                batch.record("retry", {**claim, "at": held, "error": "behind an earlier message"})
                continue
            if held is not None:
                del self._held[key]
            if now >= batch.deadline:
                batch.record("release", claim)
                continue
            kind, params = await self._send_one(row)
            batch.record(kind, {**claim, **params})
            if kind == "sent":
                batch.sent += 1
            elif kind == "retry":
                if len(self._held) > 1000:  # forget the people whose wait is over: flat memory
                    self._held = {k: at for k, at in self._held.items() if at > now}
                self._held[key] = params["at"]

    async def _send_one(self, row) -> tuple[str, dict]:  # type: ignore[no-untyped-def]
        """What became of one row: (kind, params) for storage.outbox.settle."""
        sender = self.senders.get(row.channel)
        out = Outbound.from_row(row.channel, row.recipient, row.payload, row.shop_id)
        try:
            if sender is None:
                raise RetryLater(60, f"no sender for {row.channel}")
            if out.attachment is not None and self.files is not None:
                try:
                    out = await self.files.prepare(out)
                except Exception:
                    if row.attempts < FILE_TRIES:
                        raise  # tried again later, like any send that failed
                    log.exception("outbox row %s: its file could not be made; sending the text alone", row.id)
                    out = replace(out, attachment=None)
            provider_id = await sender.send(out)
        except RetryLater as exc:
            if row.attempts >= MAX_ATTEMPTS:
                return "failed", {"status": "failed", "code": "retries", "error": str(exc)}
            at = self.clock() + timedelta(seconds=max(exc.seconds, backoff(row.attempts)))
            return "retry", {"at": at, "error": str(exc)}
        except Undeliverable as exc:
            return "failed", {"status": exc.status, "code": exc.code, "error": str(exc)}
        except Exception as exc:  # a bug or an unexpected reply: keep the row, try later
            log.exception("sending outbox row %s failed", row.id)
            return "retry", {"at": self.clock() + timedelta(seconds=backoff(row.attempts)), "error": repr(exc)}
        return "sent", {"provider_id": provider_id}
