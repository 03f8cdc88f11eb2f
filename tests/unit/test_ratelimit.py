"""The token bucket on an injected clock: bursts up to the cap, then one per 1/rate seconds."""

from __future__ import annotations

import asyncio

from bot.ratelimit import RateLimiter


class FakeTime:
    def __init__(self) -> None:
        self.now = 0.0
        self.slept: list[float] = []

    def clock(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


def test_a_burst_passes_then_sends_are_spaced_at_the_rate():
    t = FakeTime()
    limiter = RateLimiter(80, clock=t.clock, sleep=t.sleep)

    async def send(n: int) -> None:
        for _ in range(n):
            await limiter.acquire("+6281188880000")

    asyncio.run(send(80))
    assert t.now == 0.0 and t.slept == []
    asyncio.run(send(40))
    assert abs(t.now - 40 / 80) < 1e-9  # 40 more take half a second at 80 per second


def test_each_key_has_its_own_bucket():
    t = FakeTime()
    limiter = RateLimiter(1, clock=t.clock, sleep=t.sleep)

    async def run() -> None:
        await limiter.acquire("a")
        await limiter.acquire("b")
        await limiter.acquire("a")

    asyncio.run(run())
    assert t.slept == [1.0]
