"""Issue 15's journeys through a real `python main.py serve` (scheduler on, test clock) and the
CLI as subprocesses: a shirt ordered in two sizes reserves each size's own stock, the seller
changes one size's stock by chat, and the catalog's export imports back with its options; an
order beyond the delivery zones waits for the seller's quote, the customer accepts the exact
total with its transfer code, and only then does the payment deadline start."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from tests.e2e import server as servers
from tests.e2e.test_payments_e2e import Server, say, wait_for

pytestmark = pytest.mark.e2e

SHIRTS = ("sku,name,category,price,stock,description,image_url,option\n"
          "KMJ-PRG-M,Kemeja Batik Parang,Batik,185000,5,Kemeja batik cap motif parang.,,M\n"
          "KMJ-PRG-L,Kemeja Batik Parang,Batik,185000,4,Kemeja batik cap motif parang.,,L\n"
          "KMJ-PRG-XL,Kemeja Batik Parang,Batik,195000,5,Kemeja batik cap motif parang.,,XL\n")


def cli(env: dict[str, str], *args: str) -> str:
    return subprocess.run([sys.executable, "main.py", *args], cwd=servers.ROOT, env=env, capture_output=True,
                          text=True, timeout=60, check=True).stdout


@pytest.fixture(scope="module")
def shop(tmp_path_factory) -> Iterator[Server]:
    """The demo shop, set up as its owner would (`kedai shop load`, `kedai catalog import`): it
    ships beyond its zones with "ongkir menyusul" and sells a shirt in three sizes."""
    tmp = tmp_path_factory.mktemp("options")
    port, clock_file = servers.free_port(), tmp / "clock"
    clock_file.write_text("0", encoding="utf-8")
    env = {**os.environ, "KEDAI_DATABASE_URL": f"sqlite:///{tmp}/kedai.db", "KEDAI_HOST": "127.0.0.1",
           "KEDAI_PORT": str(port), "KEDAI_SCHEDULER_INTERVAL_SECONDS": "0.5", "KEDAI_SIMULATOR": "1",
           "KEDAI_TEST_CLOCK_FILE": str(clock_file)}
    spec = json.loads((servers.ROOT / "catalog" / "demo" / "shop.json").read_text(encoding="utf-8"))
    (tmp / "shop.json").write_text(json.dumps({**spec, "outside_zones": {"allowed": True}}), encoding="utf-8")
    cli(env, "shop", "load", str(tmp / "shop.json"))
    (tmp / "shirts.csv").write_text(SHIRTS, encoding="utf-8")
    cli(env, "catalog", "import", str(tmp / "shirts.csv"))
    with servers.server(["main.py", "serve"], env, "/healthz", port):
        yield Server(f"http://127.0.0.1:{port}", env, clock_file)


def size_stock(base: str) -> dict[str, int]:
    """Each size's stock as a shopper sees it on the shirt's page."""
    page = say(base, "pengamat", "cari kemeja batik parang")
    return {size: int(n) for size, n in re.findall(r"• (\w+) — Rp[\d.]+ \(stok (\d+)\)", page)}


def checkout(base: str, user: str, *steps: tuple[str, str]) -> str:
    """Walks the checkout; each step is ("text", ...) or ("choice", value); returns the last reply."""
    reply = ""
    for kind, value in steps:
        reply = say(base, user, value) if kind == "text" else say(base, user, choice=value)
    return reply


def test_a_shirt_in_two_sizes_reserves_each_sizes_stock_and_the_catalog_round_trips_with_its_options(shop):
    base, env = shop.base, shop.env
    assert size_stock(base) == {"M": 5, "L": 4, "XL": 5}
    say(base, "rina", "halo")
    added = say(base, "rina", "kemeja batik parang XL 2 sama L 1")
    assert "2 × Kemeja Batik Parang — XL" in added and "1 × Kemeja Batik Parang — L" in added
    placed = checkout(base, "rina", ("text", "checkout"), ("text", "Rina"), ("text", "Ambil sendiri"),
                      ("text", "Lewati"), ("text", "COD"), ("text", "Pesan sekarang"))
    code = re.search(r"KD-\d{4}", placed).group(0)
    assert size_stock(base) == {"M": 5, "L": 3, "XL": 3}  # each size's own stock, reserved by the order

    changed = say(base, "penjual", "stok kemeja parang XL 10")
    assert "Stok *Kemeja Batik Parang — XL*: 3 → 10" in changed
    assert size_stock(base) == {"M": 5, "L": 3, "XL": 10}
    seen = say(base, "penjual", code)  # the seller's view of the order names each size
    assert "2 × Kemeja Batik Parang — XL" in seen and "1 × Kemeja Batik Parang — L" in seen

    exported = cli(env, "catalog", "export")
    shirts = [r for r in csv.DictReader(io.StringIO(exported)) if r["name"] == "Kemeja Batik Parang"]
    assert [(r["sku"], r["option"], r["stock"]) for r in shirts] == [
        ("KMJ-PRG-M", "M", "5"), ("KMJ-PRG-L", "L", "3"), ("KMJ-PRG-XL", "XL", "10")]
    path = Path(env["KEDAI_DATABASE_URL"].removeprefix("sqlite:///")).parent / "export.csv"
    path.write_text(exported, encoding="utf-8")
    assert "imported" in cli(env, "catalog", "import", str(path))
    assert cli(env, "catalog", "export") == exported
    assert size_stock(base) == {"M": 5, "L": 3, "XL": 10}  # still one product with its three sizes


def test_an_order_beyond_the_zones_waits_for_the_quote_and_its_payment_clock_starts_at_the_accept(shop):
    base, env = shop.base, shop.env
    say(base, "siti", "halo")
    say(base, "siti", "pesan 2 keripik tempe")
    asked = checkout(base, "siti", ("text", "checkout"), ("text", "Siti"), ("text", "Diantar"),
                     ("text", "Jl. Darmo No. 20, Surabaya"))
    assert "belum cocok dengan area" in asked
    placed = checkout(base, "siti", ("choice", "zone_out"), ("text", "Lewati"), ("text", "Transfer bank"),
                      ("text", "Pesan sekarang"))
    assert "Ongkirnya kami hitung dulu" in placed and "transfer" not in placed.lower()
    code = re.search(r"KD-\d{4}", placed).group(0)
    waiting = {o["code"]: o for o in json.loads(cli(env, "orders", "list", "--json"))}[code]
    assert (waiting["status"], waiting["pay_by"], waiting["unique_code"]) == ("awaiting_quote", None, 0)
    notice = next(r for r in wait_for(base, "penjual", f"Pesanan baru {code}") if code in r["text"])
    assert f"ongkir:{code}" in [b["value"] for b in notice["buttons"]]

    shop.later(timedelta(hours=2))  # the seller answers two hours later
    assert "Total baru" in say(base, "penjual", f"ongkir {code} 25rb jne")
    quote = next(r for r in wait_for(base, "siti", f"Ongkir pesanan *{code}*") if code in r["text"])
    total = int(re.search(r"\*Total: Rp([\d.]+)\*", quote["text"]).group(1).replace(".", ""))
    unique = int(re.search(r"Kode unik: Rp(\d+)", quote["text"]).group(1))
    assert total == waiting["subtotal"] + 25000 + unique and 1 <= unique <= 999

    shop.later(timedelta(hours=1))  # and the customer agrees an hour after that
    accepted = say(base, "siti", choice=f"qok:{code}")
    assert f"tepat Rp{total:,}".replace(",", ".") in accepted and f"{unique:03d}" in accepted
    paying = {o["code"]: o for o in json.loads(cli(env, "orders", "list", "--json"))}[code]
    assert (paying["status"], paying["total"], paying["unique_code"]) == ("pending_payment", total, unique)
    clock = datetime.fromisoformat(paying["pay_by"]) - datetime.fromisoformat(paying["created_at"])
    assert abs(clock - timedelta(hours=3, minutes=180)) < timedelta(seconds=60)  # from the accept, not from placing

    assert "lunas" in say(base, "penjual", f"lunas {code}")
    say(base, "penjual", f"kirim {code} JP1234567")
    shipped = next(r for r in wait_for(base, "siti", "JP1234567") if "JP1234567" in r["text"])
    assert code in shipped["text"] and "JNE" in shipped["text"]  # the quote's courier reaches the customer
