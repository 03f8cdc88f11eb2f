"""A seller and a customer on the simulator, over HTTP, against a real `python main.py serve`
process with its own SQLite database: the seller changes stock and price, the customer sees it."""

from __future__ import annotations

import httpx
import pytest

from tests.e2e import server

pytestmark = pytest.mark.e2e


def say(client: httpx.Client, user: str, text: str) -> str:
    response = client.post("/api/simulator/messages", json={"user": user, "text": text})
    assert response.status_code == 200, response.text
    return "\n".join(r["text"] for r in response.json()["replies"])


def test_a_seller_changes_stock_and_price_by_chat_and_a_customer_sees_both(tmp_path):
    with server.kedai(tmp_path) as port, httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=10) as client:
        assert "Rp120.000" in say(client, "pembeli", "cari rendang")
        assert "6 → 15" in say(client, "penjual", "stok rendang tinggal 15")
        assert "Rp120.000 → Rp125.000" in say(client, "penjual", "harga rendang 125rb")
        seen = say(client, "pembeli", "cari rendang")
        assert "Rp125.000" in seen and "Stok: 15" in seen
        assert "→" not in say(client, "pembeli", "harga rendang 1rb")  # a customer is no seller
        assert "Rp125.000" in say(client, "pembeli-baru", "cari rendang")
