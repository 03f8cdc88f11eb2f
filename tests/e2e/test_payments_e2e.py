"""A real `python main.py serve` with the default three-hour payment window and a test clock
(bot.clock): the test moves the server's time past the window instead of sleeping through it.
One order expires and gives its stock back, another is held by its proof and confirmed paid."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import httpx
import pytest

from tests.e2e import server as servers

pytestmark = pytest.mark.e2e


WINDOW = timedelta(minutes=180)  # KEDAI_PAYMENT_WINDOW_MINUTES' default


@dataclass
class Server:
    base: str
    env: dict[str, str]
    clock_file: Path
    offset: timedelta = timedelta(0)

    def later(self, by: timedelta) -> None:
        """Moves the server's clock forward (every part of it reads the file on each tick)."""
        self.offset += by
        self.clock_file.write_text(str(self.offset.total_seconds()), encoding="utf-8")


@pytest.fixture
def server(tmp_path) -> Iterator[Server]:
    """`main.py serve` with the scheduler on (half-second ticks) and a clock the test moves."""
    port = servers.free_port()
    clock_file = tmp_path / "clock"
    clock_file.write_text("0", encoding="utf-8")
    env = {"KEDAI_DATABASE_URL": f"sqlite:///{tmp_path}/kedai.db", "KEDAI_HOST": "127.0.0.1", "KEDAI_PORT": str(port),
           "KEDAI_SCHEDULER_INTERVAL_SECONDS": "0.5", "KEDAI_SIMULATOR": "1", "KEDAI_TEST_CLOCK_FILE": str(clock_file)}
    with servers.server(["main.py", "serve"], env, "/healthz", port):
        yield Server(f"http://127.0.0.1:{port}", {**os.environ, **env}, clock_file)


def cli(env: dict[str, str], *args: str):  # type: ignore[no-untyped-def]
    out = subprocess.run([sys.executable, "main.py", *args], cwd=servers.ROOT, env=env, capture_output=True, text=True,
                         timeout=60, check=True)
    return json.loads(out.stdout)


def say(base: str, user: str, text: str = "", choice: str | None = None) -> str:
    body = {"user": user, "text": text} | ({"choice": choice} if choice else {})
    response = httpx.post(f"{base}/api/simulator/messages", json=body, timeout=10)
    response.raise_for_status()
    return "\n".join(r["text"] for r in response.json()["replies"])


def inbox(base: str, user: str) -> list[dict]:
    return httpx.get(f"{base}/api/simulator/messages", params={"user": user}, timeout=10).json()["replies"]


def wait_for(base: str, user: str, words: str, seconds: float = 20) -> list[dict]:
    seen: list[dict] = []
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        seen += inbox(base, user)
        if any(words in r["text"] for r in seen):
            return seen
        time.sleep(0.2)
    raise AssertionError(f"{user} never got {words!r}; got {[r['text'][:80] for r in seen]}")


def place_order(base: str, user: str) -> str:
    for text in ("halo", "pesan 2 keripik tempe", "checkout", user.title(), "Ambil sendiri", "Lewati", "Transfer bank"):
        say(base, user, text)
    placed = say(base, user, "Pesan sekarang")
    return re.search(r"KD-\d{4}", placed).group(0)


def tempe_stock(base: str) -> int:
    """The stock a shopper sees on the product page."""
    return int(re.search(r"Stok: (\d+)", say(base, "pengamat", "cari keripik tempe")).group(1))


def test_an_unpaid_order_expires_and_returns_its_stock_while_a_proven_one_is_confirmed_paid(server):
    base, env = server.base, server.env
    full = tempe_stock(base)

    unpaid = place_order(base, "ani")
    assert tempe_stock(base) == full - 2
    server.later(WINDOW + timedelta(minutes=1))
    told = wait_for(base, "ani", "dibatalkan otomatis")
    assert any(unpaid in r["text"] for r in told)
    assert tempe_stock(base) == full

    paid = place_order(base, "budi")
    witness = place_order(base, "cici")  # no proof: expires with the same sweep that passes budi's deadline
    assert "sedang dicek" in say(base, "budi", "udah bayar kak")
    notices = wait_for(base, "penjual", f"Bukti bayar {paid}")
    proof = next(r for r in notices if f"Bukti bayar {paid}" in r["text"])
    assert f"lunas:{paid}" in [b["value"] for b in proof["buttons"]]
    server.later(WINDOW + timedelta(minutes=1))
    assert any(witness in r["text"] for r in wait_for(base, "cici", "dibatalkan otomatis"))  # a sweep ran past both
    assert "sedang dicek" in say(base, "budi", paid)  # the proof held budi's order
    assert "lunas" in say(base, "penjual", choice=f"lunas:{paid}")
    assert wait_for(base, "budi", "Pembayaran diterima")

    orders = {o["code"]: o for o in cli(env, "orders", "list", "--json")}
    assert orders[unpaid]["status"] == "expired" and orders[unpaid]["paid_at"] is None
    assert orders[paid]["status"] == "paid" and orders[paid]["paid_at"] is not None
    assert orders[witness]["status"] == "expired"
    assert tempe_stock(base) == full - 2
