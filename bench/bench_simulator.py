"""Messages per second through POST /api/simulator/messages (one committed transaction
each), against a bare FastAPI endpoint doing one SQLite insert, in the same run.

Throughput on these shared machines drifts 10-30% from minute to minute (docs/PERFORMANCE.md), so
the two servers take turns, five rounds of each, and the medians are compared.
"""

from __future__ import annotations

import multiprocessing
import statistics
import tempfile
import uuid
from pathlib import Path

from bench import loadgen
from tests.e2e import server as servers

# A browsing conversation: every step reads the catalog and writes state and the outbox.
SCRIPT = [{"text": "halo"}, {"choice": "catalog"}, {"choice": "c:1:0"}, {"choice": "p:KRP-TMP"},
          {"text": "cari nastar keju"}, {"text": "menu"}]


def kedai_body(conn: int, n: int, run: str) -> dict:
    return {"user": f"bench-{run}-{conn}", "message_id": f"{run}-{conn}-{n}", **SCRIPT[n % len(SCRIPT)]}


def bare_body(conn: int, n: int, run: str) -> dict:
    return {"user": f"bench-{conn}", "message_id": f"{run}-{conn}-{n}", "text": "halo"}


def _measure(port: int, path: str, body, seconds: float, queue, headers=None) -> None:  # type: ignore[no-untyped-def]
    # Every phase gets fresh message ids: a repeated id would be a duplicate, not a message.
    warm, run = uuid.uuid4().hex[:8], uuid.uuid4().hex[:8]
    loadgen.load("127.0.0.1", port, path, lambda c, n: body(c, n, warm), seconds=1.0, connections=8, headers=headers)
    queue.put(loadgen.load("127.0.0.1", port, path, lambda c, n: body(c, n, run), seconds=seconds, connections=32,
                           headers=headers))


def measure(port: int, path: str, body, seconds: float, headers=None) -> loadgen.Result:  # type: ignore[no-untyped-def]
    """Runs the load generator in its own process so it does not share the server's core."""
    ctx = multiprocessing.get_context("spawn")
    queue = ctx.Queue()
    proc = ctx.Process(target=_measure, args=(port, path, body, seconds, queue, headers))
    proc.start()
    result = queue.get(timeout=seconds + 120)
    proc.join()
    return result


def main(seconds: float = 5.0, rounds: int = 5) -> dict[str, float]:
    bare: list[loadgen.Result] = []
    ours: list[loadgen.Result] = []
    for n in range(rounds):
        with tempfile.TemporaryDirectory() as tmp:
            with servers.bare(Path(tmp)) as port:
                bare.append(measure(port, "/bare", bare_body, seconds))
            with servers.kedai(Path(tmp)) as port:
                ours.append(measure(port, "/api/simulator/messages", kedai_body, seconds))
        print(f"round {n + 1}: bare {bare[-1].rate:,.0f} req/s, kedai {ours[-1].rate:,.0f} req/s "
              f"(ratio {ours[-1].rate / bare[-1].rate:.2f})")
    bare_rate, our_rate = statistics.median(r.rate for r in bare), statistics.median(r.rate for r in ours)
    ratio = our_rate / bare_rate if bare_rate else 0.0
    print(median_run(bare).line("bare endpoint (FastAPI + 1 sqlite3 insert/commit), median run"))
    print(median_run(ours).line("kedai POST /api/simulator/messages (1 transaction each), median run"))
    print(f"ratio kedai/bare (medians of {rounds}): {ratio:.2f} (target >= 0.5)")
    return {"bare_rps": bare_rate, "kedai_rps": our_rate, "ratio": ratio}


def median_run(results: list[loadgen.Result]) -> loadgen.Result:
    return sorted(results, key=lambda r: r.rate)[len(results) // 2]


if __name__ == "__main__":
    main()
