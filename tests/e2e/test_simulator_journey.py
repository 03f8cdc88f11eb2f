"""`kedai serve` as a real process: a whole order over HTTP, then the CLI sees it."""

from __future__ import annotations

import json
import os

import httpx
import pytest

from tests.e2e import server

pytestmark = pytest.mark.e2e


def cli(tmp_path, *args: str) -> str:
    return server.cli(list(args), {**os.environ, "KEDAI_DATABASE_URL": f"sqlite:///{tmp_path}/kedai.db"},
                      check=True).stdout


class Customer:
    def __init__(self, client: httpx.Client, user: str):
        self.client, self.user, self.replies, self.n = client, user, [], 0

    def send(self, text: str = "", **extra) -> list[dict]:
        self.n += 1
        body = {"user": self.user, "text": text, "message_id": f"{self.user}-{self.n}", **extra}
        response = self.client.post("/api/simulator/messages", json=body)
        assert response.status_code == 200, response.text
        self.replies = response.json()["replies"]
        return self.replies

    def press(self, label_part: str) -> list[dict]:
        for reply in reversed(self.replies):
            for b in reply["buttons"]:
                if label_part.lower() in b["label"].lower():
                    return self.send(choice=b["value"])
        raise AssertionError(f"no button {label_part!r}")

    @property
    def text(self) -> str:
        return "\n".join(r["text"] for r in self.replies)


def stock(tmp_path, sku: str) -> int:
    return next(p["stock"] for p in json.loads(cli(tmp_path, "catalog", "export", "--json")) if p["sku"] == sku)


def test_a_customer_orders_over_http_and_the_order_is_listed_with_stock_taken(tmp_path):
    with server.kedai(tmp_path) as port, httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=10) as client:
        assert client.get("/healthz").json()["status"] == "ok"
        assert "Kedai simulator" in client.get("/").text
        qris = client.get("/media/demo/qris-dapur-bu-sri.png")
        assert qris.status_code == 200 and qris.content.startswith(b"\x89PNG")
        before = stock(tmp_path, "KRP-SGK-PDS")
        # a malformed request is refused with what is wrong, and nothing runs
        missing = client.post("/api/simulator/messages", json={"text": "pesan 2 kripik pedes"})
        assert missing.status_code == 422 and missing.json()["detail"][0]["loc"] == ["body", "user"]
        garbled = client.post("/api/simulator/messages", content=b"{user: siti",
                              headers={"content-type": "application/json"})
        assert garbled.status_code == 422 and garbled.json()["detail"][0]["type"] == "json_invalid"
        huge = client.post("/api/simulator/messages", json={"user": "siti", "text": "a" * 300_000})
        assert huge.status_code == 413
        siti = Customer(client, "siti")
        assert "Dapur Bu Sri" in siti.send("halo")[0]["text"]
        added = siti.send("pesan 2 kripik pedes")
        assert "2 × Keripik Singkong Pedas 250g masuk keranjang" in siti.text
        siti.send("Checkout")  # a button's label typed as text presses it
        siti.send("Siti Rahayu")
        siti.press("Diantar")
        siti.send("Jl. Ijen No. 5, Klojen, Malang")
        siti.press("Lewati")
        siti.press("Transfer bank")
        assert "*Total: Rp40.000*" in siti.text
        siti.press("Pesan sekarang")
        assert "KD-0001" in siti.text

        repeat = client.post("/api/simulator/messages", json={"user": "siti", "message_id": "siti-2", "text": "pesan 2 kripik pedes"})
        assert repeat.json() == {"replies": added, "duplicate": True}  # the first answer again, buttons and all

        notices = client.get("/api/simulator/messages", params={"user": "penjual"}).json()["replies"]
        assert any("Pesanan baru KD-0001" in r["text"] for r in notices)
        assert client.get("/api/simulator/messages", params={"user": "penjual"}).json()["replies"] == []

    [order] = json.loads(cli(tmp_path, "orders", "list", "--json"))
    assert order["code"] == "KD-0001" and order["status"] == "pending_payment"
    assert order["items"] == [{"sku": "KRP-SGK-PDS", "name": "Keripik Singkong Pedas 250g", "qty": 2,
                               "unit_price": 15000, "line_total": 30000}]
    # a bank transfer's total carries its unique code (the shop's first free one: Rp1)
    assert (order["subtotal"], order["delivery_fee"], order["discount"], order["unique_code"], order["total"]) == (30000, 10000, 0, 1, 40001)
    assert stock(tmp_path, "KRP-SGK-PDS") == before - 2
