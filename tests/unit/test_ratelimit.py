"""The send pacer under a virtual clock: bursts per chat, a sustained rate, a global cap."""

from __future__ import annotations

import asyncio

import pytest

from bot.ratelimit import RateLimiter


class VirtualTime:
    def __init__(self) -> None:
        self.now = 0.0

    def clock(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.now += seconds


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


def test_one_chat_gets_a_burst_of_three_then_one_per_second():
    time = VirtualTime()
    limiter = RateLimiter(1.0, 30.0, clock=time.clock, sleep=time.sleep)
    times = [t for _, t in sends(limiter, time, ["siti"] * 10)]
    assert times[:3] == [0.0, 0.0, 0.0]
    assert times[3:] == pytest.approx([3.3, 3.3, 3.3, 6.6, 6.6, 6.6, 9.9])  # 10% margin for jitter
    assert most_in_any_window(times, 3.0) == 3  # never more than Telegram's 3 in 3 s for one chat


def test_other_chats_do_not_wait_for_a_busy_one():
    time = VirtualTime()
    limiter = RateLimiter(1.0, 30.0, clock=time.clock, sleep=time.sleep)
    got = sends(limiter, time, ["siti"] * 3 + ["budi", "rina"])
    assert got[-2:] == [("budi", 0.0), ("rina", 0.0)]


def test_many_chats_together_stay_under_thirty_per_second():
    time = VirtualTime()
    limiter = RateLimiter(1.0, 30.0, clock=time.clock, sleep=time.sleep)
    times = [t for _, t in sends(limiter, time, [f"chat-{i}" for i in range(100)])]
    assert most_in_any_window(times, 1.0) == 30 and times[-1] == pytest.approx(3.3)


def test_no_rate_means_no_waiting():
    time = VirtualTime()
    limiter = RateLimiter(None, None, clock=time.clock, sleep=time.sleep)
    assert {t for _, t in sends(limiter, time, ["siti"] * 50)} == {0.0}


def test_concurrent_senders_share_the_limit_without_exceeding_it():
    async def go() -> list[float]:
        limiter = RateLimiter(20.0, None)  # real clock, kept small: 3 per 0.165 s, so 9 sends take 0.33 s
        loop = asyncio.get_running_loop()
        start = loop.time()
        stamps: list[float] = []

        async def one() -> None:
            await limiter.acquire("siti")
            stamps.append(loop.time() - start)

        await asyncio.gather(*(one() for _ in range(9)))
        return sorted(stamps)

    stamps = asyncio.run(go())
    assert len(stamps) == 9 and most_in_any_window(stamps, 0.15) == 3 and stamps[-1] >= 0.33 - 1e-3
