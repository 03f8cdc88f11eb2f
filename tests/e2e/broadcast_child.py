"""The crash test's victim: one broadcaster tick in its own process, sending through the real
Telegram sender (python-telegram-bot) to a Bot API at BASE_URL, with no rate limits.

    python -m tests.e2e.broadcast_child DB_URL BASE_URL TOKEN WORKERS LEASE_SECONDS
"""

from __future__ import annotations

import asyncio
import sys
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

from telegram import Bot
from telegram.request import HTTPXRequest

from bot.broadcasting import Broadcaster
from bot.channels.telegram_out import TelegramSender
from bot.ratelimit import RateLimiter
from storage.db import make_engine, session_factory


async def run(db_url: str, base_url: str, token: str, workers: int, lease: float) -> int:
    bot = Bot(token, base_url=base_url, request=HTTPXRequest(connection_pool_size=10))
    sender = TelegramSender(bot, RateLimiter(None, None), "http://127.0.0.1:8000")
    broadcaster = Broadcaster(session_factory(make_engine(db_url)), {"telegram": sender}, ThreadPoolExecutor(1),
                              workers=workers, lease=timedelta(seconds=lease))
    async with bot:
        return await broadcaster.tick()


if __name__ == "__main__":
    db_url, base_url, token, workers, lease = sys.argv[1:6]
    print(asyncio.run(run(db_url, base_url, token, int(workers), float(lease))))
