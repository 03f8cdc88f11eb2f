"""The crash test's victim: one broadcaster tick in its own process, sending through
python-telegram-bot to a Bot API at BASE_URL.

    python -m tests.e2e.broadcast_child DB_URL BASE_URL TOKEN WORKERS LEASE_SECONDS
"""

from __future__ import annotations

import asyncio
import sys
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

from bot.broadcasting import Broadcaster
from storage.db import make_engine, session_factory
from tests.telegram_sender import PtbSender, make_bot


async def run(db_url: str, base_url: str, token: str, workers: int, lease: float) -> int:
    bot = make_bot(token, base_url, workers + 2)
    broadcaster = Broadcaster(session_factory(make_engine(db_url)), {"telegram": PtbSender(bot)}, ThreadPoolExecutor(1),
                              workers=workers, lease=timedelta(seconds=lease))
    async with bot:
        return await broadcaster.tick()


if __name__ == "__main__":
    db_url, base_url, token, workers, lease = sys.argv[1:6]
    print(asyncio.run(run(db_url, base_url, token, int(workers), float(lease))))
