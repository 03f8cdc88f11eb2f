"""Send pacing: at most `rate` messages per second overall and `per_key_rate` per chat.

Why not a plain token bucket (aiolimiter): a full bucket of 30 followed by a refill of 30/s
puts up to 60 messages into one second, and Telegram's flood control (like our fake) counts
a sliding one-second window. So each limit here is a GCRA pace ("next slot" bookkeeping):
sends are spaced `1/rate` apart with at most `burst` early, which keeps every window of one
second at or under `rate + burst - 1` however the sends are timed. Waiters take the global
slot one at a time, in arrival order, so a late wake-up never lets two sends bunch up by
more than `slack` seconds.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable, Hashable

from bot.delivery import RetryLater, Sender
from bot.messages import Outbound


class Pace:
    """One limit as pure arithmetic (unit-testable with plain numbers for time)."""

    def __init__(self, rate: float, burst: int = 1, slack: float = 0.005):
        self.interval = 1.0 / rate
        self.tolerance = (burst - 1) * self.interval
        self.slack = min(slack, self.interval / 2)
        self.tat = float("-inf")  # the theoretical time of the next send at the steady rate

    def ready_at(self) -> float:
        return self.tat - self.tolerance

    def take(self, now: float) -> None:
        # A sender that woke a little late may catch up by `slack` at most, never by a burst.
        self.tat = max(self.tat, now - self.slack) + self.interval

    def hold(self, until: float) -> None:
        self.tat = max(self.tat, until + self.tolerance)


class RateLimiter:
    def __init__(self, rate: float, *, burst: int = 1, per_key_rate: float | None = None, per_key_burst: int = 1,
                 clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], Awaitable[None]] = asyncio.sleep):
        self.rate = rate
        self._global = Pace(rate, burst)
        self._per_key = (per_key_rate, per_key_burst) if per_key_rate else None
        self._keys: dict[Hashable, Pace] = {}
        self._lock = asyncio.Lock()
        self.clock, self.sleep = clock, sleep

    async def acquire(self, key: Hashable | None = None) -> None:
        """Waits until one more send fits both the overall and this key's limit, and books it."""
        while True:
            pace = self._key(key)
            if pace is not None and (wait := pace.ready_at() - self.clock()) > 0:
                await self.sleep(wait)  # outside the lock: one slow chat must not hold up the others
                continue
            async with self._lock:
                if (wait := self._global.ready_at() - self.clock()) > 0:
                    await self.sleep(wait)
                now = self.clock()
                if pace is not None and pace.ready_at() > now:
                    continue  # this chat's slot went to another waiter meanwhile
                self._global.take(now)
                if pace is not None:
                    pace.take(now)
                return

    def pause(self, seconds: float, key: Hashable | None = None) -> None:
        """Holds every send (or one key's) for `seconds`, after a 429 with retry_after."""
        until = self.clock() + seconds
        (self._key(key) if key is not None and self._per_key else self._global).hold(until)  # type: ignore[union-attr]

    def _key(self, key: Hashable | None) -> Pace | None:
        if key is None or self._per_key is None:
            return None
        pace = self._keys.get(key)
        if pace is None:
            if len(self._keys) >= 4096:
                self._forget_idle()
            pace = self._keys[key] = Pace(*self._per_key)
        return pace

    def _forget_idle(self) -> None:
        """Drops chats whose limit has fully recovered, so memory stays flat over a long run."""
        now = self.clock()
        for k in [k for k, p in self._keys.items() if p.tat <= now]:
            del self._keys[k]

    @property
    def tracked_keys(self) -> int:
        return len(self._keys)


class Limited:
    """A Sender that waits for the limiter first and backs everyone off after a 429."""

    def __init__(self, sender: Sender, limiter: RateLimiter):
        self.sender = sender
        self.limiter = limiter

    async def send(self, out: Outbound) -> str | None:
        await self.limiter.acquire(out.recipient)
        try:
            return await self.sender.send(out)
        except RetryLater as exc:
            self.limiter.pause(exc.seconds)
            raise


def channel_limiters(telegram_rate: float, whatsapp_rate: float) -> dict[str, RateLimiter]:
    """Telegram: ~30/s overall, ~1/s per chat (bursts of 3 let a reply and its follow-ups through);
    WhatsApp: the sender's configured rate. The simulator has no limits."""
    return {
        "telegram": RateLimiter(telegram_rate, per_key_rate=1.0, per_key_burst=3),
        "whatsapp": RateLimiter(whatsapp_rate, per_key_rate=1.0, per_key_burst=3),
    }
