"""Send pacing for chat platforms: at most `burst` sends to one key (a chat) in any window of
`burst / per_key_rate` seconds, and overall a steady pace just under `overall_rate` per second.

Per chat: a sliding window, 10% longer than the platform's for the network's jitter (Telegram:
short bursts per chat at a sustained 1/s, so a reply and its follow-ups go at once).

Overall: why not a window of 30 per second (or a token bucket like aiolimiter)? Either lets
30 go at once and 30 more a second later; the platform counts *arrivals* in a sliding second,
and delays on the way bunch arrivals together, so a burst plus jitter is a 429. Instead sends
are spaced evenly (a GCRA pace, one under the platform's rate: 29/s for Telegram's 30; a sender
woken late by a busy event loop lets the few behind it catch up, CATCH_UP), and a
send made through `slot()` is also counted from its start until a second after its answer came
back (Landed): the platform stamps it somewhere in between, so however late or bunched those
stamps are, no second of them can hold more than the cap. Broadcasts reach 28-29/s this way.

The limiter lives in one process: with several, only the leader sends (bot.processes), so one
limiter paces every send of a bot or number. Every send to one platform should go through
`slot()` (plain `acquire()` paces but is not counted until answered).

Rates are per `second`: 1.0 but against a fake platform whose clock runs fast (tests), where all
of it, the pace, the per-chat windows and the one second a send is counted after its answer,
must shrink together; scaling the rates alone leaves that last count ten times too loose.
"""

from __future__ import annotations

import asyncio
import math
import time
import weakref
from collections import deque
from collections.abc import AsyncIterator, Awaitable, Callable, Hashable
from contextlib import asynccontextmanager


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
# not turn into a 429, so the per-chat windows are a little longer than the platform's.
MARGIN = 1.1


def window(rate: float | None, burst: int, second: float = 1.0) -> Window | None:
    """A window allowing `burst` events at a sustained `rate` per `second`; None means no limit."""
    if not rate or rate <= 0:
        return None
    return Window(burst, burst / rate * MARGIN * second)


# How many steps behind its schedule the pace may fall and still keep it. An event loop busy
# with inbound requests fires timers 20-90 ms late; restarting the schedule at every late
# wake-up made each send cost a step plus the lateness, 17 of Telegram's 29/s while the webhook
# was saturated (docs/PERFORMANCE.md). Kept, the sends behind a late one go at once, at most
# this many back to back; `Landed`, not the pace, keeps every second of arrivals under the cap.
CATCH_UP = 3


class Pace:
    """Evenly spaced sends, `1/rate` apart (GCRA: the time the next one is due)."""

    def __init__(self, rate: float, catch_up: float = CATCH_UP):
        self.interval = 1.0 / rate
        self.slack = catch_up * self.interval
        self.due = float("-inf")

    def wait(self, now: float) -> float:
        return max(0.0, self.due - now)

    def take(self, now: float) -> None:
        # A sender that woke up to `slack` late keeps the schedule (those behind it catch up);
        # later than that, or after a quiet spell, the schedule restarts from now: a quiet
        # minute is never saved up into a burst.
        self.due = (self.due if self.due >= now - self.slack else now) + self.interval

    def hold(self, until: float) -> None:
        self.due = max(self.due, until)


class Landed:
    """At most `cap` sends in any `seconds`, each counted from its start until `seconds` after
    its answer came back (see the module docstring)."""

    def __init__(self, cap: int, seconds: float = 1.0):
        self.cap, self.seconds = cap, seconds
        self.in_flight = 0
        self.done: deque[float] = deque()

    def wait(self, now: float) -> float:
        while self.done and self.done[0] + self.seconds <= now:
            self.done.popleft()
        over = self.in_flight + len(self.done) - self.cap
        if over < 0:
            return 0.0
        if over < len(self.done):
            return max(0.0, self.done[over] + self.seconds - now)  # when enough answered sends age out
        return 0.002  # everything counted is still in flight: look again shortly

    def finished(self, now: float) -> None:
        self.in_flight -= 1
        self.done.append(now)


