"""Messages per second through POST /api/simulator/messages (one committed transaction
each), against a bare FastAPI endpoint doing one SQLite insert, in the same run."""

from __future__ import annotations

import multiprocessing
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


def main(seconds: float = 8.0) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        with servers.bare(Path(tmp)) as port:
            bare = measure(port, "/bare", bare_body, seconds)
        with servers.kedai(Path(tmp)) as port:
            ours = measure(port, "/api/simulator/messages", kedai_body, seconds)
    ratio = ours.rate / bare.rate if bare.rate else 0.0
    print(bare.line("bare endpoint (FastAPI + 1 sqlite3 insert/commit)"))
    print(ours.line("kedai POST /api/simulator/messages (1 transaction each)"))
    print(f"ratio kedai/bare: {ratio:.2f} (target >= 0.5)")
    return {"bare_rps": bare.rate, "kedai_rps": ours.rate, "ratio": ratio}


if __name__ == "__main__":
    main()
