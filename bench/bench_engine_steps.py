"""What each step of bench_simulator's conversation costs inside engine.handle, in-process,
on the event loop's kept SQLite connection (as `kedai serve` runs it): the engine's share of
the simulator endpoint's time, without HTTP.

Wall-clock figures drift here (docs/PERFORMANCE.md); instructions do not. To count them, run the
same steps under callgrind twice, with and without the measured rounds, and divide the
difference by the messages (6 steps x 32 people per round):

    PYTHONHASHSEED=0 valgrind --tool=callgrind --callgrind-out-file=/tmp/cg.0 \\
        .venv/bin/python -m bench.bench_engine_steps --rounds 0
    PYTHONHASHSEED=0 valgrind --tool=callgrind --callgrind-out-file=/tmp/cg.2 \\
        .venv/bin/python -m bench.bench_engine_steps --rounds 2
    # (totals of /tmp/cg.2 - totals of /tmp/cg.0) / 384
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time

from bench.bench_simulator import SCRIPT
from bot.bootstrap import build
from bot.engine import Engine
from bot.messages import Inbound
from shops.setup import load_demo_if_empty
from config import Settings
from storage.db import unit_of_work
from storage.migrate import upgrade

PEOPLE = 32


def send(engine: Engine, person: int, n: int) -> float:
    step = SCRIPT[n % len(SCRIPT)]
    inbound = Inbound(channel="simulator", sender=f"person-{person}", message_id=f"{person}-{n}",
                      text=step.get("text", ""), choice=step.get("choice"))
    started = time.perf_counter()
    engine.handle(inbound, wait=False)
    return time.perf_counter() - started


def main(rounds: int = 20, quiet: bool = False) -> int:
    url = f"sqlite:///{tempfile.mkdtemp()}/bench.db"
    upgrade(url)
    kedai = build(Settings(database_url=url), serving=True)  # as `kedai serve`: WAL checkpoints on a thread
    with unit_of_work(kedai.sessions) as s:
        load_demo_if_empty(s)
        s.commit()
    if kedai.checkpointer is not None:
        kedai.checkpointer.start()
    engine = kedai.engine
    for n in range(len(SCRIPT)):  # everyone's first messages (new customers) and warm caches
        for person in range(PEOPLE):
            send(engine, person, n)
    times: list[list[float]] = [[] for _ in SCRIPT]
    for n in range(len(SCRIPT), len(SCRIPT) * (rounds + 1)):
        for person in range(PEOPLE):
            times[n % len(SCRIPT)].append(send(engine, person, n))
    kedai.close()
    if not quiet and rounds:
        for step, spent in zip(SCRIPT, times):
            print(f"{str(step.get('text') or step.get('choice')):18s} median {statistics.median(spent) * 1e6:5.0f} µs")
        every = [t for spent in times for t in spent]
        print(f"all steps          median {statistics.median(every) * 1e6:5.0f} µs, mean {statistics.mean(every) * 1e6:5.0f} µs "
              f"({len(every)} messages, engine.handle only)")
    return 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    raise SystemExit(main(args.rounds, quiet=args.rounds == 0))
