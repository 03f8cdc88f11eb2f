"""A python-telegram-bot Sender for the crash test and the broadcast benchmark. It stands in
for the real Telegram sender (issue 3, bot/channels/telegram*.py) until that lands: same
contract (`bot.delivery.Sender`), so the lead can swap it in at merge."""

from __future__ import annotations

from datetime import timedelta

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TimedOut
from telegram.request import HTTPXRequest

from bot.delivery import RetryLater, Undeliverable
from bot.messages import Outbound


def make_bot(token: str, base_url: str, connections: int = 8) -> Bot:
    # A small pool: one httpx client with many requests in flight collapses (PERFORMANCE.md).
    return Bot(token, base_url=base_url, request=HTTPXRequest(connection_pool_size=connections))


class PtbSender:
    def __init__(self, bot: Bot):
        self.bot = bot

    async def send(self, out: Outbound) -> str:
        markup = (InlineKeyboardMarkup([[InlineKeyboardButton(b.label, callback_data=b.value)] for b in out.buttons])
                  if out.buttons else None)
        try:
            if out.image_url:
                msg = await self.bot.send_photo(int(out.recipient), out.image_url, caption=out.text[:1024], reply_markup=markup)
            else:
                msg = await self.bot.send_message(int(out.recipient), out.text, reply_markup=markup)
        except RetryAfter as exc:
            wait = exc.retry_after
            raise RetryLater(wait.total_seconds() if isinstance(wait, timedelta) else float(wait), str(exc)) from exc
        except Forbidden as exc:
            raise Undeliverable("403", exc.message, status="unreachable") from exc
        except BadRequest as exc:
            gone = "chat not found" in exc.message.lower()
            raise Undeliverable("400", exc.message, status="unreachable" if gone else "failed") from exc
        except (TimedOut, NetworkError) as exc:
            raise RetryLater(5, str(exc)) from exc
        return str(msg.message_id)
