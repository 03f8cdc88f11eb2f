"""The send pacer under a virtual clock: bursts per chat, an even overall pace, and the landed
window that keeps every second under the platform's count (judged by the same sliding-window
rule the fake Bot API enforces) however delivery jitters."""

from __future__ import annotations

import asyncio
import heapq
import itertools
import random
from collections.abc import Coroutine
from typing import Any, TypeVar

import pytest

from bot.ratelimit import Pace, RateLimiter
from tests.fakes.telegram_rules import SlidingWindows

T = TypeVar("T")


class VirtualTime:
    """For one sender at a time: sleeping moves the clock."""

    def __init__(self) -> None:
        self.now = 0.0

    def clock(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.now += seconds


class VirtualLoop:
    """For many concurrent senders: the clock moves only when every task sleeps, to the earliest wake-up."""

    def __init__(self) -> None:
        self.now = 0.0
        self._sleepers: list[tuple[float, int, asyncio.Future[None]]] = []
        self._seq = itertools.count()

    def clock(self) -> float:
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


def sends(limiter: RateLimiter, time: VirtualTime, keys: list[str]) -> list[tuple[str, float]]:
    async def go() -> list[tuple[str, float]]:
        out = []
        for key in keys:
            await limiter.acquire(key)
            out.append((key, time.now))
        return out

    return asyncio.run(go())


def most_in_any_window(times: list[float], seconds: float) -> int:
    return max(sum(1 for u in times if t <= u < t + seconds - 1e-9) for t in times)


def flood_429s(stamps: list[tuple[float, int]], global_per_sec: int = 30, per_chat: float | None = 1.0) -> int:
    """How many of these sends the fake Bot API would have refused (its own SlidingWindows)."""
    clock = [0.0]
    windows, refused = SlidingWindows(lambda: clock[0]), 0
    for at, chat in sorted(stamps):
        clock[0] = at
        if windows.retry_after(chat, per_chat, 3, global_per_sec) is not None:
            refused += 1
        else:
            windows.note(chat)
    return refused


def test_one_chat_gets_a_burst_of_three_then_one_per_second():
    time = VirtualTime()
    limiter = RateLimiter(1.0, 30.0, clock=time.clock, sleep=time.sleep)
    times = [t for _, t in sends(limiter, time, ["siti"] * 10)]
    assert times[2] < 0.1  # the burst goes at once, a pace step (1/29 s) apart
    assert [times[3], times[6], times[9]] == pytest.approx([3.3, 6.6, 9.9])  # 10% margin for jitter
    assert most_in_any_window(times, 3.0) == 3  # never more than Telegram's 3 in 3 s for one chat


def test_other_chats_do_not_wait_for_a_busy_one():
    time = VirtualTime()
    limiter = RateLimiter(1.0, 30.0, clock=time.clock, sleep=time.sleep)
    got = sends(limiter, time, ["siti"] * 3 + ["budi", "rina"])
    assert [k for k, _ in got[-2:]] == ["budi", "rina"] and got[-1][1] < 0.2


def test_many_chats_together_are_paced_evenly_under_thirty_per_second():
    time = VirtualTime()
    limiter = RateLimiter(1.0, 30.0, clock=time.clock, sleep=time.sleep)
    times = [t for _, t in sends(limiter, time, [f"chat-{i}" for i in range(100)])]
    assert most_in_any_window(times, 1.0) == 29 and times[-1] == pytest.approx(99 / 29)


def test_no_rate_means_no_waiting():
    time = VirtualTime()
    limiter = RateLimiter(None, None, clock=time.clock, sleep=time.sleep)
    assert {t for _, t in sends(limiter, time, ["siti"] * 50)} == {0.0}


def test_concurrent_senders_share_the_limit_without_exceeding_it():
    loop = VirtualLoop()
    limiter = RateLimiter(20.0, None, clock=loop.clock, sleep=loop.sleep)  # 3 per 0.165 s for one chat
    stamps: list[float] = []

    async def one() -> None:
        await limiter.acquire("siti")
        stamps.append(loop.now)

    async def go() -> None:
        await asyncio.gather(*(one() for _ in range(9)))

    loop.run(go())
    assert len(stamps) == 9 and most_in_any_window(stamps, 0.15) == 3 and max(stamps) >= 0.33 - 1e-3


def test_an_even_pace_passes_the_fakes_flood_control_even_when_each_send_wakes_up_to_4ms_late():
    pace, rng, now, stamps = Pace(29), random.Random(7), 0.0, []
    for i in range(3000):
        now = max(now, pace.due) + rng.uniform(0, 0.004)
        pace.take(now)
        stamps.append((now, i))
    assert flood_429s(stamps) == 0 and 3000 / stamps[-1][0] > 28.5


def test_a_full_bucket_of_thirty_then_thirty_a_second_would_be_refused():
    burst = [(0.0, i) for i in range(30)] + [(i / 30, 100 + i) for i in range(1, 31)]
    assert flood_429s(burst) > 0


def test_many_concurrent_senders_share_the_overall_pace():
    loop = VirtualLoop()
    limiter = RateLimiter(1.0, 30.0, clock=loop.clock, sleep=loop.sleep)
    stamps: list[tuple[float, int]] = []

    async def worker(chats: list[int]) -> None:
        for chat in chats:
            async with limiter.slot(chat):
                stamps.append((loop.now, chat))
                await loop.sleep(0.01)

    async def go() -> None:
        await asyncio.gather(*(worker(list(range(w, 600, 6))) for w in range(6)))

    loop.run(go())
    assert len(stamps) == 600 and flood_429s(stamps) == 0 and 600 / stamps[-1][0] > 28


def test_with_slots_jittery_delivery_never_trips_the_fakes_flood_control():
    """Four senders; each message takes 5-150 ms and the far side stamps it at a random point of
    that trip, so stamps bunch up and overtake each other. Pacing alone is refused at times."""
    loop, rng = VirtualLoop(), random.Random(11)
    stamps: list[tuple[float, int]] = []

    async def run(limiter: RateLimiter, slots: bool) -> None:
        async def worker(chats: list[int]) -> None:
            for chat in chats:
                if slots:
                    async with limiter.slot(chat):
                        await trip(chat)
                else:
                    await limiter.acquire(chat)
                    await trip(chat)

        async def trip(chat: int) -> None:
            seconds = rng.uniform(0.005, 0.150)
            stamps.append((loop.now + rng.uniform(0, seconds), chat))
            await loop.sleep(seconds)

        await asyncio.gather(*(worker(list(range(w, 600, 4))) for w in range(4)))

    loop.run(run(RateLimiter(None, 30.0, clock=loop.clock, sleep=loop.sleep), slots=True))
    assert len(stamps) == 600 and flood_429s(stamps, per_chat=None) == 0
    assert 600 / max(t for t, _ in stamps) > 26  # jitter this wild costs a little rate, never a 429
    stamps.clear()
    loop.run(run(RateLimiter(None, 30.0, clock=loop.clock, sleep=loop.sleep), slots=False))
    assert flood_429s(stamps, per_chat=None) > 0


class BusyLoop(VirtualLoop):
    """An event loop busy with inbound requests: every sleep ends up to `late` seconds after it
    was due (26-29 ms on average, up to 90 ms, under the webhook bench's 16 connections)."""

    def __init__(self, late: float, seed: int) -> None:
        super().__init__()
        self.late, self.rng = late, random.Random(seed)

    async def sleep(self, seconds: float) -> None:
        await super().sleep(seconds + self.rng.uniform(0, self.late))


def test_on_a_busy_loop_late_wake_ups_neither_slow_the_pace_nor_trip_the_fakes_flood_control():
    """Eight senders on a loop whose timers fire 0-60 ms late, each send taking 5-100 ms and
    stamped by the far side at a random point of it. Restarting the schedule at every late
    wake-up (how the pace used to be) cost each send its lateness: 15 a second, not 25."""

    def run(loop: BusyLoop, catch_up: float | None) -> list[tuple[float, int]]:
        limiter = RateLimiter(1.0, 30.0, clock=loop.clock, sleep=loop.sleep)
        if catch_up is not None:
            limiter.overall = Pace(29, catch_up)
        trips, stamps = random.Random(3), []

        async def worker(chats: list[int]) -> None:
            for chat in chats:
                async with limiter.slot(chat):
                    seconds = trips.uniform(0.005, 0.100)
                    stamps.append((loop.now + trips.uniform(0, seconds), chat))
                    await loop.sleep(seconds)

        async def go() -> None:
            await asyncio.gather(*(worker(list(range(w, 900, 8))) for w in range(8)))

        loop.run(go())
        return stamps

    stamps = run(BusyLoop(0.060, seed=1), catch_up=None)
    assert len(stamps) == 900 and flood_429s(stamps) == 0
    assert most_in_any_window([t for t, _ in stamps], 1.0) <= 29
    assert 900 / max(t for t, _ in stamps) > 24  # what is left: each send counted until its late-seen answer
    before = run(BusyLoop(0.060, seed=1), catch_up=0.15)  # ~5 ms of slack, as before
    assert flood_429s(before) == 0 and 900 / max(t for t, _ in before) < 18


def test_a_pace_kept_through_late_wake_ups_still_saves_nothing_up_over_a_quiet_spell():
    pace = Pace(29)
    pace.take(0.0)
    pace.take(0.05)  # 16 ms late: the schedule holds, the next one is due at once
    assert pace.wait(0.05) == pytest.approx(0.019, abs=1e-3)
    pace.take(10.0)  # after ten quiet seconds: one step from now, not 290 sends' worth of credit
    assert pace.wait(10.0) == pytest.approx(1 / 29)


def test_a_pause_after_a_429_holds_every_send():
    time = VirtualTime()
    limiter = RateLimiter(None, 30.0, clock=time.clock, sleep=time.sleep)

    async def go() -> float:
        await limiter.acquire()
        limiter.pause(3)
        await limiter.acquire()
        return time.now

    assert asyncio.run(go()) >= 3


def test_chats_whose_window_has_emptied_are_forgotten_so_memory_stays_flat():
    time = VirtualTime()
    limiter = RateLimiter(1.0, 101.0, clock=time.clock, sleep=time.sleep)  # paced at 100/s
    sends(limiter, time, [f"chat-{i}" for i in range(3000)])
    assert len(limiter.keys) <= 600  # chats of the last 3.3 s (~330) and at most 256 new since the last sweep


def test_against_a_fast_clock_the_whole_limiter_shrinks_with_the_platform_s_second():
    """A fake platform whose second lasts 0.1 s (the two-process e2e): its stamps, scaled back to
    its seconds, must stay under 30 in any one and 1 a second per chat. Scaling only the rates
    (300 a real second) leaves a send counted a whole real second after its answer, ten of the
    platform's, so bunched arrivals are refused; shrinking the second keeps every count."""
    rng = random.Random(5)
    stamps: list[tuple[float, int]] = []

    def run(limiter: RateLimiter, loop: VirtualLoop) -> None:
        async def worker(chats: list[int]) -> None:
            for chat in chats:
                async with limiter.slot(chat):
                    seconds = rng.uniform(0.0005, 0.015)  # 5-150 ms of the platform's
                    stamps.append((10 * (loop.now + rng.uniform(0, seconds)), chat))
                    await loop.sleep(seconds)

        async def go() -> None:
            await asyncio.gather(*(worker(list(range(w, 600, 8))) for w in range(8)))

        loop.run(go())

    loop = VirtualLoop()
    run(RateLimiter(10.0, 300.0, clock=loop.clock, sleep=loop.sleep), loop)
    assert flood_429s(stamps) > 0
    stamps.clear()
    loop = VirtualLoop()
    run(RateLimiter(1.0, 30.0, second=0.1, clock=loop.clock, sleep=loop.sleep), loop)
    assert len(stamps) == 600 and flood_429s(stamps) == 0
    assert 600 / max(t for t, _ in stamps) > 26  # in the platform's seconds: nearly its whole rate


def test_hold_all_holds_every_limiter_of_the_process_for_a_second_of_its_platform():
    """A process taking over another's sending waits out that one's last second (bot.app)."""
    from bot.ratelimit import hold_all

    times = {"real": VirtualTime(), "fast": VirtualTime()}
    limiters = {"real": RateLimiter(None, 30.0, clock=times["real"].clock, sleep=times["real"].sleep),
                "fast": RateLimiter(None, 30.0, second=0.1, clock=times["fast"].clock, sleep=times["fast"].sleep)}

    async def waited(name: str) -> float:
        await limiters[name].acquire()
        return times[name].now

    hold_all(1.0)
    assert asyncio.run(waited("real")) >= 1.0
    assert 0.1 <= asyncio.run(waited("fast")) < 0.2
