"""POST /webhooks/telegram (TELEGRAM_BOT_TOKEN's bot) and /webhooks/telegram/<bot id> (a bot linked
to a shop): Telegram's updates in webhook mode, one route per bot, each with its own secret.

Only a request carrying the secret token set with setWebhook gets past the first line;
anything else is 403 and touches nothing. The 200 goes back after the update's transaction
has committed, so a crash before that makes Telegram deliver it again (and the engine drops
a repeat by its update_id).

A button press is answered in the HTTP response itself (Telegram runs one Bot API method given
as the webhook's answer), after its step has committed.

Telegram repeats every update not answered 2xx, so an update the bot cannot use (not JSON,
nested absurdly deep, a field of the wrong type, a date past the year 9999) is answered 200
and logged once: an error would come back for ever. Only a database that cannot be reached
gets 503, since that one passes and the repeat then goes through.
"""

from __future__ import annotations

import logging
from typing import Any

import orjson
from fastapi import APIRouter, HTTPException, Request, Response
from sqlalchemy.exc import InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from telegram import Bot, Update

from bot.channels.telegram import TelegramChannel
from bot.channels.telegram_in import Translated
from bot.channels.telegram_plain import translate_plain

log = logging.getLogger(__name__)

# Telegram's updates nest a few levels (update > message > reply_to_message > reply_markup >
# rows > buttons); python-telegram-bot reads them recursively, so a deep one must stop here.
MAX_DEPTH = 32
# Worth a repeat: the database is down or busy, not the update's fault.
TRANSIENT = (OperationalError, InterfaceError, PoolTimeout)


def depth_within(value: Any, limit: int) -> bool:
    """Whether parsed JSON nests at most `limit` containers deep (iteratively: no recursion to exhaust)."""
    stack = [(value, 1)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, dict):
            children = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        if level > limit:
            return False
        stack.extend((child, level + 1) for child in children if isinstance(child, (dict, list)))
    return True


def parse(body: bytes, bot: Bot, account: str | None = None) -> Update | Translated:
    """The update in a webhook body: already translated when it is one of the plain shapes
    (bot.channels.telegram_plain), else the library's Update; ValueError (or whatever the library
    raises) when there is none."""
    data = orjson.loads(body)  # strict: no NaN, valid UTF-8 only, at most 1024 levels
    if not isinstance(data, dict) or type(data.get("update_id")) is not int:
        raise ValueError("no update_id")
    if not depth_within(data, MAX_DEPTH):
        raise ValueError(f"nested deeper than {MAX_DEPTH}")
    return translate_plain(data, account) or Update.de_json(data, bot)


def router(channel: TelegramChannel) -> APIRouter:
    """The route of TELEGRAM_BOT_TOKEN's bot, on its own path."""
    api = APIRouter()

    async def webhook(request: Request) -> Response:
        return await take(channel, request)

    # A plain Starlette route: it takes the Request as it is, so FastAPI's per-request layers
    # (dependency solving, the exit stack, the route's own body limit on top of the app's) were
    # ~27 µs an update for nothing (docs/PERFORMANCE.md, branch `cpu`). The app's body limit, its
    # exception handlers (take's 403) and the route's methods apply as before.
    api.add_route(channel.path, webhook, methods=["POST"], include_in_schema=False)
    return api


async def take(channel: TelegramChannel, request: Request) -> Response:
    """One webhook request for this bot (bot.channels.live_links routes those of the linked bots here)."""
    if not channel.genuine(request.headers.get("x-telegram-bot-api-secret-token")):
        raise HTTPException(403)
    body = await request.body()
    try:
        update = parse(body, channel.bot, channel.account)
    except Exception as exc:  # any shape the library cannot read is one the bot cannot use
        log.warning("Telegram update not usable, acknowledged (%d bytes): %s", len(body), _short(exc))
        return Response(status_code=200)
    plain = isinstance(update, Translated)
    update_id = update.inbound.message_id if plain and update.inbound else getattr(update, "update_id", None)
    try:
        press = await (channel.take(update, answer=False) if plain else channel.handle(update, answer=False))
    except TRANSIENT as exc:
        log.warning("Telegram update %s: database unavailable, Telegram will repeat it: %s",
                    update_id, _short(exc))
        return Response(status_code=503)
    except Exception:
        log.exception("Telegram update %s failed; acknowledged so that it is not repeated", update_id)
        return Response(status_code=200)
    if press is not None:
        # A webhook's answer may carry one Bot API call: the press is answered with no request
        # of ours, outside the sending limits (a request per press was 14-20% of the server's time).
        return Response(orjson.dumps({"method": "answerCallbackQuery", "callback_query_id": press}),
                        media_type="application/json")
    return Response(status_code=200)


def _short(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {str(exc)[:160]!r}"
