"""A real seller's shop from a fresh install with KEDAI_DEMO=0, as its helper and its owner do it:
`kedai serve` on an empty database (which stays empty, and says where it listens and that it is
ready), `kedai shop new`, the owner code sent through the simulator, the setup by chat to the
end, a catalog imported with --replace; then a customer orders in that shop, the order is in
`kedai orders list --shop SLUG --json`, and no reply in that shop mentions the demo's products."""

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

pytestmark = pytest.mark.e2e

DEMO_WORDS = ("keripik", "sambal", "rendang", "nastar", "kastengel", "putri salju", "lidah kucing", "dimsum",
              "siomay", "pempek", "risoles", "kopi susu", "rosella", "wedang", "jus jambu", "kering tempe",
              "dapur bu sri", "bu sri")


class Shopper:
    """One simulator user talking to one shop (`"shop": SLUG` on every message)."""

    def __init__(self, http: httpx.Client, user: str, shop: str, heard: list[str]):
        self.http, self.user, self.shop, self.heard = http, user, shop, heard
        self.replies: list[dict] = []

    def send(self, text: str = "", choice: str | None = None) -> str:
        body = {"user": self.user, "shop": self.shop, "text": text, **({"choice": choice} if choice else {})}
        response = self.http.post("/api/simulator/messages", json=body)
        assert response.status_code == 200, response.text
        self.replies = response.json()["replies"]
        self.heard += [r["text"] for r in self.replies]
        return self.text

    def press(self, label: str) -> str:
        for reply in reversed(self.replies):
            for button in reply["buttons"]:
                if label.lower() in button["label"].lower():
                    return self.send(choice=button["value"])
        raise AssertionError(f"no button {label!r} in {self.text!r}")

    @property
    def text(self) -> str:
        return "\n".join(r["text"] for r in self.replies)


def test_a_real_seller_sets_up_their_own_shop_from_a_fresh_install(tmp_path):
    port = server.free_port()
    db = tmp_path / "kedai.db"
    env = {"KEDAI_DATABASE_URL": f"sqlite:///{db}", "KEDAI_DEMO": "0", "KEDAI_SIMULATOR": "1",
           "KEDAI_PORT": str(port), "KEDAI_HOST": "127.0.0.1", "KEDAI_DATA_DIR": str(tmp_path / "data")}

    def kedai(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "main.py", *args], cwd=server.ROOT, env={**os.environ, **env},
                              check=check, capture_output=True, text=True)

    def count(table: str) -> int:
        with sqlite3.connect(db) as conn:
            return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]

    assert "no shop here yet" in kedai("orders", "list", check=False).stderr  # migrated, and still empty
    out = tmp_path / "serve.out"
    with server.server(["main.py", "serve", "--no-scheduler"], env, "/healthz", port, log=tmp_path / "server.log",
                       out=out), httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=20, trust_env=False) as http:
        banner = server.banner(out)
        assert f"Kedai is listening on http://127.0.0.1:{port}" in banner and "no shop yet" in banner, banner
        assert banner.rstrip().endswith("Ready.")
        assert (count("shops"), count("products"), count("sellers")) == (0, 0, 0)  # the empty install stays empty

        made = kedai("shop", "new", "--name", "Batik Sekar").stdout
        code = re.search(r"owner code: ([A-Z]{4}-\d{4})", made).group(1)
        assert "shop batik-sekar created (order codes BS-0001" in made
        heard: list[str] = []
        sekar = Shopper(http, "sekar", "batik-sekar", heard)
        assert "Kakak sekarang *pemilik* toko *Batik Sekar*" in sekar.send(code)
        sekar.press("Sudah benar")
        sekar.send("Jl. Malioboro No. 52, Sosromenduran, Yogyakarta")
        assert "• Senin–Sabtu: 09.00–17.00" in sekar.send("Senin-Sabtu 09.00-17.00, Minggu tutup")
        sekar.press("Rekening bank")
        sekar.send("BCA 1234567890 a.n. Sekar Ayu")
        sekar.press("Terima COD")
        sekar.press("Lanjut")
        sekar.press("Bisa ambil sendiri")
        sekar.press("Tambah area antar")
        assert "Kota Yogyakarta (Rp10.000)" in sekar.send("Kota Yogyakarta 10rb\nSleman, Bantul 15rb")
        sekar.press("Lanjut")
        assert "Selendang Tenun" in sekar.send("Selendang Tenun 95rb stok 4")
        assert "siap menerima pesanan" in sekar.press("Selesai")

        catalog = tmp_path / "katalog.csv"  # as Excel saves it in an Indonesian locale
        catalog.write_bytes("kode;nama;kategori;harga;stok;deskripsi\n"
                            "KMJ-PRG;Kemeja Batik Parang;Kemeja;Rp150.000;10;Katun primisima – adem\n"
                            "SLD-LRK;Selendang Lurik;Kain;85rb;6;\n".encode("cp1252"))
        imported = kedai("catalog", "import", str(catalog), "--replace", "--shop", "batik-sekar").stdout
        assert "as Windows-1252, separated by semicolons" in imported
        assert "imported 2 products (2 new, 0 updated); 1 not in the file hidden" in imported
        with sqlite3.connect(db) as conn:
            shown = dict(conn.execute("SELECT name, visible FROM products").fetchall())
            described = conn.execute("SELECT description FROM products WHERE sku = 'KMJ-PRG'").fetchone()[0]
        assert shown == {"Selendang Tenun": 0, "Kemeja Batik Parang": 1, "Selendang Lurik": 1}  # hidden, not gone
        assert described == "Katun primisima – adem"

        siti = Shopper(http, "siti", "batik-sekar", heard)
        greeting = siti.send("halo")
        assert "Selamat datang di *Batik Sekar*" in greeting and "Jl. Malioboro No. 52" in greeting
        assert "Contoh: _pesan 2 kemeja batik" in greeting  # the shop's own products as the example
        assert "Kemeja Batik Parang" in siti.send("pesan 2 kemeja parang")
        siti.send("checkout")
        siti.send("Siti Rahayu")
        siti.press("Diantar")
        assert "Sleman, Bantul, ongkir Rp15.000" in siti.send("Jl. Kaliurang Km 5, Sleman")
        siti.press("Lewati")
        siti.press("Transfer bank")
        assert "Total: Rp315.000" in siti.text
        placed = siti.press("Pesan sekarang")
        assert "BS-0001" in placed and "BCA 1234567890" in placed

        [order] = json.loads(kedai("orders", "list", "--shop", "batik-sekar", "--json").stdout)
        assert (order["code"], order["customer"]["name"], order["delivery_fee"]) == ("BS-0001", "Siti Rahayu", 15000)
        assert [(i["sku"], i["qty"]) for i in order["items"]] == [("KMJ-PRG", 2)]
        notices = http.get("/api/simulator/messages", params={"user": "sekar", "shop": "batik-sekar"}).json()
        assert any("Pesanan baru BS-0001" in r["text"] for r in notices["replies"])
        assert http.get("/", params={"shop": "batik-sekar"}).status_code == 200
        unknown = http.post("/api/simulator/messages", json={"user": "x", "shop": "tidak-ada", "text": "halo"})
        assert unknown.status_code == 404

        said = "\n".join(heard + [r["text"] for r in notices["replies"]]).lower()
        assert not [word for word in DEMO_WORDS if word in said]
    log = (tmp_path / "server.log").read_text()
    assert "Traceback" not in log
    assert "INFO bot.processes: process" in log and "leads: scheduled jobs" in log  # what an installer reads in the journal
