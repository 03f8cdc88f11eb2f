"""Catalog CSV import/export: all-or-nothing, line-numbered errors, upsert by sku."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select, update

from catalog.importer import ImportError_, export_csv, hide_unlisted, import_rows, parse_csv
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
    ("A1,Keripik,Keripik,12.5,3,,\n", "line 2 (A1): price '12.5' is not a whole Rupiah amount"),
    ("A1,Keripik,Keripik,12000,-1,,\n", "line 2 (A1): stock '-1' is negative"),
    ("A1,,Keripik,12000,1,,\n", "line 2 (A1): name is empty"),
    ("A1,Keripik,Keripik,12000\n", "line 2 (A1): stock is empty"),
    ("A1,Keripik,Keripik,12000,1,,\nA1,Lagi,Keripik,1000,1,,\n", "line 3: sku A1 is on line 2 too"),
])
def test_a_bad_row_is_named_by_its_line(body, error):
    with pytest.raises(ImportError_) as caught:
        parse_csv(HEADER + body + "Z9,Produk Baik,Lainnya,1000,1,,\n")
    assert any(e.startswith(error) for e in caught.value.errors), caught.value.errors


def test_a_header_without_the_needed_columns_is_refused():
    with pytest.raises(ImportError_, match="line 1: the header lacks stock"):
        parse_csv("kode,nama,harga\n1,a,2\n")


def test_replace_hides_what_the_file_does_not_list_and_shows_what_it_does(shop):
    sessions, shop_id = shop
    with sessions() as s:
        import_rows(s, shop_id, parse_csv(HEADER + "A1,Satu,K,1000,1,,\nB2,Dua,K,2000,2,,\nC3,Tiga,K,3000,3,,\n"))
        s.execute(update(Product).where(Product.sku == "C3").values(visible=False))
        s.commit()
    with sessions() as s:
        rows = parse_csv(HEADER + "B2,Dua,K,2500,2,,\nC3,Tiga,K,3000,3,,\n")
        assert import_rows(s, shop_id, rows, show=True) == (0, 2) and hide_unlisted(s, shop_id, rows) == 1
        s.commit()
    with sessions() as s:
        visible = dict(s.execute(select(Product.sku, Product.visible).order_by(Product.sku)).all())
        assert visible == {"A1": False, "B2": True, "C3": True}
        exported = [line.split(",") for line in export_csv(s, shop_id).splitlines()]
        assert exported[0][-1] == "visible" and {r[0]: r[-1] for r in exported[1:]} == {"A1": "no", "B2": "yes", "C3": "yes"}


def test_all_lowercase_names_and_categories_are_kept_tidy_and_a_category_is_not_doubled_by_its_capitals(shop):
    sessions, shop_id = shop
    text = HEADER + "K1,kemeja batik parang,kemeja,185000,5,,\nK2,iPhone case BATIK,Kemeja,50000,2,,\n"
    with sessions() as s:
        import_rows(s, shop_id, parse_csv(text))
        import_rows(s, shop_id, parse_csv(HEADER + "K3,daster batik,KEMEJA,85000,1,,\n"))
        s.commit()
    with sessions() as s:
        names = dict(s.execute(select(Product.sku, Product.name).where(Product.shop_id == shop_id)).all())
        categories = list(s.scalars(select(Category.name).where(Category.shop_id == shop_id)))
    assert names == {"K1": "Kemeja Batik Parang", "K2": "iPhone case BATIK", "K3": "Daster Batik"}
    assert categories == ["Kemeja"]


def test_a_shop_created_with_a_lowercase_name_gets_capitals(db_url):
    from shops.admin import create_shop
    from storage.models import utcnow

    sessions = session_factory(make_engine(db_url))
    with sessions() as s:
        made = create_shop(s, "batik sekar jogja", None, utcnow())
        s.commit()
        assert (made.shop.name, made.shop.slug) == ("Batik Sekar Jogja", "batik-sekar-jogja")
