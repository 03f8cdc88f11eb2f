"""A per-key token bucket for outbound sends: `await limiter.acquire(key)` waits until that
key (a bot, a WhatsApp sender number) may send one more message."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable


class RateLimiter:
    def __init__(self, rate: float, burst: float | None = None, *, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], Awaitable[None]] = asyncio.sleep):
        if rate <= 0:
            raise ValueError("rate must be positive")
        self.rate = rate
        self.burst = burst if burst is not None else max(1.0, rate)
        self.clock = clock
        self.sleep = sleep
        self._buckets: dict[str, tuple[float, float]] = {}  # key -> (tokens, at)
        self._locks: dict[str, asyncio.Lock] = {}

    async def acquire(self, key: str = "") -> None:
        lock = self._locks.setdefault(key, asyncio.Lock())
        async with lock:  # first come, first served within a key
            while (wait := self._take(key)) > 0:
                await self.sleep(wait)

    def _take(self, key: str) -> float:
        """Takes a token and returns 0, or returns how long until one is there."""
        now = self.clock()
        tokens, at = self._buckets.get(key, (self.burst, now))
        tokens = min(self.burst, tokens + (now - at) * self.rate)
        if tokens >= 1 - 1e-9:  # float dust must not turn into endless tiny sleeps
            self._buckets[key] = (max(0.0, tokens - 1), now)
            return 0.0
        self._buckets[key] = (tokens, now)
        return (1 - tokens) / self.rate
