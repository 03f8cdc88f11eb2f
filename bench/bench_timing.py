"""Timing figures that used to be upper bounds inside tests: how long the event loop goes without
running while a message waits behind another SQLite writer, and how long that message waits.

The tests (tests/integration/test_inbox.py) keep the behaviour: the message waits, and the loop
keeps running meanwhile. These figures depend on the machine and its load, so they are printed
here, with the bounds the design aims for, instead of failing a test on a busy machine.
"""

from __future__ import annotations

import statistics
import tempfile
from pathlib import Path

from storage.migrate import upgrade
from tests.integration.test_inbox import wait_behind_another_writer

HOLD = 0.3  # seconds the other writer keeps the lock
AIM_GAP = 0.15  # the loop never stalls for anything near the wait
AIM_WAIT = 5.0  # the message is handled soon after the lock is free
ROUNDS = 5


def main() -> int:
    gaps, waits = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for n in range(ROUNDS):
            url = f"sqlite:///{Path(tmp)}/bench-{n}.db"
            upgrade(url)
            _, started, finished, ticks = wait_behind_another_writer(url, HOLD)
            gaps.append(max(b - a for a, b in zip(ticks, ticks[1:])))
            waits.append(finished - started)
    gap, wait = statistics.median(gaps), statistics.median(waits)
    print(f"a message behind another writer holding the lock {HOLD:g} s, {ROUNDS} rounds (medians):")
    print(f"  longest gap between the loop's 20 ms ticks: {gap * 1000:.0f} ms (aim: under {AIM_GAP * 1000:.0f} ms)")
    print(f"  the message's wait: {wait * 1000:.0f} ms (aim: {HOLD * 1000:.0f} ms to {AIM_WAIT:g} s)")
    return 0 if gap < AIM_GAP and HOLD <= wait < AIM_WAIT else 1


if __name__ == "__main__":
    raise SystemExit(main())
