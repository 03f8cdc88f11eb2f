"""The Telegram Sender: sends one Outbound through python-telegram-bot under the rate limiter.

Errors become what bot.delivery understands: flood control (429) and network trouble are
RetryLater (a short retry_after is waited out right here, so one person's messages keep their
order), a blocked bot or an unknown chat is Undeliverable. Nothing is lost for looks: a photo
Telegram cannot fetch is sent as text, HTML Telegram rejects is resent as plain text, and an
edit that cannot be made becomes a new message.
"""

from __future__ import annotations

import asyncio
import logging
import warnings
from collections.abc import Awaitable, Callable
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

from telegram import Bot, InputFile, InputMediaPhoto, Message
from telegram.constants import ParseMode
from telegram.error import BadRequest, ChatMigrated, Forbidden, InvalidToken, NetworkError, RetryAfter

from bot.channels.telegram_render import Part, keyboard, plan, plain, to_html
from bot.delivery import RetryLater, Undeliverable
from bot.messages import Outbound
from bot.ratelimit import RateLimiter
from media.store import PRIVATE_PREFIX, MediaStore

log = logging.getLogger(__name__)

# Waiting this long in place keeps a person's messages in order; longer waits go back to the outbox.
INLINE_WAIT = 5.0
# Once part of a long message is out, finishing it beats resending the first part later.
MID_MESSAGE_WAIT = 60.0
ATTEMPTS = 3
# Requests in flight per client: past ~10, httpx's pool spends its time rescanning its own
# queue (docs/PERFORMANCE.md saw one client collapse to ~330 req/s); waiting here costs nothing.
IN_FLIGHT = 10
CAPTION_LIMIT = 1024  # Telegram's caption limit (characters of the sent text)


def retry_seconds(exc: RetryAfter) -> float:
    with warnings.catch_warnings():  # PTB 22 is moving retry_after from int to timedelta
        warnings.simplefilter("ignore")
        value = exc.retry_after
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


def chat_ref(recipient: str) -> int | str:
    return int(recipient) if recipient.lstrip("-").isdigit() else recipient  # "@channel" stays a name


def _says(exc: BadRequest, *phrases: str) -> bool:
    text = str(exc).lower()
    return any(p in text for p in phrases)


