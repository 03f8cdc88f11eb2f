"""The send pacer keeps every one-second window under Telegram's limit (judged by the same
sliding-window rule the fake Bot API enforces), per chat too, on a virtual clock."""

from __future__ import annotations

import asyncio
import heapq
import itertools
import random
from collections.abc import Coroutine
from typing import Any, TypeVar

from bot.ratelimit import Pace, RateLimiter
from tests.fakes.telegram_rules import SlidingWindows

T = TypeVar("T")


class VirtualTime:
    """A clock that moves only when every task is asleep: then to the earliest wake-up."""

    def __init__(self) -> None:
        self.now = 0.0
        self._sleepers: list[tuple[float, int, asyncio.Future[None]]] = []
        self._seq = itertools.count()

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        future = asyncio.get_running_loop().create_future()
        heapq.heappush(self._sleepers, (self.now + max(seconds, 0.0), next(self._seq), future))
        await future

    def run(self, main: Coroutine[Any, Any, T]) -> T:
        async def drive() -> T:
            task = asyncio.ensure_future(main)
            while not task.done():
                for _ in range(50):  # let everything that can run, run
                    await asyncio.sleep(0)
                if self._sleepers and not task.done():
                    wake, _, future = heapq.heappop(self._sleepers)
                    self.now = max(self.now, wake)
                    future.set_result(None)
            return task.result()

        return asyncio.run(drive())


def flood_429s(times: list[tuple[float, int]], global_per_sec: int = 30, per_chat: float | None = 1.0) -> int:
    """How many of these sends the fake Bot API would have refused (its own SlidingWindows)."""
    clock = [0.0]
    windows, refused = SlidingWindows(lambda: clock[0]), 0
    for at, chat in sorted(times):
        clock[0] = at
        if windows.retry_after(chat, per_chat, 3, global_per_sec) is not None:
            refused += 1
        else:
            windows.note(chat)
    return refused


def test_paced_sends_pass_the_fakes_flood_control_even_when_each_wakes_up_to_4ms_late():
    pace, rng, now, times = Pace(29), random.Random(7), 0.0, []
    for i in range(3000):
        now = max(now, pace.ready_at()) + rng.uniform(0, 0.004)
        pace.take(now)
        times.append((now, i))
    assert flood_429s(times) == 0
    assert 3000 / times[-1][0] > 28.5  # and the rate is not given away


def test_a_plain_bucket_with_a_full_burst_would_not_pass_where_the_pace_does():
    # 30 at once then 30/s: what a token bucket of capacity 30 allows in its first second
    burst = [(0.0, i) for i in range(30)] + [(i / 30, 100 + i) for i in range(1, 31)]
    assert flood_429s(burst) > 0


def test_concurrent_senders_share_the_overall_limit():
    vt = VirtualTime()
    limiter = RateLimiter(29, per_key_rate=1.0, per_key_burst=3, clock=vt, sleep=vt.sleep)
    times: list[tuple[float, int]] = []

    async def worker(chats: list[int]) -> None:
        for chat in chats:
            await limiter.acquire(chat)
            times.append((vt.now, chat))

    async def main() -> None:
        await asyncio.gather(*(worker(list(range(w, 600, 6))) for w in range(6)))

    vt.run(main())
    assert len(times) == 600 and flood_429s(times) == 0
    assert 600 / times[-1][0] > 28


def test_one_chat_gets_a_burst_of_three_then_one_per_second():
    vt = VirtualTime()
    limiter = RateLimiter(29, per_key_rate=1.0, per_key_burst=3, clock=vt, sleep=vt.sleep)

    async def main() -> list[float]:
        out = []
        for _ in range(6):
            await limiter.acquire("chat-1")
            out.append(vt.now)
        return out

    at = vt.run(main())
    assert at[2] - at[0] < 0.1  # a reply and its follow-ups are not held back
    assert [round(b - a, 1) for a, b in zip(at, at[3:])] == [3.0, 3.0, 3.0]  # then 3 in any 3 s: 1/s sustained
    assert flood_429s([(t, 1) for t in at]) == 0


def test_a_pause_after_429_holds_every_send():
    vt = VirtualTime()
    limiter = RateLimiter(29, clock=vt, sleep=vt.sleep)

    async def main() -> float:
        await limiter.acquire()
        limiter.pause(3)
        await limiter.acquire()
        return vt.now

    assert vt.run(main()) >= 3


def test_chats_whose_limit_has_recovered_are_forgotten_so_memory_stays_flat():
    vt = VirtualTime()
    limiter = RateLimiter(100, per_key_rate=1.0, per_key_burst=3, clock=vt, sleep=vt.sleep)

    async def main() -> None:
        for chat in range(3000):
            await limiter.acquire(chat)

    vt.run(main())
    assert limiter.tracked_keys <= 600  # chats of the last 3 s (~300) and at most 256 new since the last sweep


def test_with_the_landed_window_jittery_delivery_never_trips_the_fakes_flood_control():
    """Four senders; each message takes 5-150 ms and the far side stamps it at a random point of
    that trip, so stamps bunch up and overtake each other. Spacing alone would be refused."""
    vt, rng = VirtualTime(), random.Random(11)
    stamps: list[tuple[float, int]] = []

    async def run(limiter: RateLimiter) -> None:
        async def worker(chats: list[int]) -> None:
            for chat in chats:
                async with limiter.slot(chat):
                    trip = rng.uniform(0.005, 0.150)
                    stamps.append((vt.now + rng.uniform(0, trip), chat))
                    await vt.sleep(trip)

        await asyncio.gather(*(worker(list(range(w, 600, 4))) for w in range(4)))

    vt.run(run(RateLimiter(29, window_cap=29, clock=vt, sleep=vt.sleep)))
    assert len(stamps) == 600 and flood_429s(stamps, per_chat=None) == 0
    assert 600 / max(t for t, _ in stamps) > 26  # jitter this wild costs a little rate, never a 429
    stamps.clear()
    vt.run(run(RateLimiter(29, clock=vt, sleep=vt.sleep)))
    assert flood_429s(stamps, per_chat=None) > 0
