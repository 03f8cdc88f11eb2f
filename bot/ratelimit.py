"""Send pacing: at most `rate` messages per second overall and a few per chat.

Why not a plain token bucket (aiolimiter): a full bucket of 30 followed by a refill of 30/s
puts up to 60 messages into one second, and Telegram's flood control (like our fake) counts
a sliding one-second window. So the overall limit is a GCRA pace ("next slot" bookkeeping):
sends are spaced `1/rate` apart with at most `burst` early, which keeps every one-second
window at or under `rate + burst - 1` however the sends are timed. Waiters take the global
slot one at a time, in arrival order, so a late wake-up never lets two sends bunch up by
more than `slack` seconds. Per chat it is a sliding window (`burst` sends in any
`burst / rate` seconds): a reply and its follow-ups go at once, the sustained rate is 1/s.

Spacing alone is not enough on a busy machine or network: the far side counts when it
*handles* a message, and delays bunch those moments together. `window_cap` adds a second,
jitter-proof limit (Landed): a send counts from its start until a second after its answer.
"""

from __future__ import annotations

import asyncio
import time
from collections import deque
from collections.abc import AsyncIterator, Awaitable, Callable, Hashable
from contextlib import asynccontextmanager

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


class Window:
    """At most `count` sends in any `seconds`: the times of the last `count` sends."""

    def __init__(self, rate: float, count: int = 1):
        self.count, self.seconds = count, count / rate
        self.times: deque[float] = deque(maxlen=count)
        self.held = float("-inf")

    def ready_at(self) -> float:
        # A millisecond past the window's edge: the far side counts in floats and in network time.
        oldest = self.times[0] + self.seconds + 0.001 if len(self.times) == self.count else float("-inf")
        return max(oldest, self.held)

    def take(self, now: float) -> None:
        self.times.append(now)

    def hold(self, until: float) -> None:
        self.held = max(self.held, until)

    def idle(self, now: float) -> bool:
        return self.ready_at() <= now and (not self.times or self.times[-1] + self.seconds <= now)


class Landed:
    """At most `cap` sends in any `seconds`, each counted from the moment it starts until
    `seconds` after its answer came back. The far side stamps a message somewhere in between,
    and its window counts those stamps; so network and scheduling delays, which bunch stamps
    together even when starts were evenly spaced, can never push its count over the cap."""

    def __init__(self, cap: int, seconds: float = 1.0):
        self.cap, self.seconds = cap, seconds
        self.in_flight = 0
        self.done: deque[float] = deque()

    def ready_at(self, now: float) -> float:
        while self.done and self.done[0] + self.seconds <= now:
            self.done.popleft()
        over = self.in_flight + len(self.done) - self.cap
        if over < 0:
            return float("-inf")
        if over < len(self.done):
            return self.done[over] + self.seconds  # when enough answered sends have aged out
        return now + 0.002  # everything counted is still in flight: look again shortly

    def finished(self, now: float) -> None:
        self.in_flight -= 1
        self.done.append(now)


class RateLimiter:
    def __init__(self, rate: float, *, burst: int = 1, window_cap: int | None = None,
                 per_key_rate: float | None = None, per_key_burst: int = 1,
                 clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], Awaitable[None]] = asyncio.sleep):
        self.rate = rate
        self._global = Pace(rate, burst)
        self._landed = Landed(window_cap) if window_cap else None
        self._per_key = (per_key_rate, per_key_burst) if per_key_rate else None
        self._keys: dict[Hashable, Window] = {}
        self._new_keys = 0
        self._lock = asyncio.Lock()
        self.clock, self.sleep = clock, sleep

    @asynccontextmanager
    async def slot(self, key: Hashable | None = None) -> AsyncIterator[None]:
        """One send: waits for room, and counts the send until its answer is back (see Landed)."""
        await self.acquire(key)
        try:
            yield
        finally:
            if self._landed is not None:
                self._landed.finished(self.clock())

    async def acquire(self, key: Hashable | None = None) -> None:
        """Waits until one more send fits every limit, and books it (`slot` also books its end)."""
        while True:
            pace = self._key(key)
            if pace is not None and (wait := pace.ready_at() - self.clock()) > 0:
                await self.sleep(wait)  # outside the lock: one slow chat must not hold up the others
                continue
            async with self._lock:
                while (wait := self._global_ready() - self.clock()) > 0:
                    await self.sleep(wait)
                now = self.clock()
                if pace is not None and pace.ready_at() > now:
                    continue  # this chat's slot went to another waiter meanwhile
                self._global.take(now)
                if self._landed is not None:
                    self._landed.in_flight += 1
                if pace is not None:
                    pace.take(now)
                return

    def _global_ready(self) -> float:
        ready = self._global.ready_at()
        return max(ready, self._landed.ready_at(self.clock())) if self._landed is not None else ready

    def pause(self, seconds: float, key: Hashable | None = None) -> None:
        """Holds every send (or one key's) for `seconds`, after a 429 with retry_after."""
        until = self.clock() + seconds
        (self._key(key) if key is not None and self._per_key else self._global).hold(until)  # type: ignore[union-attr]

    def _key(self, key: Hashable | None) -> Window | None:
        if key is None or self._per_key is None:
            return None
        pace = self._keys.get(key)
        if pace is None:
            self._new_keys += 1
            if self._new_keys % 256 == 0:
                self._forget_idle()
            pace = self._keys[key] = Window(*self._per_key)
        return pace

    def _forget_idle(self) -> None:
        """Drops chats whose window has emptied, so memory stays flat over a long run."""
        now = self.clock()
        for k in [k for k, w in self._keys.items() if w.idle(now)]:
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
        try:
            async with self.limiter.slot(out.recipient):
                return await self.sender.send(out)
        except RetryLater as exc:
            self.limiter.pause(exc.seconds)
            raise


def channel_limiters(telegram_rate: float, whatsapp_rate: float) -> dict[str, RateLimiter]:
    """Telegram: ~30/s overall, ~1/s per chat (bursts of 3 let a reply and its follow-ups through);
    WhatsApp: the sender's configured rate. The simulator has no limits."""
    return {
        "telegram": RateLimiter(telegram_rate, window_cap=int(telegram_rate), per_key_rate=1.0, per_key_burst=3),
        "whatsapp": RateLimiter(whatsapp_rate, window_cap=max(int(whatsapp_rate), 1), per_key_rate=1.0, per_key_burst=3),
    }
