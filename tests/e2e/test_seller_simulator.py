"""A seller and a customer on the simulator, over HTTP, against a real `python main.py serve`
process with its own SQLite database: the seller changes stock and price, the customer sees it."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.e2e


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def server(tmp_path) -> Iterator[str]:
    port = free_port()
    env = {**os.environ, "KEDAI_DATABASE_URL": f"sqlite:///{tmp_path}/kedai.db", "KEDAI_HOST": "127.0.0.1",
           "KEDAI_PORT": str(port)}
    proc = subprocess.Popen([sys.executable, "main.py", "serve"], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"server did not start: {proc.stdout.read().decode() if proc.stdout else ''}")
            time.sleep(0.1)
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def say(base: str, user: str, text: str) -> str:
    response = httpx.post(f"{base}/api/simulator/messages", json={"user": user, "text": text}, timeout=10)
    response.raise_for_status()
    return "\n".join(r["text"] for r in response.json()["replies"])


def test_a_seller_changes_stock_and_price_by_chat_and_a_customer_sees_both(server):
    assert "Rp120.000" in say(server, "pembeli", "cari rendang")
    assert "6 → 15" in say(server, "penjual", "stok rendang tinggal 15")
    assert "Rp120.000 → Rp125.000" in say(server, "penjual", "harga rendang 125rb")
    seen = say(server, "pembeli", "cari rendang")
    assert "Rp125.000" in seen and "Stok: 15" in seen
    assert "→" not in say(server, "pembeli", "harga rendang 1rb")  # a customer is no seller
    assert "Rp125.000" in say(server, "pembeli2", "cari rendang")
