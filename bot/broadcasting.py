"""Sends due broadcasts. The scheduler ticks `Broadcaster.tick`; everything it knows is in rows.

One tick: (1) due schedules become runs with one recipient row per person (a run past the
grace period is recorded as missed and the sellers are told); (2) every open run's pending
recipients are sent by a few workers through the channel senders, which pace themselves
(bot.ratelimit: Telegram ~30/s overall, ~1/s per chat).

Each recipient is claimed (pending -> sending, committed) before its send and settled after
it, so a crash resumes with the rows still pending and never repeats one: a row a dead worker
left in `sending` may or may not have gone out, so it becomes `unknown`, never resent.
Consent, reachability and WhatsApp's 24-hour window are checked at the claim, so a STOP
typed in the middle of a broadcast holds for every message not yet sent.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from concurrent.futures import Executor
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import Row
from sqlalchemy.orm import Session, sessionmaker

from bot.delivery import RetryLater, Sender, Undeliverable, backoff
from bot.messages import Outbound
from marketing import broadcast_admin
from marketing.broadcasts import PURPOSE, SEND, SKIPPED_WINDOW, TEMPLATE, verdict
from adapters.catalog import DbCatalog, IndexCache
from marketing.promo_admin import to_plain
from conversations.base import Button, Reply
from effects import outbox
from effects.notices import to_sellers
from marketing.wording import broadcast_text, missed_text, promo_line, report_text
from storage import broadcasts as broadcasts_db
from storage import identities as identities_db
from storage import promotions as promotions_db
from storage.db import unit_of_work
from storage.models import utcnow
from storage.promo_models import Broadcast
from texts.id import promo as t

if TYPE_CHECKING:
    from bot.bootstrap import Kedai

log = logging.getLogger(__name__)

PULL_CHANNELS = {"simulator"}  # the page fetches its messages from the outbox
# Undeliverable codes meaning the person cannot be reached at all (bot.channels.telegram_out).
UNREACHABLE = {"blocked", "chat_not_found", "migrated"}


def gone(exc: Undeliverable) -> bool:
    return exc.status == "unreachable" or exc.code in UNREACHABLE


@dataclass(frozen=True)
class Outcome:
    recipient_id: int
    status: str  # sent | failed | pending (retry later)
    provider_id: str | None = None
    error: str | None = None
    next_attempt_at: datetime | None = None
    unreachable: tuple[str, str] | None = None  # (channel, external id) to mark unreachable


@dataclass(frozen=True)
class Plan:
    """What every recipient of one run gets, before personalising."""

    run_id: int
    shop_id: int
    text: str
    attached: str
    image_url: str | None
    has_template: bool  # the shop has an approved WhatsApp template for outside the 24 hours

    def outbound(self, row: broadcasts_db.Claimed) -> Outbound:
        fields = row.fields or {}
        # Outside WhatsApp's window the WhatsApp sender carries it in the shop's template for PURPOSE.
        extra: dict[str, Any] = {"broadcast_run": self.run_id, "purpose": PURPOSE}
        return Outbound(row.channel, row.external_id, broadcast_text(self.text, fields, self.attached),
                        (Button(t.BTN_SHOP_NOW, "catalog"),), self.image_url, extra, self.shop_id)


class Broadcaster:
    def __init__(self, sessions: sessionmaker[Session], senders: dict[str, Sender], db: Executor, *,
                 clock: Callable[[], datetime] = utcnow,
                 grace: timedelta = timedelta(minutes=60), lease: timedelta = timedelta(minutes=5),
                 workers: int = 4, batch: int = 200, max_attempts: int = 5):
        self.sessions, self.senders, self.db = sessions, senders, db
        self.clock, self.grace, self.lease = clock, grace, lease
        self.workers, self.batch, self.max_attempts = workers, batch, max_attempts
        # Whether this process leads (bot.processes): only the leader sends broadcasts, and it
        # stops claiming as soon as it no longer leads.
        self.active: Callable[[], bool] = lambda: True
        # Since when this process has been sending broadcasts: a claim older than that was
        # another leader's, who is gone (it lost the lead before it could be taken for gone), so
        # the claim is resolved at once rather than after the lease.
        self._leading_since: datetime | None = None

    async def tick(self) -> int:
        """Starts what is due and sends what is pending; returns how many messages went out."""
        if not self.active():
            self._leading_since = None
            return 0
        if self._leading_since is None:
            self._leading_since = self.clock()
        await self._db(self._materialise)
        sent = 0
        for run in await self._db(self._open_runs):
            sent += await self.send_run(run.id)
        return sent

    async def send_run(self, run_id: int) -> int:
        plan = await self._db(self._plan, run_id)
        sent = 0
        while self.active() and (ids := await self._db(self._pending, run_id)):
            queue: asyncio.Queue[int] = asyncio.Queue()
            for rid in ids:
                queue.put_nowait(rid)
            results = await asyncio.gather(*(self._worker(plan, queue) for _ in range(self.workers)))
            sent += sum(results)
        await self._db(self._finish, run_id)
        return sent

    async def _worker(self, plan: Plan, queue: asyncio.Queue[int]) -> int:
        """Claims, sends, settles, one recipient at a time. How a send ended is written in the
        same transaction as the next claim: one commit per message instead of two (if the
        process dies in between, that row stays `sending` and becomes `unknown`: still never resent)."""
        sent, done = 0, None
        while not queue.empty() and self.active():
            claimed = await self._db(self._claim, plan, queue.get_nowait(), done)
            done = await self._send(plan, claimed) if claimed is not None else None
            sent += done is not None and done.status == "sent"
        if done is not None:
            await self._db(self._claim, plan, None, done)
        return sent

    async def _send(self, plan: Plan, row: broadcasts_db.Claimed) -> Outcome:
        out = plan.outbound(row)
        if row.channel in PULL_CHANNELS:
            await self._db(self._to_outbox, plan, out)
            return Outcome(row.id, "sent")
        sender = self.senders.get(row.channel)
        if sender is None:
            return Outcome(row.id, "failed", error=f"no sender for {row.channel}")
        try:
            provider_id = await sender.send(out)  # the sender paces itself (bot.ratelimit)
        except RetryLater as exc:  # nothing went out: the row waits for a later pass
            if row.attempts >= self.max_attempts:
                return Outcome(row.id, "failed", error=str(exc)[:500])
            at = self.clock() + timedelta(seconds=max(exc.seconds, backoff(row.attempts)))
            return Outcome(row.id, "pending", error=str(exc)[:500], next_attempt_at=at)
        except Undeliverable as exc:
            if exc.status == "held":  # the WhatsApp window closed since the claim and no template fits
                return Outcome(row.id, SKIPPED_WINDOW)
            # blocked the bot, number gone: they are skipped from now on
            return Outcome(row.id, "failed", error=f"{exc.code or ''} {exc}".strip()[:500],
                           unreachable=(row.channel, row.external_id) if gone(exc) else None)
        except Exception as exc:  # it may have gone out: at most once means no second try
            log.exception("broadcast send to %s:%s failed", row.channel, row.external_id)
            return Outcome(row.id, "failed", error=repr(exc)[:500])
        return Outcome(row.id, "sent", provider_id=provider_id)

    async def _db(self, fn, *args):  # type: ignore[no-untyped-def]
        return await asyncio.get_running_loop().run_in_executor(self.db, fn, *args)

    # ---- database steps (run on the db executor, one transaction each) ----

    def _materialise(self) -> None:
        with unit_of_work(self.sessions) as s:
            now = self.clock()
            for started in broadcast_admin.materialise_due(s, now, self.grace):
                if started.action == "missed":
                    b = s.get(Broadcast, started.broadcast_id)
                    tz = broadcast_admin.shop_tz(s, started.shop_id)
                    text = missed_text(broadcast_admin.report(s, started.run_id), b.next_due_at if b else None,
                                       self.grace.total_seconds() / 60, tz)
                    self._tell_sellers(s, started.shop_id, text, now)
            s.commit()

    def _open_runs(self) -> list[Row]:
        with unit_of_work(self.sessions) as s:
            return list(broadcasts_db.open_runs(s))

    def _plan(self, run_id: int) -> Plan:
        with unit_of_work(self.sessions) as s:
            run = broadcasts_db.fetch_run(s, run_id)
            assert run is not None
            b = s.get(Broadcast, run.broadcast_id)
            assert b is not None
            promo = promotions_db.fetch_promotion(s, b.shop_id, b.promotion_id) if b.promotion_id else None
            attached = promo_line(to_plain(promo), DbCatalog(s, b.shop_id, IndexCache())) if promo else ""
            # A worker that died left its claims behind; they may have gone out, so never again.
            stale = self.clock() - self.lease
            broadcasts_db.resolve_stale(s, run_id, max(stale, self._leading_since) if self._leading_since else stale)
            s.commit()
            return Plan(run_id, b.shop_id, b.text, attached, b.image_url, broadcast_admin.has_template(s, b.shop_id))

    def _pending(self, run_id: int) -> list[int]:
        with unit_of_work(self.sessions) as s:
            return broadcasts_db.pending_ids(s, run_id, self.clock(), self.batch)

    def _claim(self, plan: Plan, recipient_id: int | None, done: Outcome | None) -> broadcasts_db.Claimed | None:
        """Records the last send's outcome, takes the next row and decides, at this moment,
        whether it may be sent (consent, reachability, WhatsApp's window)."""
        with unit_of_work(self.sessions) as s:
            now = self.clock()
            if done is not None:
                broadcasts_db.settle(s, done.recipient_id, done.status, now, provider_id=done.provider_id, error=done.error,
                          next_attempt_at=done.next_attempt_at)
                if done.unreachable:
                    identities_db.set_reachable(s, plan.shop_id, *done.unreachable, False)
            row = broadcasts_db.claim(s, recipient_id, now) if recipient_id is not None else None
            how = None
            if row is not None:
                how = verdict(row.promo_consent, row.reachable is not False, row.channel, row.last_inbound_at,
                              plan.has_template, now)
                if how not in (SEND, TEMPLATE):
                    broadcasts_db.settle(s, row.id, how, now)
            s.commit()
            return row if row is not None and how in (SEND, TEMPLATE) else None

    def _to_outbox(self, plan: Plan, out: Outbound) -> None:
        with unit_of_work(self.sessions) as s:
            outbox.write(s, plan.shop_id, [out], self.clock())
            s.commit()

    def _finish(self, run_id: int) -> None:
        """Closes the run when nothing is left to send and reports to the shop's sellers, once."""
        with unit_of_work(self.sessions) as s:
            now = self.clock()
            if broadcasts_db.finish_run(s, run_id, now):
                r = broadcast_admin.report(s, run_id)
                run = broadcasts_db.fetch_run(s, run_id)
                assert run is not None
                self._tell_sellers(s, run.shop_id, report_text(r, broadcast_admin.shop_tz(s, run.shop_id)), now)
            s.commit()

    def _tell_sellers(self, s: Session, shop_id: int, text: str, now: datetime) -> None:
        outbox.write(s, shop_id, to_sellers(s, shop_id, Reply(text)), now)


def broadcaster(kedai: Kedai) -> Broadcaster:
    """The Broadcaster of a running Kedai. The channel senders pace themselves (the Telegram
    sender through its bot.ratelimit limiter), so broadcasts and replies share one budget."""
    sending = Broadcaster(kedai.sessions, kedai.senders, kedai.db, clock=kedai.engine.clock,
                          grace=timedelta(minutes=kedai.settings.broadcast_grace_minutes))
    sending.active = lambda: kedai.leader()  # looked up each time: the app sets kedai.leader when it starts
    return sending
