"""A batik seller, new to bots, sets up the shop in their own words through the real server
(sizes, a stock sent on its own, hours without a comma, "iya bener", "udah itu aja"), changes
one price for every size, and a customer orders a size and another product in one sentence
typed on a product's page: every row lands in the database as said."""

from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
import sys

import httpx
import pytest

from tests.e2e import server
from tests.e2e.test_own_shop_e2e import Shopper

pytestmark = pytest.mark.e2e


def test_a_new_owner_in_their_own_words_and_a_customer_ordering_two_things_on_a_product_page(tmp_path):
    port = server.free_port()
    db = tmp_path / "kedai.db"
    env = {"KEDAI_DATABASE_URL": f"sqlite:///{db}", "KEDAI_DEMO": "0", "KEDAI_SIMULATOR": "1",
           "KEDAI_PORT": str(port), "KEDAI_HOST": "127.0.0.1", "KEDAI_DATA_DIR": str(tmp_path / "data")}

    def kedai(*args: str) -> str:
        return subprocess.run([sys.executable, "main.py", *args], cwd=server.ROOT, env={**os.environ, **env},
                              check=True, capture_output=True, text=True).stdout

    kedai("db", "upgrade")
    code = re.search(r"owner code: ([A-Z]{4}-\d{4})", kedai("shop", "new", "--name", "Batik Sekar")).group(1)
    out = tmp_path / "serve.out"
    with server.server(["main.py", "serve", "--no-scheduler"], env, "/healthz", port, log=tmp_path / "server.log",
                       out=out), httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=20, trust_env=False) as http:
        server.banner(out)
        heard: list[str] = []
        ibu = Shopper(http, "ibu", "batik-sekar", heard)
        ibu.send(code)
        assert "Langkah 2 dari 6" in ibu.send("iya bener")
        ibu.send("jl kaliurang km 5 no 12 sleman")
        hours = ibu.send("senin sampe sabtu jam 8 pagi sampe jam 5 sore minggu libur")
        assert "• Senin–Sabtu: 08.00–17.00\n• Minggu: tutup" in hours
        ibu.send("cod")
        assert "Langkah 5 dari 6" in ibu.send("udah itu aja")
        ibu.press("Bisa ambil sendiri")
        assert "Langkah 6 dari 6" in ibu.send("lanjut")
        assert "• XL — Rp150.000 · stok 3" in ibu.send("Kemeja Batik Kawung M/L/XL 150rb stok 5/5/3")
        assert "stoknya belum kebaca" in ibu.send("Blangkon 45rb")
        assert "✅ *Blangkon* · Rp45.000 · stok 10" in ibu.send("10")
        assert "siap menerima pesanan" in ibu.send("selesai")
        changed = ibu.send("harga kemeja kawung semua ukuran 165rb")
        assert "✅ Harga semua pilihan *Kemeja Batik Kawung*:" in changed and "• XL: Rp150.000 → Rp165.000" in changed

        with sqlite3.connect(db) as conn:
            shop_name = conn.execute("SELECT name FROM shops").fetchone()[0]
            rows = conn.execute("SELECT name, option_label, price, stock, family_id IS NOT NULL FROM products "
                                "ORDER BY id").fetchall()
        assert shop_name == "Batik Sekar"
        assert rows == [("Kemeja Batik Kawung", "M", 165000, 5, 1), ("Kemeja Batik Kawung", "L", 165000, 5, 1),
                        ("Kemeja Batik Kawung", "XL", 165000, 3, 1), ("Blangkon", None, 45000, 10, 0)]

        siti = Shopper(http, "siti", "batik-sekar", heard)
        siti.send("halo")
        assert "• XL — Rp165.000 (stok 3)" in siti.send("kemeja kawung")
        added = siti.send("mau pesen kemeja kawung yg XL 2 sama blangkon 1")
        assert "2 × Kemeja Batik Kawung — XL" in added and "1 × Blangkon" in added
        siti.send("checkout")
        siti.send("Siti Rahayu")
        siti.press("Ambil sendiri")
        siti.press("Lewati")
        assert "Total: Rp375.000" in siti.send("cod")
        assert "BS-0001" in siti.send("iya kak")
        [order] = json.loads(kedai("orders", "list", "--shop", "batik-sekar", "--json"))
        assert sorted((i["name"], i["qty"], i["unit_price"]) for i in order["items"]) == [
            ("Blangkon", 1, 45000), ("Kemeja Batik Kawung — XL", 2, 165000)]
    assert "Traceback" not in (tmp_path / "server.log").read_text()
