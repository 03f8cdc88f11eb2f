"""After-commit delivery of outbox rows through each channel's sender, with retry and
backoff. Whatever is not delivered stays in the outbox for the drain job."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Sequence
from concurrent.futures import Executor
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Protocol

from sqlalchemy.orm import Session, sessionmaker

from bot.attachments import Files
from bot.messages import Outbound
from storage import outbox as outbox_db
from storage.db import unit_of_work
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
        self._tasks: set[asyncio.Task[None]] = set()
        # Makes the documents and pictures rows name (bot.attachments), set by bot.bootstrap.
        self.files: Files | None = None

    def kick(self, ids: Sequence[int]) -> None:
        """Delivers in the background so the webhook can answer at once."""
        if not ids or not self.senders:
            return
        task = asyncio.get_running_loop().create_task(self.deliver(ids))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def deliver(self, ids: Sequence[int]) -> int:
        loop = asyncio.get_running_loop()
        rows = await loop.run_in_executor(self.db, self._claim, list(ids))
        sent = 0
        held: dict[tuple[str, str], datetime] = {}
        for row in rows:  # in order: one person's replies must not overtake each other
            if (row.channel, row.recipient) in held:  # an earlier one must wait, so this one waits behind it
                at = held[(row.channel, row.recipient)]
                await loop.run_in_executor(self.db, self._write, outbox_db.mark_retry, row.id, at, "behind an earlier message")
                continue
            ok, retry_at = await self._send_one(row)
            sent += ok
            if retry_at is not None:
                held[(row.channel, row.recipient)] = retry_at
        return sent

    async def drain(self, limit: int = 200) -> int:
        """Sends what is due: failed-with-retry rows, and rows a crashed worker left behind."""
        loop = asyncio.get_running_loop()
        ids = await loop.run_in_executor(self.db, self._due, limit)
        return await self.deliver(ids) if ids else 0

    async def idle(self) -> None:
        while self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)

    def _claim(self, ids: list[int]):  # type: ignore[no-untyped-def]
        with unit_of_work(self.sessions) as s:
            rows = outbox_db.claim(s, ids, self.clock(), self.senders.keys(), self.owner())
            s.commit()
            return rows

    def _due(self, limit: int) -> list[int]:
        with unit_of_work(self.sessions) as s:
            ids = outbox_db.due_ids(s, self.senders.keys(), self.clock(), limit)
            s.commit()
            return ids

    async def _send_one(self, row) -> tuple[int, datetime | None]:  # type: ignore[no-untyped-def]
        """(1 if sent, when it will be tried again if it was put back)."""
        sender = self.senders.get(row.channel)
        loop = asyncio.get_running_loop()
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
                await loop.run_in_executor(self.db, self._write, outbox_db.mark_failed, row.id, "retries", str(exc))
            else:
                at = self.clock() + timedelta(seconds=max(exc.seconds, backoff(row.attempts)))
                await loop.run_in_executor(self.db, self._write, outbox_db.mark_retry, row.id, at, str(exc))
                return 0, at
            return 0, None
        except Undeliverable as exc:
            await loop.run_in_executor(self.db, self._write, outbox_db.mark_failed, row.id, exc.code, str(exc), exc.status)
            return 0, None
        except Exception as exc:  # a bug or an unexpected reply: keep the row, try later
            log.exception("sending outbox row %s failed", row.id)
            at = self.clock() + timedelta(seconds=backoff(row.attempts))
            await loop.run_in_executor(self.db, self._write, outbox_db.mark_retry, row.id, at, repr(exc))
            return 0, at
        await loop.run_in_executor(self.db, self._write, outbox_db.mark_sent, row.id, provider_id, self.clock())
        return 1, None

    def _write(self, fn, *args) -> None:  # type: ignore[no-untyped-def]
        with unit_of_work(self.sessions) as s:
            fn(s, *args)
            s.commit()
