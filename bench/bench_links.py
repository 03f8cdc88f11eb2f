"""What it costs a running server to notice links made or removed (bot.channels.live_links): the
look every KEDAI_CHANNELS_POLL_SECONDS (one counter row, outside any transaction), and, only when
the counter moved, reading every link and comparing it with what is served; for an install of
1,000 shops with a bot and a number each, on SQLite.

Run from the repository root: `.venv/bin/python bench/bench_links.py [--shops N]`.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import insert  # noqa: E402

from bot.channels import live_links  # noqa: E402
from storage import change_counters  # noqa: E402
from storage.db import make_engine, session_factory, unit_of_work  # noqa: E402
from storage.migrate import upgrade  # noqa: E402
from storage.models import Shop, ShopChannel, utcnow  # noqa: E402


class _Kedai:  # what live_links.read takes from a Kedai
    def __init__(self, sessions):  # type: ignore[no-untyped-def]
        self.sessions = sessions


def timed(work, times: int) -> float:  # type: ignore[no-untyped-def]
    """Median microseconds of one call, over 5 rounds of `times` calls."""
    rounds = []
    for _ in range(5):
        start = time.perf_counter()
        for _ in range(times):
            work()
        rounds.append((time.perf_counter() - start) / times * 1e6)
    return statistics.median(rounds)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--shops", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/kedai.db"
        upgrade(url)
        engine = make_engine(url)
        sessions = session_factory(engine)
        with unit_of_work(sessions) as s:
            now = utcnow()
            s.execute(insert(Shop), [{"id": n, "slug": f"toko-{n}", "name": f"Toko {n}", "profile": {}, "created_at": now}
                                     for n in range(1, args.shops + 1)])
            s.execute(insert(ShopChannel), [
                row for n in range(1, args.shops + 1) for row in (
                    {"shop_id": n, "channel": "telegram", "account": str(7_000_000_000 + n),
                     "token": f"{7_000_000_000 + n}:AA{'x' * 33}", "secret": "s" * 32},
                    {"shop_id": n, "channel": "whatsapp", "account": f"+62811{n:08d}"})])
            change_counters.bump(s, change_counters.SHOP_CHANNELS)
            s.commit()
        kedai = _Kedai(sessions)
        seen = live_links.read(kedai)  # type: ignore[arg-type]
        served = {(link.channel, link.account): link for link in seen.links}
        one_more = [*seen.links, live_links.Link(1, "telegram", "7999999999", "7999999999:AA", "s")]
        look = timed(lambda: change_counters.peek(engine, change_counters.SHOP_CHANNELS), 2000)
        read = timed(lambda: live_links.read(kedai), 5)  # type: ignore[arg-type]
        compare = timed(lambda: live_links.changes(served, one_more), 20)
        engine.dispose()
    print(f"{args.shops:,} shops, {len(seen.links):,} links, SQLite")
    print(f"  the look every few seconds (one counter row):   {look:8.1f} µs")
    print(f"  on a change: every link read                    {read / 1000:8.2f} ms")
    print(f"  on a change: compared with what is served       {compare / 1000:8.2f} ms")
    print(f"  at the default 3 s: {look / 3e6 * 100:.4f}% of one core per process")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
