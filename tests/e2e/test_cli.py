"""The `kedai` CLI as a user runs it: catalog import is all-or-nothing, shop file round trip."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from tests.e2e import server
from tests.e2e.server import ROOT


def kedai(tmp_path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    return server.cli(list(args), {**os.environ, "KEDAI_DATABASE_URL": f"sqlite:///{tmp_path}/kedai.db"}, check=check)


def test_a_csv_with_one_bad_line_imports_nothing_and_says_which_line(tmp_path):
    before = kedai(tmp_path, "catalog", "export").stdout
    bad = tmp_path / "bad.csv"
    bad.write_text("sku,name,category,price,stock,description,image_url\n"
                   "NEW-1,Keripik Baru,Keripik,15000,10,,\n"
                   "KRP-TMP,Keripik Tempe 150g,Keripik,15.5,10,,\n", encoding="utf-8")
    result = kedai(tmp_path, "catalog", "import", str(bad), check=False)
    assert result.returncode == 1
    assert "line 3 (KRP-TMP): price '15.5' is not a whole Rupiah amount: write it as 85000" in result.stderr
    assert "nothing imported" in result.stderr
    assert kedai(tmp_path, "catalog", "export").stdout == before
    (tmp_path / "sheet.xlsx").write_bytes(b"PK\x03\x04 a workbook")
    result = kedai(tmp_path, "catalog", "import", str(tmp_path / "sheet.xlsx"), check=False)
    assert result.returncode == 1 and "Excel workbook" in result.stderr and "Traceback" not in result.stderr


def test_a_good_csv_updates_by_sku_and_adds_new_products(tmp_path):
    good = tmp_path / "good.csv"
    good.write_text("sku,name,category,price,stock,description,image_url\n"
                    "KRP-TMP,Keripik Tempe 150g,Keripik,14000,50,Tempe Malang,\n"
                    "NEW-1,Keripik Baru,Keripik,15000,10,,\n", encoding="utf-8")
    assert "2 products (1 new, 1 updated)" in kedai(tmp_path, "catalog", "import", str(good)).stdout
    products = {p["sku"]: p for p in json.loads(kedai(tmp_path, "catalog", "export", "--json").stdout)}
    assert (products["KRP-TMP"]["price"], products["KRP-TMP"]["stock"]) == (14000, 50)
    assert products["NEW-1"]["name"] == "Keripik Baru" and len(products) == 26


def test_the_shop_file_can_be_shown_edited_and_loaded_back(tmp_path):
    spec = json.loads(kedai(tmp_path, "shop", "show").stdout)
    assert spec["slug"] == "dapur-bu-sri" and len(spec["delivery_zones"]) == 2
    spec["opening_hours"] = "Setiap hari 07.00-21.00 WIB"
    spec["delivery_zones"][0]["fee"] = 12000
    path = tmp_path / "shop.json"
    path.write_text(json.dumps(spec), encoding="utf-8")
    kedai(tmp_path, "shop", "load", str(path))
    again = json.loads(kedai(tmp_path, "shop", "show").stdout)
    assert again["opening_hours"] == "Setiap hari 07.00-21.00 WIB" and again["delivery_zones"][0]["fee"] == 12000
    spec["delivery_zones"][0]["fee"] = -5
    path.write_text(json.dumps(spec), encoding="utf-8")
    assert kedai(tmp_path, "shop", "load", str(path), check=False).returncode == 1


def test_a_seller_can_be_registered(tmp_path):
    out = kedai(tmp_path, "seller", "add", "--channel", "telegram", "--id", "5123456789", "--name", "Bu Sri").stdout
    assert "telegram 5123456789" in out
    assert kedai(tmp_path, "seller", "add", "--channel", "fax", "--id", "1", check=False).returncode != 0
    refused = kedai(tmp_path, "seller", "add", "--channel", "telegram", "--id", "@busri", check=False)
    assert refused.returncode != 0 and "@userinfobot" in refused.stderr
    assert "owner or staff" in kedai(tmp_path, "seller", "add", "--channel", "telegram", "--id", "1",
                                     "--role", "admin", check=False).stderr


def test_the_terminal_chat_greets_and_presses_a_numbered_button(tmp_path):
    env = {**os.environ, "KEDAI_DATABASE_URL": f"sqlite:///{tmp_path}/kedai.db"}
    out = subprocess.run([sys.executable, "main.py", "chat", "--user", "tini"], cwd=ROOT, env=env, input="halo\n1\n",
                         capture_output=True, text=True, timeout=60).stdout
    assert "Selamat datang di *Dapur Bu Sri*" in out and "1. 🛍️ Katalog" in out
    assert "Kategori di Dapur Bu Sri" in out
    steps = "pesan 2 keripik tempe\ncheckout\nTini\nAmbil sendiri\nLewati\nTransfer bank\nPesan sekarang\n"
    out = subprocess.run([sys.executable, "main.py", "chat", "--user", "tini"], cwd=ROOT, env=env, input=steps,
                         capture_output=True, text=True, timeout=60).stdout
    assert "KD-0001" in out
    seller = subprocess.run([sys.executable, "main.py", "chat", "--as", "seller"], cwd=ROOT, env=env, input="",
                            capture_output=True, text=True, timeout=60).stdout
    assert "Pesanan baru KD-0001" in seller  # what arrived while the seller was away, shown at once
