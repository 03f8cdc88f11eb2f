"""A real `python main.py serve` with a three-second payment window: one order expires and
gives its stock back, another is paid by proof and a seller's confirmation."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator

import httpx
import pytest

from tests.e2e import server as servers

pytestmark = pytest.mark.e2e


@pytest.fixture
def server(tmp_path) -> Iterator[tuple[str, dict[str, str]]]:
    """`main.py serve` with the scheduler on, a three-second payment window and half-second ticks."""
    port = servers.free_port()
    env = {"KEDAI_DATABASE_URL": f"sqlite:///{tmp_path}/kedai.db", "KEDAI_HOST": "127.0.0.1", "KEDAI_PORT": str(port),
           "KEDAI_PAYMENT_WINDOW_MINUTES": "0.05", "KEDAI_SCHEDULER_INTERVAL_SECONDS": "0.5", "KEDAI_SIMULATOR": "1"}
    with servers.server(["main.py", "serve"], env, "/healthz", port):
        yield f"http://127.0.0.1:{port}", {**os.environ, **env}


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
    base, env = server
    full = tempe_stock(base)

    unpaid = place_order(base, "ani")
    assert tempe_stock(base) == full - 2
    told = wait_for(base, "ani", "dibatalkan otomatis")
    assert any(unpaid in r["text"] for r in told)
    assert tempe_stock(base) == full

    paid = place_order(base, "budi")
    placed_at = time.monotonic()
    assert "sedang dicek" in say(base, "budi", "udah bayar kak")
    notices = wait_for(base, "penjual", f"Bukti bayar {paid}")
    proof = next(r for r in notices if f"Bukti bayar {paid}" in r["text"])
    assert f"lunas:{paid}" in [b["value"] for b in proof["buttons"]]
    time.sleep(max(0.0, placed_at + 4 - time.monotonic()))  # past the 3 s window and a sweep: the proof holds it
    assert "sedang dicek" in say(base, "budi", paid)
    assert "lunas" in say(base, "penjual", choice=f"lunas:{paid}")
    assert wait_for(base, "budi", "Pembayaran diterima")

    orders = {o["code"]: o for o in cli(env, "orders", "list", "--json")}
    assert orders[unpaid]["status"] == "expired" and orders[unpaid]["paid_at"] is None
    assert orders[paid]["status"] == "paid" and orders[paid]["paid_at"] is not None
    assert tempe_stock(base) == full - 2
