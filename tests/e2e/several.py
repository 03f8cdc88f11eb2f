"""Several `kedai serve` processes started side by side on one database, each on a port of its
own (tests/e2e/test_two_processes*.py)."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from tests.e2e import server


@contextlib.contextmanager
def serving(url: str, tmp: Path, count: int, env: dict[str, str]) -> Iterator[list[subprocess.Popen]]:
    """`count` servers on the database at `url`, with `env` on top of the machine's; each one's
    stderr in tmp/server-<port>.log, and its port as `proc.port`."""
    procs, logs = [], []
    try:
        for _ in range(count):
            port = server.free_port()
            logs.append((tmp / f"server-{port}.log").open("ab"))
            proc = subprocess.Popen([sys.executable, "main.py", "serve"], cwd=server.ROOT, stdout=subprocess.DEVNULL,
                                    stderr=logs[-1], env={**os.environ, **env, "KEDAI_DATABASE_URL": url,
                                                          "KEDAI_PORT": str(port), "KEDAI_HOST": "127.0.0.1"})
            proc.port = port  # type: ignore[attr-defined]
            procs.append(proc)
        for proc in procs:
            server.wait_ready(f"http://127.0.0.1:{proc.port}/healthz", proc, timeout=90)
        yield procs
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.terminate()
        for proc in procs:
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
        for log in logs:
            log.close()


def log_of(tmp: Path, proc: subprocess.Popen) -> str:
    return (tmp / f"server-{proc.port}.log").read_text(errors="replace")  # type: ignore[attr-defined]


def wait_for(check: Callable[[], object], what: str, timeout: float = 60,
             detail: Callable[[], object] = lambda: "") -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what} {detail()}")
        time.sleep(0.05)
