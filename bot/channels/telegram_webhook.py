"""POST /webhooks/telegram: Telegram's updates in webhook mode.

Only a request carrying the secret token set with setWebhook gets past the first line;
anything else is 403 and touches nothing. The 200 goes back after the update's transaction
has committed, so a crash before that makes Telegram deliver it again (and the engine drops
a repeat by its update_id).
"""

from __future__ import annotations

import json

from fastapi import APIRouter, HTTPException, Request, Response
from telegram import Update

from bot.channels.telegram import WEBHOOK_PATH, TelegramChannel


def router(channel: TelegramChannel) -> APIRouter:
    api = APIRouter()

    @api.post(WEBHOOK_PATH, include_in_schema=False)
    async def webhook(request: Request) -> Response:
        if not channel.genuine(request.headers.get("x-telegram-bot-api-secret-token")):
            raise HTTPException(403)
        try:
            data = json.loads(await request.body())
            if not isinstance(data, dict) or not isinstance(data.get("update_id"), int):
                raise ValueError("no update_id")
            update = Update.de_json(data, channel.bot)
        except (ValueError, TypeError, KeyError, AttributeError):
            raise HTTPException(400, "not a Telegram update") from None
        await channel.handle(update)
        return Response(status_code=200)

    return api