def paced(rate: float) -> float:
    """The steady pace for a platform limit: one under it (29 for 30), leaving room for jitter."""
    return rate - 1 if rate >= 2 else rate


def hold_all(seconds: float = 1.0) -> None:
    """Holds every limiter of this process for `seconds` of its platform's: a process taking over
    the sending from one that died knows nothing of that one's last second of sends, which the
    platform still counts (bot.processes); after a second of its own they are out of every count."""
    for limiter in list(_LIMITERS):
        limiter.pause(seconds)


class RateLimiter:
    def __init__(self, per_key_rate: float | None = 1.0, overall_rate: float | None = 30.0, *, burst: int = 3,
                 second: float = 1.0, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], Awaitable[object]] = asyncio.sleep):
        self.per_key_rate, self.burst, self.second = per_key_rate, burst, second
        steady = paced(overall_rate) if overall_rate and overall_rate > 0 else None
        self.overall = Pace(steady / second) if steady else None
        self.landed = Landed(max(1, math.floor(steady)), second) if steady else None
        self.clock, self.sleep = clock, sleep
        self.keys: dict[Hashable, Window] = {}
        self._new_keys = 0
        self._lock = asyncio.Lock()
        _LIMITERS.add(self)

    @asynccontextmanager
    async def slot(self, key: Hashable = None) -> AsyncIterator[float]:
        """One send: waits for room (yielding the seconds waited) and counts it until it is answered."""
        waited = await self._acquire(key, counted=True)
        try:
            yield waited
        finally:
            if self.landed is not None:
                self.landed.finished(self.clock())

    async def acquire(self, key: Hashable = None) -> float:
        """Waits until one more send to key fits the pace and the chat's window, records it, and
        returns the seconds waited. Prefer `slot`, which also holds the send until it is answered."""
        return await self._acquire(key, counted=False)

    async def _acquire(self, key: Hashable, counted: bool) -> float:
        start = self.clock()
        while True:
            per_key = self._window(key, self.clock())
            if per_key is not None and (wait := per_key.wait(self.clock())) > 0:
                await self.sleep(wait)  # outside the lock: one busy chat must not hold up the others
                continue
            async with self._lock:  # the overall limits are taken one at a time, in arrival order
                while (wait := self._overall_wait(counted)) > 0:
                    await self.sleep(wait)
                now = self.clock()
                if per_key is not None and per_key.wait(now) > 0:
                    continue  # this chat's room went to another waiter meanwhile
                if self.overall is not None:
                    self.overall.take(now)
                if counted and self.landed is not None:
                    self.landed.in_flight += 1
                if per_key is not None:
                    per_key.note(now)
                return now - start

    def _overall_wait(self, counted: bool) -> float:
        now = self.clock()
        wait = self.overall.wait(now) if self.overall is not None else 0.0
        if counted and self.landed is not None:
            wait = max(wait, self.landed.wait(now))
        return wait

    def pause(self, seconds: float) -> None:
        """Holds every send for `seconds` of the platform's (after a 429 whose retry_after applies
        to the whole bot, or for a process taking over another's sending: hold_all)."""
        if self.overall is not None:
            self.overall.hold(self.clock() + seconds * self.second)

    def _window(self, key: Hashable, now: float) -> Window | None:
        if key is None or not self.per_key_rate:
            return None
        found = self.keys.get(key)
        if found is None:
            self._new_keys += 1
            if self._new_keys % 256 == 0:  # forget chats quiet for a whole window: flat memory on long runs
                self.keys = {k: w for k, w in self.keys.items() if not w.idle(now)}
            found = self.keys[key] = window(self.per_key_rate, self.burst, self.second)
        return found


_LIMITERS: weakref.WeakSet[RateLimiter] = weakref.WeakSet()  # every limiter of this process: hold_all
