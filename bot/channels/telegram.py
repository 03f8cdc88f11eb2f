"""The Telegram channel assembled: one python-telegram-bot `Bot` receives (webhook or long
polling) and sends, and every update takes the one path: translate -> Inbox -> Engine
(one transaction) -> outbox -> Delivery through the TelegramSender.

Polling (the default) needs nothing but TELEGRAM_BOT_TOKEN: a seller without a public URL
gets a working shop bot. Webhook mode registers KEDAI_PUBLIC_URL/webhooks/telegram with the
secret token on start when that URL is https (Telegram accepts nothing else).
"""

from __future__ import annotations

import asyncio
import hmac
import logging
import re
from dataclasses import replace

from telegram import Bot, BotCommand, Update
from telegram.error import InvalidToken, TelegramError
from telegram.request import HTTPXRequest

from bot import bot_names
from bot.app import DEMO_MEDIA
from bot.bootstrap import Kedai
from bot.channels.telegram_http import AiohttpRequest
from bot.channels.telegram_in import ALLOWED_UPDATES, CHANNEL, Membership, Translated, translate
from bot import media_legacy
from bot.channels.telegram_out import TelegramSender
from bot.delivery import RetryLater, Undeliverable
from bot.engine import UnknownShop
from bot.media_links import store_for
from bot.messages import Inbound
from bot.ratelimit import RateLimiter
from config import Settings
from conversations.base import Media
from media.store import MediaRejected
from storage.db import unit_of_work
from storage.identities import set_reachable
from texts.id import telegram as t

log = logging.getLogger(__name__)
USERNAMES = bot_names.USERNAMES

WEBHOOK_PATH = "/webhooks/telegram"
SECRET = re.compile(r"[A-Za-z0-9_-]{1,256}")  # what setWebhook accepts as secret_token
POLL_SECONDS = 25
FOLLOWER_SECONDS = 0.5  # how often a process that does not lead looks whether it leads now
MAX_TRIES = 5  # an update that fails this often in polling mode is skipped, as Telegram's webhook gives up


def file_url_for(base_url: str) -> str:
    """The file download base next to an API base: .../bot -> .../file/bot."""
    base = base_url.rstrip("/")
    return base[: -len("/bot")] + "/file/bot" if base.endswith("/bot") else base + "/file/bot"


