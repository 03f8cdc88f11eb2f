"""The WhatsApp sender's pacing on an injected clock: a second's worth of sends at once, then
they wait, per sender number (Twilio's MPS is per sender)."""

from __future__ import annotations

import asyncio

from bot.ratelimit import RateLimiter


class FakeTime:
    def __init__(self) -> None:
        self.now = 0.0

    def clock(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.now += seconds


def whatsapp_limiter(t: FakeTime, mps: int = 80) -> RateLimiter:
    # As bot.channels.twilio_out builds it.
    return RateLimiter(per_key_rate=mps, overall_rate=None, burst=mps, clock=t.clock, sleep=t.sleep)


def test_eighty_sends_pass_at_once_and_the_next_waits_for_the_window():
    t = FakeTime()
    limiter = whatsapp_limiter(t)

    async def send(n: int) -> None:
        for _ in range(n):
            await limiter.acquire("+6281188880000")

    asyncio.run(send(80))
    assert t.now == 0.0
    asyncio.run(send(1))
    assert 1.0 <= t.now <= 1.2  # never more than 80 in any second, with a margin for jitter


def test_each_sender_number_has_its_own_allowance():
    t = FakeTime()
    limiter = whatsapp_limiter(t, mps=1)

    async def run() -> None:
        await limiter.acquire("+6281188880000")
        await limiter.acquire("+6281188880001")

    asyncio.run(run())
    assert t.now == 0.0
