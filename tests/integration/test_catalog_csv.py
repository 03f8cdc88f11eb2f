"""Catalog CSV import/export: all-or-nothing, line-numbered errors, upsert by sku."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from catalog.importer import ImportError_, export_csv, import_rows, parse_csv
from shops.setup import apply_shop_file
from storage.db import make_engine, session_factory
from storage.models import Category, Product

HEADER = "sku,name,category,price,stock,description,image_url\n"


@pytest.fixture
def shop(db_url):
    sessions = session_factory(make_engine(db_url))
    with sessions() as s:
        shop = apply_shop_file(s, {"slug": "toko", "name": "Toko Uji"})
        s.commit()
        return sessions, shop.id


def test_import_creates_then_updates_by_sku_and_export_round_trips(shop):
    sessions, shop_id = shop
    text = HEADER + "A1,Keripik Tempe,Keripik,12000,30,Renyah,\nB2,\"Sambal, Bawang\",Sambal,18000,5,,https://x.test/b.jpg\n"
    with sessions() as s:
        assert import_rows(s, shop_id, parse_csv(text)) == (2, 0)
        s.commit()
    with sessions() as s:
        assert import_rows(s, shop_id, parse_csv(HEADER + "A1,Keripik Tempe Pedas,Keripik,13000,25,,\n")) == (0, 1)
        s.commit()
    with sessions() as s:
        exported = export_csv(s, shop_id)
        assert s.scalar(select(func.count()).select_from(Category)) == 2
    rows = parse_csv(exported)
    assert [(r.sku, r.name, r.price, r.stock) for r in rows] == [("A1", "Keripik Tempe Pedas", 13000, 25),
                                                                  ("B2", "Sambal, Bawang", 18000, 5)]
    assert rows[1].image_url == "https://x.test/b.jpg"


@pytest.mark.parametrize("body, error", [
    ("A1,Keripik,Keripik,12.000,3,,\n", "line 2: price must be a whole number"),
    ("A1,Keripik,Keripik,12000,-1,,\n", "line 2: stock must not be negative"),
    ("A1,,Keripik,12000,1,,\n", "line 2: name is empty"),
    ("A1,Keripik,Keripik,12000\n", "line 2: expected 7 columns"),
    ("A1,Keripik,Keripik,12000,1,,\nA1,Lagi,Keripik,1,1,,\n", "line 3: sku A1 already on line 2"),
])
def test_a_bad_row_is_named_by_its_line(body, error):
    with pytest.raises(ImportError_) as caught:
        parse_csv(HEADER + body + "Z9,Produk Baik,Lainnya,1000,1,,\n")
    assert any(e.startswith(error) for e in caught.value.errors), caught.value.errors


def test_a_wrong_header_is_refused():
    with pytest.raises(ImportError_, match="line 1: header must be"):
        parse_csv("kode,nama,harga\n1,a,2\n")
