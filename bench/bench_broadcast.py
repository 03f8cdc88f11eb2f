"""A 3,000-recipient Telegram broadcast against the local fake Bot API enforcing 30 messages
a second overall (and 1/s per chat): achieved rate (target >= 28/s), 429 answers (target 0),
and this process's memory sampled through the run (target: flat).

The fake runs in its own process, so its record of 3,000 messages is not in our RSS; the
sender is the production one (bot.channels.telegram_out.TelegramSender with its limiter),
a real python-telegram-bot Bot with base_url pointed at the fake.

    .venv/bin/python bench/bench_broadcast.py [RECIPIENTS]
"""

from __future__ import annotations

import asyncio
import multiprocessing
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

RECIPIENTS = 3000
TARGET_RATE = 28.0


def _serve_fake(conn, chats: list[int]) -> None:  # type: ignore[no-untyped-def]
    """The fake Bot API's process: starts, reports its address, answers "stats" until "stop"."""
    from tests.fakes.telegram_api import FakeTelegramAPI

    class TimedFake(FakeTelegramAPI):
        times: list[float] = []

        def _new_message(self, chat, content):  # type: ignore[no-untyped-def]
            msg = super()._new_message(chat, content)
            self.times.append(time.monotonic())  # CLOCK_MONOTONIC: comparable across processes
            return msg

    with TimedFake(global_per_sec=30, per_chat_per_sec=1) as fake:
        for chat in chats:
            fake.add_chat(chat)
        conn.send((fake.base_url, fake.token))
        while (msg := conn.recv()) != "stop":
            with fake._lock:
                times = fake.times
                conn.send({"messages": len(times), "count_429": fake.count_429,
                           "first": times[0] if times else None, "last": times[-1] if times else None,
                           "chats": len({c for c, _ in fake._sent}), "errors": len(fake.server_errors)})


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


async def _broadcast(url: str, base_url: str, token: str, samples: list[tuple[float, float]]) -> tuple[int, float]:
    from telegram import Bot
    from telegram.request import HTTPXRequest

    from bot.broadcasting import Broadcaster
    from bot.channels.telegram_out import TelegramSender
    from bot.ratelimit import RateLimiter
    from config import Settings
    from storage.db import make_engine, session_factory

    settings = Settings()  # the production sender with the production limits (TELEGRAM_*_RATE)
    bot = Bot(token, base_url=base_url, request=HTTPXRequest(connection_pool_size=10))
    sender = TelegramSender(bot, RateLimiter(settings.telegram_chat_rate, settings.telegram_global_rate), settings.public_url)
    broadcaster = Broadcaster(session_factory(make_engine(url)), {"telegram": sender}, ThreadPoolExecutor(1))
    start = time.monotonic()

    async def sample() -> None:
        while True:
            samples.append((time.monotonic() - start, rss_mb()))
            await asyncio.sleep(5)

    sampler = asyncio.create_task(sample())
    async with bot:
        sent = await broadcaster.tick()
    sampler.cancel()
    return sent, time.monotonic() - start


def main(recipients: int = RECIPIENTS) -> dict[str, float]:
    from marketing import broadcast_admin
    from marketing.broadcasts import BroadcastSpec
    from storage.migrate import upgrade
    from storage.models import utcnow
    from tests.promo_support import seed_audience
    from tests.support import seeded_engine

    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/kedai.db"
        upgrade(url)
        _, sessions = seeded_engine(url)
        chats = seed_audience(sessions, recipients)
        with sessions() as s:
            broadcast_admin.create(s, 1, BroadcastSpec("Halo {nama}! Jumat ini keripik diskon 10% 🎉"), utcnow(), "bench")
            s.commit()
        ctx = multiprocessing.get_context("spawn")
        ours, theirs = ctx.Pipe()
        fake = ctx.Process(target=_serve_fake, args=(theirs, chats), daemon=True)
        fake.start()
        base_url, token = ours.recv()
        samples: list[tuple[float, float]] = []
        sent, elapsed = asyncio.run(_broadcast(url, base_url, token, samples))
        ours.send("stats")
        stats = ours.recv()
        ours.send("stop")
        fake.join(10)
    fake_rate = (stats["messages"] - 1) / (stats["last"] - stats["first"]) if stats["messages"] > 1 else 0.0
    warm = [mb for at, mb in samples if at >= 10] or [samples[-1][1]]  # after warm-up: imports, caches, pools
    growth = warm[-1] - warm[0]
    print(f"broadcast to {recipients} Telegram chats through python-telegram-bot -> fake Bot API (30/s overall, 1/s per chat)")
    print(f"  sent {sent} in {elapsed:.1f}s: {sent / elapsed:.1f} msg/s end to end; "
          f"{fake_rate:.1f} msg/s first-to-last at the fake (target >= {TARGET_RATE:g})")
    print(f"  429 answers: {stats['count_429']} (target 0); distinct chats reached: {stats['chats']}; fake errors: {stats['errors']}")
    print("  RSS MB at t=s: " + ", ".join(f"{at:.0f}s {mb:.1f}" for at, mb in samples))
    print(f"  RSS growth while sending, from 10 s on: {growth:+.1f} MB (target: flat, < 2 MB)")
    ok = fake_rate >= TARGET_RATE and stats["count_429"] == 0 and stats["chats"] == recipients and growth < 2
    print("  targets met" if ok else "  TARGETS MISSED")
    return {"sent": sent, "rate": fake_rate, "end_to_end_rate": sent / elapsed, "count_429": stats["count_429"],
            "rss_growth_mb": growth, "ok": float(ok)}


if __name__ == "__main__":
    figures = main(int(sys.argv[1]) if len(sys.argv) > 1 else RECIPIENTS)
    raise SystemExit(0 if figures["ok"] else 1)