class TelegramChannel:
    """One bot. TELEGRAM_BOT_TOKEN's bot takes /webhooks/telegram and TELEGRAM_WEBHOOK_SECRET; a bot
    linked to a shop (`kedai shop link`) takes /webhooks/telegram/<bot id> and its own secret."""

    def __init__(self, settings: Settings, *, token: str | None = None, secret: str | None = None,
                 path: str = WEBHOOK_PATH, limiter: RateLimiter | None = None):
        self.install = token is None  # TELEGRAM_BOT_TOKEN's bot: it serves the default shop
        token = token or settings.telegram_bot_token or ""
        if settings.telegram_mode not in ("polling", "webhook"):
            raise ValueError(f"TELEGRAM_MODE must be polling or webhook, not {settings.telegram_mode!r}")
        secret = secret if secret is not None else settings.telegram_webhook_secret
        if settings.telegram_mode == "webhook" and not (secret and SECRET.fullmatch(secret)):
            raise ValueError("webhook mode needs TELEGRAM_WEBHOOK_SECRET: 1-256 characters from A-Z a-z 0-9 _ -")
        urls = {}
        if settings.telegram_api_base_url:
            urls = {"base_url": settings.telegram_api_base_url,
                    "base_file_url": settings.telegram_api_file_url or file_url_for(settings.telegram_api_base_url)}
        # The sender keeps ten requests in flight (telegram_out.IN_FLIGHT); the pool matches it.
        # Long polls get a connection of their own, so they never hold up a reply.
        self.bot = Bot(token, request=AiohttpRequest(connections=10),
                       get_updates_request=HTTPXRequest(connection_pool_size=1), **urls)
        self.settings = settings
        self.account = token.split(":")[0]  # the bot's id: which shop it belongs to, if several
        self.secret = secret
        self.path = path
        # Telegram's flood limits are per bot: each bot paces itself.
        limiter = limiter or RateLimiter(settings.telegram_chat_rate, settings.telegram_global_rate,
                                         second=settings.telegram_rate_second)
        media = {"/media/demo": DEMO_MEDIA, "/media": settings.data_dir / "media"}  # as bot.app mounts them
        self.store = store_for(settings)
        self.sender = TelegramSender(self.bot, limiter, settings.public_url, media=media, store=self.store)
        self.kedai: Kedai | None = None
        self._poller: asyncio.Task[None] | None = None
        self._legacy: asyncio.Task[None] | None = None
        self._answers: set[asyncio.Task[None]] = set()
        self._failures: dict[int, int] = {}

    def genuine(self, header: str | None) -> bool:
        """The secret-token header matches, compared in constant time; no secret set means no webhook."""
        if not self.secret or header is None:
            return False
        return hmac.compare_digest(header.encode(), self.secret.encode())

    async def start(self, kedai: Kedai) -> None:
        self.kedai = kedai
        if self.install:  # linked to no shop, it reaches the default one (bot.engine.ShopDirectory)
            kedai.engine.shops.default_accounts.add((CHANNEL, self.account))
        try:  # checks the token (getMe) and fills the "/" menu; neither is worth refusing to start over
            await self.bot.initialize()
            if self.bot.username:
                USERNAMES[self.account] = self.bot.username
            await self.bot.set_my_commands([BotCommand(name, text) for name, text in t.COMMANDS])
        except TelegramError as exc:
            log.error("Telegram did not answer getMe/setMyCommands: %s", exc)
        self._legacy = asyncio.get_running_loop().create_task(self._adopt_legacy(kedai), name=f"telegram-media-{self.account}")
        if self.settings.telegram_mode == "webhook":
            await self._set_webhook()
        else:
            self._poller = asyncio.get_running_loop().create_task(self._poll(), name=f"telegram-polling-{self.account}")

    async def _adopt_legacy(self, kedai: Kedai) -> None:
        """This bot's shop's product pictures kept as file ids before the media store, fetched into it."""
        def shop_id() -> int | None:
            with unit_of_work(kedai.sessions) as s:
                try:
                    return kedai.engine.shops.resolve(s, Inbound(CHANNEL, "", "", account=self.account)).id
                except UnknownShop:
                    return None
        try:
            found = await asyncio.get_running_loop().run_in_executor(kedai.db, shop_id)
            if found is not None:
                moved = await media_legacy.adopt_file_ids(kedai.sessions, self.store, found, self.sender.fetch_file)
                if moved:
                    log.info("bot %s: %d product pictures moved into the media store", self.account, moved)
        except Exception as exc:  # never in the way of serving: the pictures stay as they were
            log.warning("bot %s: pictures kept as file ids not moved: %r", self.account, exc)

    async def stop(self, kedai: Kedai) -> None:
        if self._legacy is not None:
            self._legacy.cancel()
            await asyncio.gather(self._legacy, return_exceptions=True)
        if self._poller is not None:
            self._poller.cancel()
            await asyncio.gather(self._poller, return_exceptions=True)
        await kedai.delivery.idle()  # replies already committed go out before the client closes
        await asyncio.gather(*list(self._answers), return_exceptions=True)
        await self.bot.shutdown()

    async def stop_taking(self) -> None:
        """No more updates from Telegram (the long poll ends); sending goes on."""
        for task in (self._legacy, self._poller):
            if task is not None:
                task.cancel()
                await asyncio.gather(task, return_exceptions=True)

    async def retire(self, within: float = 15.0) -> None:
        """This bot was unlinked (or moved) while the server runs: no more updates are taken (its
        poll ends; its route already answers 404), the sends begun finish (up to `within` seconds),
        and its client closes. Rows still in the outbox are the outbox's, as after a restart."""
        await self.stop_taking()
        loop = asyncio.get_running_loop()
        until = loop.time() + within
        while self.sender.active and loop.time() < until:
            await asyncio.sleep(0.05)
        await asyncio.gather(*list(self._answers), return_exceptions=True)
        try:
            await self.bot.shutdown()
        except Exception as exc:  # closing a client must not stop the server from serving the rest
            log.warning("bot %s: closing its client: %r", self.account, exc)

    async def handle(self, update: Update, *, answer: bool = True) -> str | None:
        """One update through the one path; a button press is answered once its step is committed.
        An update whose fields have shapes Telegram never sends is logged once and dropped.

        answer=False: the caller answers the press (the webhook does, in its HTTP response, which
        costs no request of ours: docs/PERFORMANCE.md); returns the callback query's id then."""
        try:
            got = translate(update, self.account)
        except Exception as exc:  # the library keeps whatever types the JSON had; translate may trip on any
            log.warning("Telegram update %s not usable, acknowledged: %s: %.160r", update.update_id,
                        type(exc).__name__, str(exc))
            return None
        return await self.take(got, answer=answer)

    async def take(self, got: Translated, *, answer: bool = True) -> str | None:
        """A translated update through the one path (`handle`'s second half; the webhook calls it
        directly for the updates bot.channels.telegram_plain reads without the library)."""
        kedai = self.kedai
        assert kedai is not None, "TelegramChannel.start() first"
        if got.inbound is not None:
            await kedai.inbox.submit(await self._keep(got.inbound) if got.inbound.media else got.inbound)
        elif got.membership is not None:
            await asyncio.get_running_loop().run_in_executor(kedai.db, self._set_reachable, got.membership)
        if got.callback_id is not None and not answer:
            return got.callback_id
        if got.callback_id is not None:
            task = asyncio.get_running_loop().create_task(self._answer(got.callback_id))
            self._answers.add(task)
            task.add_done_callback(self._answers.discard)
        return None

    async def _keep(self, inbound: Inbound) -> Inbound:
        """The photos fetched once (getFile) into the media store, so every channel can show them."""
        kept = []
        for m in inbound.media:
            try:
                got = self.store.receive(await self.sender.fetch_file(m.ref))
                kept.append(Media(got.ref, got.content_type))
            except MediaRejected as exc:
                kept.append(replace(m, rejected=exc.reason))
            except (RetryLater, Undeliverable, TelegramError) as exc:
                log.warning("could not fetch Telegram file %s: %s", m.ref, exc)
                kept.append(replace(m, rejected="unavailable"))
        return replace(inbound, media=tuple(kept))

    async def _answer(self, callback_id: str) -> None:
        try:
            await self.bot.answer_callback_query(callback_id)
        except TelegramError as exc:  # a redelivered press is too old to answer; the step is done anyway
            log.info("answerCallbackQuery %s: %s", callback_id, exc)

    def _set_reachable(self, change: Membership) -> None:
        assert self.kedai is not None
        with unit_of_work(self.kedai.sessions) as s:
            shop = self.kedai.engine.shops.resolve(s, Inbound(CHANNEL, change.chat_id, "", account=self.account))
            set_reachable(s, shop.id, CHANNEL, change.chat_id, change.reachable)
            s.commit()

    async def _set_webhook(self) -> None:
        url = self.settings.public_url.rstrip("/") + self.path
        if not url.startswith("https://"):
            log.warning("KEDAI_PUBLIC_URL is not https, so Telegram cannot call %s: setWebhook skipped", url)
            return
        try:
            await self.bot.set_webhook(url, secret_token=self.secret, allowed_updates=ALLOWED_UPDATES)
        except TelegramError as exc:  # keep serving: a webhook set earlier may still be in place
            log.error("setWebhook %s failed: %s", url, exc)

    async def _poll(self) -> None:
        """Long polling: handles each batch, then confirms it by asking for the next offset.

        Only the leading process polls (bot.processes): Telegram serves one getUpdates per bot at a
        time and ends the other with 409, so two processes polling one bot would take turns failing.
        Another process takes the poll over when it takes the lead; what the last leader fetched
        and did not confirm comes again, and the engine drops it as a repeat."""
        offset, delay, webhook_cleared = None, 1.0, False
        while True:
            if self.kedai is not None and not self.kedai.leader():
                offset = None  # the leader has confirmed further since
                await asyncio.sleep(FOLLOWER_SECONDS)
                continue
            try:
                if not webhook_cleared:  # getUpdates is refused while a webhook is set
                    await self.bot.delete_webhook()
                    webhook_cleared = True
                updates = await self.bot.get_updates(offset=offset, timeout=POLL_SECONDS,
                                                     allowed_updates=ALLOWED_UPDATES)
                delay = 1.0
            except InvalidToken as exc:
                log.error("Telegram rejected the token of bot %s (%s); polling stopped", self.account, exc)
                return
            except TelegramError as exc:
                log.warning("getUpdates failed (%s); again in %.0f s", exc, delay)
                await asyncio.sleep(delay)
                delay = min(delay * 2, 60.0)
                continue
            if updates:
                offset = await self._handle_batch(updates)

    async def _handle_batch(self, updates: tuple[Update, ...]) -> int:
        """Handles a batch (one person's updates stay in order in the Inbox); returns the next offset.

        A failed update is fetched again (with everything after it; the engine drops repeats),
        until it has failed MAX_TRIES times."""
        results = await asyncio.gather(*(self.handle(u) for u in updates), return_exceptions=True)
        for update, result in zip(updates, results):
            if not isinstance(result, Exception):
                continue
            tries = self._failures.get(update.update_id, 0) + 1
            if tries < MAX_TRIES:
                log.warning("update %s failed (%r); fetching it again", update.update_id, result)
                self._failures = {update.update_id: tries}
                await asyncio.sleep(min(2.0 ** tries, 30.0))
                return update.update_id
            log.error("update %s failed %d times, skipped: %r", update.update_id, tries, result)
        self._failures = {}
        return updates[-1].update_id + 1
