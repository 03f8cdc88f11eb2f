"""The shops' own bots and numbers kept in step with `shop_channels` while the server runs, so
that `kedai shop link` (or an unlink, a move, a shop archived or deleted) takes effect without a
restart, in every server process.

Every write of `shop_channels` bumps one counter in the same transaction (storage.change_counters).
Each process reads that one row every KEDAI_CHANNELS_POLL_SECONDS (default 3) on its db thread;
only when it moved are the links read and compared with what the process serves (`changes`):

- a new Telegram bot is started the way start-up starts one (getMe, the "/" menu, setWebhook or its
  own long poll, its own rate limiter) and joins the route /webhooks/telegram/<bot id>, a
  dictionary lookup (`LiveLinks.router`); its shop's messages leave from it;
- a new WhatsApp number gets its sender and 24-hour book; Twilio's one webhook already takes it;
- a bot or number unlinked or moved stops at once: its route answers 404, its poll ends, nothing
  more leaves from it for the shop it left, and that shop's rows still in the outbox are what a
  restart would make of them (a shop with no account on the channel: undeliverable). One
  exception: a shop archived (`kedai shop delete --archive`) wrote its customers a closing notice
  in the same transaction as the unlink; the leading process sends those from the old account
  first, then lets it go.

The install's own TELEGRAM_BOT_TOKEN bot and TWILIO_WHATSAPP_NUMBER are served as start-up found
them: linking or unlinking one of those takes a restart (logged). Nothing here runs per message."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Coroutine, Iterable, Mapping
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any

from fastapi import APIRouter, HTTPException, Request, Response
from sqlalchemy.exc import SQLAlchemyError

from bot.bootstrap import Kedai
from bot.channels.shop_senders import DefaultShop, ShopSenders
from storage import change_counters
from storage import outbox as outbox_db
from storage import shops as shops_db
from storage.db import unit_of_work

if TYPE_CHECKING:  # the twilio SDK is imported only where WhatsApp is on (bot.channels.shop_channels)
    from bot.channels.whatsapp import WhatsApp

log = logging.getLogger(__name__)

class t:
    """What `kedai serve` prints when it picks a change up: English, like the rest of the command line."""

    SERVED = "  shop {slug}: now serving {account}"
    LET_GO = "  shop {slug}: no longer serving {account}"
    INSTALL_LINKED = ("  shop {slug}: {account} is the install's own (TELEGRAM_BOT_TOKEN / TWILIO_WHATSAPP_NUMBER); "
                      "its new link is served after `kedai serve` restarts")
    INSTALL_UNLINKED = "  shop {slug}: {account} is the install's own; its unlink takes effect after a restart"
    NO_TWILIO = "  shop {slug}: {account} not served: TWILIO_ACCOUNT_SID / TWILIO_AUTH_TOKEN are not set"
    TELEGRAM = "Telegram bot {account} ({mode})"
    WHATSAPP = "WhatsApp {number}"


LAST_WORDS = 10_000  # an archived shop's closing notices sent from its old account, at most
LAST_WORDS_WAIT = 30.0  # seconds its account waits for sends another task had begun


@dataclass(frozen=True)
class Link:
    shop_id: int
    channel: str
    account: str
    token: str | None = None
    secret: str | None = None


def changes(served: Mapping[tuple[str, str], Link], now: Iterable[Link]) -> tuple[list[Link], list[Link]]:
    """(gone, new) between the links served and the links now: a link whose shop, token or secret
    changed is in both (let go, then served anew)."""
    current = {(link.channel, link.account): link for link in now}
    gone = [link for key, link in served.items() if current.get(key) != link]
    new = [link for key, link in current.items() if served.get(key) != link]
    return gone, new


@dataclass(frozen=True)
class Seen:
    version: int
    links: list[Link]
    shops: dict[int, tuple[str, bool]]  # id -> (slug, archived)

    def slug(self, shop_id: int) -> str:
        return self.shops.get(shop_id, (str(shop_id), False))[0]


def read(kedai: Kedai) -> Seen:
    """The counter, then the links (a change between the two is read again at the next look)."""
    with unit_of_work(kedai.sessions) as s:
        version = change_counters.read(s, change_counters.SHOP_CHANNELS)
        links = [Link(*row) for row in shops_db.fetch_link_rows(s)]
        return Seen(version, links, shops_db.fetch_slugs(s))


class LiveLinks:
    def __init__(self, kedai: Kedai, seen: Seen, *, telegram: ShopSenders, whatsapp: WhatsApp | None,
                 install: set[tuple[str, str]]):
        """install: (channel, account) of the install's own bot and number, served as at start."""
        self.kedai, self.telegram, self.whatsapp, self.install = kedai, telegram, whatsapp, install
        self.version = seen.version
        self.served: dict[tuple[str, str], Link] = {}
        self.bots: dict = {}  # bot id -> TelegramChannel of every linked bot
        # bot id -> what takes a webhook request for it: the one lookup of /webhooks/telegram/<bot id>
        self.webhooks: dict[str, Callable[[Request], Awaitable[Response]]] = {}
        self.every = kedai.settings.channels_poll_seconds
        self._watch: asyncio.Task[None] | None = None
        # Where a change is told to whoever runs the server (`kedai serve` prints it next to its banner).
        self.announce: Callable[[str], None] = log.info
        self._leaving: set[asyncio.Task[None]] = set()
        for link in seen.links:  # as start-up serves them (WhatsApp.assemble made the numbers' senders)
            self.served[(link.channel, link.account)] = link
            if link.channel == "telegram":
                self._new_bot(link)
        self._publish()

    def router(self) -> APIRouter:
        """POST /webhooks/telegram/<bot id> for every bot linked to a shop, now or later: a bot
        linked since start is taken, an unlinked one is 404 at once, for one dictionary lookup."""
        api = APIRouter()
        webhooks = self.webhooks

        async def webhook(request: Request) -> Response:
            take = webhooks.get(request.path_params["account"])
            if take is None:
                raise HTTPException(404)
            return await take(request)

        # A plain Starlette route, as the install's own bot (bot.channels.telegram_webhook.router says why).
        api.add_route("/webhooks/telegram/{account}", webhook, methods=["POST"], include_in_schema=False)
        return api

    # -- start and stop, with the app ------------------------------------------------------
    async def start(self, kedai: Kedai) -> None:
        for bot in list(self.bots.values()):
            await bot.start(kedai)
        self._watch = asyncio.get_running_loop().create_task(self._watching(), name="kedai-live-links")

    async def stop(self, kedai: Kedai) -> None:
        if self._watch is not None:
            self._watch.cancel()
            await asyncio.gather(self._watch, return_exceptions=True)
        for task in list(self._leaving):  # an archived shop's notices not out yet: the outbox keeps them
            task.cancel()
        await asyncio.gather(*list(self._leaving), return_exceptions=True)
        for bot in list(self.bots.values()):
            await bot.stop(kedai)

    async def _watching(self) -> None:
        while True:
            await asyncio.sleep(self.every)
            try:
                await self.check()
            except SQLAlchemyError as exc:  # the database away for a moment: the next look sees the change
                log.warning("could not read the linked channels: %s", str(exc)[:200])
            except Exception:
                log.exception("serving the linked channels anew failed")

    # -- the look every few seconds ----------------------------------------------------------
    async def check(self) -> bool:
        """Looks whether the links changed and serves them as they are now; True when they had."""
        loop = asyncio.get_running_loop()
        version = await loop.run_in_executor(self.kedai.db, self._version)
        if version == self.version:
            return False
        seen = await loop.run_in_executor(self.kedai.db, read, self.kedai)
        await self.apply(seen)
        return True

    def _version(self) -> int:
        return change_counters.peek(self.kedai.db_engine, change_counters.SHOP_CHANNELS)

    async def apply(self, seen: Seen) -> None:
        gone, new = changes(self.served, seen.links)
        self.version = seen.version
        if not gone and not new:
            return
        self.kedai.engine.shops.clear()  # which shop an account reaches: read afresh
        for link in gone:
            await self._let_go(link, seen)
        for link in new:
            if (link.channel, link.account) in self.install:
                self.served[(link.channel, link.account)] = link
                self.announce(t.INSTALL_LINKED.format(slug=seen.slug(link.shop_id), account=self._named(link)))
                continue
            self.served[(link.channel, link.account)] = link
            if link.channel == "whatsapp" and self.whatsapp is not None:
                self.whatsapp.add_number(link.shop_id, link.account)
            elif link.channel == "whatsapp":
                self.announce(t.NO_TWILIO.format(slug=seen.slug(link.shop_id), account=self._named(link)))
                continue
            elif link.channel == "telegram" and (bot := self._new_bot(link)) is not None:
                try:
                    await bot.start(self.kedai)
                except Exception as exc:  # Telegram away: the bot is served, its webhook or poll set later
                    log.error("Telegram bot %s: starting it: %r", link.account, exc)
            else:
                continue
            self.announce(t.SERVED.format(slug=seen.slug(link.shop_id), account=self._named(link)))
        self._publish()
        self.kedai.delivery.wake()  # rows that waited for a sender go now

    def _named(self, link: Link) -> str:
        if link.channel == "telegram":
            return t.TELEGRAM.format(account=link.account, mode=self.kedai.settings.telegram_mode)
        return t.WHATSAPP.format(number=link.account)

    def _new_bot(self, link: Link):  # type: ignore[no-untyped-def]
        """The link's bot, built as start-up builds one (not started yet) and made its shop's."""
        if not link.token:
            return None
        from bot.channels.telegram import WEBHOOK_PATH, TelegramChannel

        try:
            bot = TelegramChannel(self.kedai.settings, token=link.token, secret=link.secret,
                                  path=f"{WEBHOOK_PATH}/{link.account}")
        except ValueError as exc:  # a secret setWebhook would refuse: said, and the rest served
            log.error("Telegram bot %s of shop %s not served: %s", link.account, link.shop_id, exc)
            return None
        from bot.channels import telegram_webhook

        self.bots[link.account] = bot
        self.webhooks[link.account] = partial(telegram_webhook.take, bot)
        self.telegram.by_shop[link.shop_id] = bot.sender
        self._publish()
        return bot

    async def _let_go(self, link: Link, seen: Seen) -> None:
        key = (link.channel, link.account)
        self.served.pop(key, None)
        if key in self.install:
            self.announce(t.INSTALL_UNLINKED.format(slug=seen.slug(link.shop_id), account=self._named(link)))
            return
        bot = None
        if link.channel == "telegram":
            self.webhooks.pop(link.account, None)  # its updates are 404 from now on
            bot = self.bots.pop(link.account, None)
            if bot is None:
                return
        if link.channel == "whatsapp" and self.whatsapp is None:
            return
        self.announce(t.LET_GO.format(slug=seen.slug(link.shop_id), account=self._named(link)))
        if bot is not None:  # before a poll of the same bot may start for another shop
            await bot.stop_taking()
        if seen.shops.get(link.shop_id, ("", False))[1] and self.kedai.leader():  # archived: its last words first
            self._in_background(self._last_words(link, bot))
            return
        self._drop_sender(link, bot)
        if bot is not None:  # its sends begun finish, then its client closes; the next look need not wait
            self._in_background(bot.retire())

    def _in_background(self, work: Coroutine[Any, Any, None]) -> None:
        task = asyncio.get_running_loop().create_task(work)
        self._leaving.add(task)
        task.add_done_callback(self._leaving.discard)

    async def _last_words(self, link: Link, bot) -> None:  # type: ignore[no-untyped-def]
        """A closed shop's notices to its customers leave from the account it had, then it is let go."""
        def pending() -> list[int]:
            with unit_of_work(self.kedai.sessions) as s:
                return outbox_db.pending_ids_for_shop(s, link.shop_id, link.channel, LAST_WORDS)

        def sending() -> int:
            with unit_of_work(self.kedai.sessions) as s:
                return outbox_db.sending_for_shop(s, link.shop_id, link.channel)
        loop = asyncio.get_running_loop()
        try:
            ids = await loop.run_in_executor(self.kedai.db, pending)
            await self.kedai.delivery.deliver(ids)
            # Rows the delivery pump had claimed before these were read go out through the same
            # sender: it stays until they are settled (seen under load: dropped mid-send, the
            # notices failed for want of an account).
            deadline = loop.time() + LAST_WORDS_WAIT
            while loop.time() < deadline and await loop.run_in_executor(self.kedai.db, sending):
                await asyncio.sleep(0.1)
        except Exception as exc:  # whatever is left is the outbox's, as after a restart
            log.warning("shop %s's last %s messages: %r", link.shop_id, link.channel, exc)
        finally:
            self._drop_sender(link, bot)
            if bot is not None:
                await bot.retire()

    def _drop_sender(self, link: Link, bot) -> None:  # type: ignore[no-untyped-def]
        if link.channel == "telegram" and bot is not None and self.telegram.by_shop.get(link.shop_id) is bot.sender:
            del self.telegram.by_shop[link.shop_id]
        elif link.channel == "whatsapp" and self.whatsapp is not None:
            self.whatsapp.remove_number(link.shop_id, link.account)
        self._publish()

    def _publish(self) -> None:
        """A channel's sender is offered to delivery only while it has an account to send from, as at
        start: with none, its rows wait in the outbox instead of failing."""
        senders = self.kedai.senders
        if self.telegram.by_shop or self.telegram.install is not None:
            senders["telegram"] = self.telegram
        else:
            senders.pop("telegram", None)
        if self.whatsapp is not None and self.whatsapp.serving:
            senders[self.whatsapp.channel] = self.whatsapp.sender
        elif self.whatsapp is not None:
            senders.pop(self.whatsapp.channel, None)


def telegram_senders(kedai: Kedai) -> ShopSenders:
    return ShopSenders("telegram", {}, None, DefaultShop(kedai.sessions, kedai.db))
