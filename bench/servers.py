"""The processes under test: `kedai serve` as production runs it, the bare reference endpoint,
and a shop database with a big catalog for them.

`kedai serve` here is `main.py serve` unchanged: one uvicorn worker (uvloop and httptools, as
uvicorn picks them when installed), the scheduler in-process, the channels configured through
the same environment variables a deployment sets.
"""

from __future__ import annotations

import atexit
import csv
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import AbstractContextManager, closing, contextmanager
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from tests.e2e.server import ROOT, free_port, wait_ready

SEED = 20240501  # bench_search's seed: the same synthetic catalog


def cli(db: Path, *args: str, env: dict[str, str] | None = None) -> str:
    full = {**os.environ, "KEDAI_DATABASE_URL": f"sqlite:///{db}", **(env or {})}
    return subprocess.run([sys.executable, "main.py", *args], cwd=ROOT, env=full, check=True,
                          capture_output=True, text=True).stdout


@cache
def catalog_db(products: int) -> Path:
    """A migrated shop database (the demo shop) with `products` products in all, built once
    per process: bench_search's synthetic catalog (kitchen products, brands, sizes) imported
    with `kedai catalog import` next to the demo's own products."""
    from bench.bench_search import make_catalog

    folder = Path(tempfile.mkdtemp(prefix="kedai-bench-catalog-"))
    atexit.register(shutil.rmtree, folder, True)
    db = folder / "kedai.db"
    started = time.monotonic()
    cli(db, "db", "upgrade")
    demo = len(list(csv.DictReader((ROOT / "catalog" / "demo" / "products.csv").open(encoding="utf-8"))))
    rng = random.Random(SEED)
    extra = max(0, products - demo)
    if extra:
        path = folder / "products.csv"
        with path.open("w", newline="", encoding="utf-8") as f:
            out = csv.writer(f)
            out.writerow(["sku", "name", "category", "price", "stock", "description", "image_url"])
            for doc in make_catalog(extra, rng):
                out.writerow([f"BN-{doc.id:05d}", doc.name, doc.category, rng.randrange(5, 250) * 1000,
                              rng.randrange(0, 200), f"{doc.name}, buatan rumahan.", ""])
        cli(db, "catalog", "import", str(path))
    with closing(sqlite3.connect(db)) as conn:
        count = conn.execute("SELECT count(*) FROM products").fetchone()[0]
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    print(f"catalog: {count:,} products, built in {time.monotonic() - started:.0f}s", flush=True)
    return db


def copy_db(source: Path, target: Path) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    with closing(sqlite3.connect(source)) as src, closing(sqlite3.connect(target)) as dst:
        src.backup(dst)
    return target


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


@dataclass
class Server:
    name: str
    port: int
    pid: int
    log: Path
    rss: list[tuple[float, float]] = field(default_factory=list)  # (monotonic, MB), sampled

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def sample_rss(self, every: float, stop: threading.Event) -> None:
        while not stop.is_set():
            try:
                self.rss.append((time.monotonic(), rss_mb(self.pid)))
            except (FileNotFoundError, ProcessLookupError):
                return
            stop.wait(every)


@contextmanager
def process(name: str, args: list[str], env: dict[str, str], ready_path: str, port: int, log: Path) -> Iterator[Server]:
    """A server subprocess, ready when ready_path answers; its RSS sampled every half second.
    Stopped with SIGTERM, then SIGKILL after a short grace: a `kedai serve` with a delivery
    backlog would otherwise wait for all of it (see docs/PERFORMANCE.md)."""
    with log.open("wb") as err:
        proc = subprocess.Popen([sys.executable, *args], cwd=ROOT, env={**os.environ, **env},
                                stdout=subprocess.DEVNULL, stderr=err)
    server = Server(name, port, proc.pid, log)
    stop = threading.Event()
    sampler = threading.Thread(target=server.sample_rss, args=(0.5, stop), daemon=True)
    try:
        try:
            wait_ready(f"{server.url}{ready_path}", proc, timeout=60)
        except Exception:
            raise RuntimeError(f"{name} did not start: {log.read_text()[-2000:]}") from None
        sampler.start()
        yield server
    finally:
        stop.set()
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(3)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(10)


def kedai(folder: Path, template: Path, env: dict[str, str], command: tuple[str, ...] = ("main.py", "serve")
          ) -> AbstractContextManager[Server]:
    """`kedai serve` on a copy of the template database, with the scheduler, simulator on."""
    db = copy_db(template, folder / "kedai.db")
    port = free_port()
    full = {"KEDAI_DATABASE_URL": f"sqlite:///{db}", "KEDAI_HOST": "127.0.0.1", "KEDAI_PORT": str(port),
            "KEDAI_DATA_DIR": str(folder / "data"), "KEDAI_SIMULATOR": "1", **env}
    return process("kedai", list(command), full, "/healthz", port, folder / "kedai.log")


def bare(folder: Path) -> AbstractContextManager[Server]:
    port = free_port()
    args = ["-m", "uvicorn", "bench.bare_app:app", "--port", str(port), "--log-level", "warning",
            "--no-access-log", "--loop", "uvloop", "--http", "httptools"]
    return process("bare", args, {"BARE_DB": str(folder / "bare.db")}, "/healthz", port, folder / "bare.log")

