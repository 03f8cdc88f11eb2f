"""Send pacing for chat platforms: at most `burst` sends to one key (a chat) in any window
of `burst / per_key_rate` seconds, and at most `overall_rate` sends in any second overall
(each window 10% longer, for the network's jitter).

Callers wait (`await limiter.acquire(chat_id)`) until both windows have room, so the platform
never has to answer 429 for our own traffic. The defaults follow Telegram: short bursts per
chat at a sustained 1/s, 30/s per bot. The limiter lives in one process; N workers sending for
the same bot should each get 1/N of the overall rate.
"""

from __future__ import annotations

import asyncio
import math
import time
from collections import deque
from collections.abc import Awaitable, Callable, Hashable


class Window:
    """At most `count` events in any `seconds`-long sliding window (a log of the last `count`)."""

    def __init__(self, count: int, seconds: float):
        self.count, self.seconds = count, seconds
        self.times: deque[float] = deque(maxlen=count)

    def wait(self, now: float) -> float:
        if len(self.times) < self.count:
            return 0.0
        return max(0.0, self.times[0] + self.seconds - now)

    def note(self, now: float) -> None:
        self.times.append(now)

    def idle(self, now: float) -> bool:
        return not self.times or self.times[-1] + self.seconds <= now


# The platform counts arrivals and we count departures: network jitter between the two must
# not turn into a 429, so our windows are a little longer than the platform's.
MARGIN = 1.1


def window(rate: float | None, burst: int) -> Window | None:
    """A window allowing `burst` events at a sustained `rate` per second; None means no limit."""
    if not rate or rate <= 0:
        return None
    return Window(burst, burst / rate * MARGIN)


class RateLimiter:
    def __init__(self, per_key_rate: float | None = 1.0, overall_rate: float | None = 30.0, *, burst: int = 3,
                 clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], Awaitable[object]] = asyncio.sleep):
        self.per_key_rate, self.burst = per_key_rate, burst
        self.overall = window(overall_rate, max(1, math.floor(overall_rate))) if overall_rate else None
        self.clock, self.sleep = clock, sleep
        self.keys: dict[Hashable, Window] = {}

    async def acquire(self, key: Hashable = None) -> float:
        """Waits until one more send to key fits both limits, records it, and returns the seconds waited."""
        waited = 0.0
        while True:
            now = self.clock()
            per_key = self._window(key, now)
            wait = max(self.overall.wait(now) if self.overall else 0.0, per_key.wait(now) if per_key else 0.0)
            if wait <= 0:
                # No await between the check and the note: the event loop makes this atomic.
                if self.overall:
                    self.overall.note(now)
                if per_key:
                    per_key.note(now)
                return waited
            await self.sleep(wait)
            waited += wait

    def _window(self, key: Hashable, now: float) -> Window | None:
        if key is None or not self.per_key_rate:
            return None
        found = self.keys.get(key)
        if found is None:
            if len(self.keys) >= 10_000:  # forget chats that have been quiet for a whole window
                self.keys = {k: w for k, w in self.keys.items() if not w.idle(now)}
            found = self.keys[key] = window(self.per_key_rate, self.burst)
        return found