class TelegramSender:
    def __init__(self, bot: Bot, limiter: RateLimiter, public_url: str, *,
                 media: dict[str, Path] | None = None, store: MediaStore | None = None, sleep: Callable[[float], Awaitable[object]] = asyncio.sleep):
        """media: URL prefix -> folder, for the /media/... files this server publishes."""
        self.bot = bot
        self.limiter = limiter
        self.public_url = public_url.rstrip("/")
        self.media = sorted((media or {}).items(), key=lambda kv: -len(kv[0]))  # longest prefix first
        self.sleep = sleep
        self.store = store  # the shop's pictures (media.store): uploaded from disk, a proof always
        self._uploaded: dict[str, str] = {}  # our media path -> file_id Telegram gave it
        self._in_flight = asyncio.Semaphore(IN_FLIGHT)
        self.active = 0  # sends begun and not yet over: a bot let go waits for them before it closes

    async def send(self, out: Outbound) -> str | None:
        self.active += 1
        try:
            chat_id = chat_ref(out.recipient)
            if out.attachment is not None and out.attachment.path:
                return await self._attachment(chat_id, out)
            message_id = None
            for n, part in enumerate(plan(out)):
                message_id = await self._part(chat_id, part, started=n > 0)
            return message_id
        finally:
            self.active -= 1

    async def fetch_file(self, file_id: str) -> bytes:
        """The bytes of a file a person sent (e.g. a payment proof photo), through getFile."""
        try:
            found = await self.bot.get_file(file_id)
            return bytes(await found.download_as_bytearray())
        except RetryAfter as exc:
            raise RetryLater(retry_seconds(exc), "flood control") from exc
        except BadRequest as exc:
            raise Undeliverable("bad_file", str(exc)) from exc
        except NetworkError as exc:
            raise RetryLater(5, str(exc)) from exc

    async def _attachment(self, chat_id: int | str, out: Outbound) -> str | None:
        """A document (sendDocument) or picture (sendPhoto) uploaded from our disk, the text its
        caption; a text too long for a caption goes first on its own."""
        attachment = out.attachment
        assert attachment is not None and attachment.path
        data = Path(attachment.path).read_bytes()
        caption = to_html(out.text) if out.text else ""
        if len(caption) > CAPTION_LIMIT:
            for part in plan(replace(out, attachment=None)):
                await self._part(chat_id, part, started=False)
            caption = ""

        markup = keyboard(out.buttons, page=False)

        async def upload() -> str | None:
            file = InputFile(data, filename=attachment.filename)
            mode = ParseMode.HTML if caption else None
            if attachment.kind == "image":
                sent = await self.bot.send_photo(chat_id, file, caption=caption or None, parse_mode=mode,
                                                 reply_markup=markup)
            else:
                sent = await self.bot.send_document(chat_id, file, caption=caption or None, parse_mode=mode,
                                                    reply_markup=markup)
            return _id(sent)

        return await self._retrying(chat_id, upload, started=False)

    async def _part(self, chat_id: int | str, part: Part, *, started: bool) -> str | None:
        return await self._retrying(chat_id, lambda: self._call(chat_id, part), started=started)

    async def _retrying(self, chat_id: int | str, call: Callable[[], Awaitable[str | None]], *,
                        started: bool) -> str | None:
        for attempt in range(1, ATTEMPTS + 1):
            try:
                async with self.limiter.slot(chat_id), self._in_flight:  # counted until answered
                    return await call()
            except RetryAfter as exc:
                wait = retry_seconds(exc)
                if attempt == ATTEMPTS or wait > (MID_MESSAGE_WAIT if started else INLINE_WAIT):
                    raise RetryLater(wait, f"flood control: retry after {wait:g}s") from exc
                await self.sleep(wait)
            except Forbidden as exc:  # the person blocked the bot, or it left the group
                raise Undeliverable("blocked", str(exc)) from exc
            except ChatMigrated as exc:  # a group became a supergroup: the seller must re-register it
                raise Undeliverable("migrated", f"chat moved to {exc.new_chat_id}") from exc
            except BadRequest as exc:
                code = "chat_not_found" if _says(exc, "chat not found") else "bad_request"
                raise Undeliverable(code, str(exc)) from exc
            except InvalidToken as exc:  # every send fails until the token is fixed; keep the rows
                raise RetryLater(300, str(exc)) from exc
            except NetworkError as exc:  # timeouts included: the message may or may not have arrived
                raise RetryLater(5, str(exc) or type(exc).__name__) from exc
        raise AssertionError("unreachable")

    async def _call(self, chat_id: int | str, part: Part, *, as_html: bool = True) -> str | None:
        """One part, falling back (edit -> new message, photo -> text, HTML -> plain) rather than failing."""
        text, mode = (to_html(part.text), ParseMode.HTML) if as_html else (plain(part.text), None)
        try:
            if part.edit is not None:
                try:
                    edited = await self.bot.edit_message_text(text, chat_id=chat_id, message_id=part.edit,
                                                              parse_mode=mode, reply_markup=part.keyboard)
                    return _id(edited) or str(part.edit)
                except BadRequest as exc:
                    if _says(exc, "not modified"):  # the same page again (a double press): nothing to do
                        return str(part.edit)
                    if _says(exc, "chat not found", "can't parse entities"):
                        raise
                    # Too old, deleted, or not a text message: say it in a new message instead.
            if part.album:
                return await self._album(chat_id, part, mode)
            if part.photo is not None:
                try:
                    sent = await self.bot.send_photo(chat_id, self._photo(part.photo), caption=text or None,
                                                     parse_mode=mode if text else None, reply_markup=part.keyboard)
                    if isinstance(sent, Message) and sent.photo and part.photo.startswith(("/", PRIVATE_PREFIX)):
                        self._uploaded[part.photo] = sent.photo[-1].file_id
                    return _id(sent)
                except BadRequest as exc:
                    if _says(exc, "chat not found", "can't parse entities") or not part.text.strip():
                        raise
                    log.warning("photo %s not sent (%s); sending the text alone", part.photo, exc)
            sent = await self.bot.send_message(chat_id, text, parse_mode=mode, reply_markup=part.keyboard)
            return _id(sent)
        except BadRequest as exc:
            if as_html and _says(exc, "can't parse entities"):
                log.warning("Telegram rejected our HTML (%s); sending plain text", exc)
                return await self._call(chat_id, part, as_html=False)
            raise

    async def _album(self, chat_id: int | str, part: Part, mode: ParseMode | None) -> str | None:
        """A list's pictures as one album; one Telegram cannot take is left out (the list follows as text)."""
        media = [InputMediaPhoto(_attached(self._photo(url)), caption=(to_html(caption) if mode else plain(caption)) or None,
                                 parse_mode=mode) for url, caption in part.album]
        try:
            sent = await self.bot.send_media_group(chat_id, media)
        except BadRequest as exc:
            if _says(exc, "chat not found"):
                raise
            log.warning("album not sent (%s); the list goes as text", exc)
            return None
        return _id(sent[-1]) if sent else None

    def _photo(self, ref: str) -> str | InputFile:
        """Where Telegram gets a picture: our /media/... by public URL when that is https (Telegram
        fetches nothing else), else uploaded from disk once and re-sent by file_id after that."""
        if ref.startswith(PRIVATE_PREFIX):  # a proof: never a public URL, its bytes go up with the message
            if ref in self._uploaded:
                return self._uploaded[ref]
            private = self.store.path_of(ref) if self.store is not None else None
            return InputFile(private.read_bytes(), filename=private.name) if private else ref
        if not ref.startswith("/"):
            return ref  # an absolute URL, or a file_id Telegram already holds (an older proof)
        if self.public_url.startswith("https://"):
            return self.public_url + ref
        if ref in self._uploaded:
            return self._uploaded[ref]
        local = self._local(ref)
        return InputFile(local.read_bytes(), filename=local.name) if local else self.public_url + ref

    def _local(self, ref: str) -> Path | None:
        if self.store is not None and (kept := self.store.path_of(ref)) is not None:
            return kept
        for prefix, folder in self.media:
            if ref.startswith(prefix + "/"):
                path = (folder / ref[len(prefix) + 1:]).resolve()
                if path.is_file() and path.is_relative_to(folder.resolve()):
                    return path
                return None
        return None


def _attached(photo: str | InputFile) -> str | InputFile:
    """An upload inside an album goes as a part of its own, named by attach://."""
    if isinstance(photo, InputFile):
        return InputFile(photo.input_file_content, filename=photo.filename, attach=True)
    return photo


def _id(message: Message | bool) -> str | None:
    return str(message.message_id) if isinstance(message, Message) else None
