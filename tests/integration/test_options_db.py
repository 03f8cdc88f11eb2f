"""Product options on a real database (SQLite and PostgreSQL): the CSV's option column in and
out, lists that show a product once, finding the option named, the stock race on one option,
low-stock alerts and a seller's new product with options."""

from __future__ import annotations

import threading
from datetime import timedelta

from sqlalchemy import select, update

from adapters.catalog import DbCatalog, IndexCache
from adapters.desk import recap_figures
from catalog.importer import export_csv, import_rows, parse_csv
from storage.db import unit_of_work
from storage.models import Order, OrderItem, Product
from tests.integration.seller_db import notices_to, seller_engine
from tests.option_support import CATALOG
from tests.support import NOW, EngineChat, seeded_engine

PARANG = ("KMJ-PRG-M", "KMJ-PRG-L", "KMJ-PRG-XL")


def with_options(url: str):  # type: ignore[no-untyped-def]
    """The demo shop with the corpus catalog (options included) imported next to its own products."""
    engine, sessions = seeded_engine(url)
    with unit_of_work(sessions) as s:
        import_rows(s, 1, parse_csv(CATALOG.read_text(encoding="utf-8")))
        s.commit()
    return engine, sessions


def rows(sessions, *skus: str) -> dict[str, tuple]:
    with sessions() as s:
        found = s.execute(select(Product.sku, Product.stock, Product.family_id, Product.option_label)
                          .where(Product.sku.in_(skus))).all()
    return {r.sku: tuple(r[1:]) for r in found}


def test_the_csv_round_trip_keeps_every_option_in_its_product(db_url):
    _, sessions = with_options(db_url)
    with sessions() as s:
        exported = export_csv(s, 1)
    assert exported.splitlines()[0].split(",")[7] == "option"  # the eighth column
    parang = rows(sessions, *PARANG)
    assert len({family for _, family, _ in parang.values()}) == 1 and [parang[s][2] for s in PARANG] == ["M", "L", "XL"]
    with unit_of_work(sessions) as s:  # importing the export again changes nothing
        import_rows(s, 1, parse_csv(exported))
        s.commit()
    with sessions() as s:
        assert export_csv(s, 1) == exported
    assert rows(sessions, *PARANG) == parang
    one_more = "sku,name,category,price,stock,description,image_url,option\nKMJ-PRG-XXL,Kemeja Batik Parang,Batik,205000,1,,,XXL\n"
    with unit_of_work(sessions) as s:  # a new option joins the product already in the shop
        import_rows(s, 1, parse_csv(one_more))
        s.commit()
    assert rows(sessions, "KMJ-PRG-XXL")["KMJ-PRG-XXL"][1] == parang["KMJ-PRG-M"][1]


def test_lists_show_a_product_once_and_the_words_find_its_option(db_url):
    _, sessions = with_options(db_url)
    with sessions() as s:
        catalog = DbCatalog(s, 1, IndexCache())
        batik = next(c for c in catalog.categories() if c.name == "Batik")
        shown, total = catalog.category_slice(batik.id, 0, 10)
        assert batik.count == total == len(shown) == 4
        parang = next(f for f in shown if f.name == "Kemeja Batik Parang")
        assert [o.option for o in parang.options] == ["M", "L", "XL"] and (parang.price, parang.price_max) == (185000, 195000)
        found = catalog.find("kemeja batik parang xl")
        assert found.best is not None and found.best.option is not None and found.best.option.sku == "KMJ-PRG-XL"
        assert 500 in catalog.sizes()
    with unit_of_work(sessions) as s:  # the first option hidden: the product is listed by the next one
        s.execute(update(Product).where(Product.sku == "KMJ-PRG-M").values(visible=False))
        s.commit()
    with sessions() as s:
        catalog = DbCatalog(s, 1, IndexCache())
        shown, total = catalog.category_slice(batik.id, 0, 10)
        parang = next(f for f in shown if f.name == "Kemeja Batik Parang")
        assert total == 4 and [o.option for o in parang.options] == ["L", "XL"]
        assert catalog.family_of("KMJ-PRG-XL").labels == ["L", "XL"]


def test_buyers_racing_for_the_last_units_of_one_option_never_oversell_it_and_leave_the_others(db_url):
    engine, sessions = with_options(db_url)
    buyers, units = 10, 3
    with unit_of_work(sessions) as s:
        s.execute(update(Product).where(Product.sku == "KMJ-PRG-XL").values(stock=buyers))
        s.commit()
    chats = []
    for i in range(buyers):
        chat = EngineChat(engine, f"b{i}")
        chat.send("halo")
        chat.send("pesan kemeja parang xl 1")
        assert "1 × Kemeja Batik Parang — XL" in chat.text
        for step in ("checkout", f"Pembeli {i}"):
            chat.send(step)
        chat.press("Ambil sendiri")
        chat.press("Lewati")
        chat.press("COD")
        chats.append(chat)
    with unit_of_work(sessions) as s:
        s.execute(update(Product).where(Product.sku == "KMJ-PRG-XL").values(stock=units))
        s.commit()
    before = rows(sessions, "KMJ-PRG-M", "KMJ-PRG-L")
    start, results = threading.Barrier(buyers), []

    def confirm(chat: EngineChat) -> None:
        start.wait()
        chat.send(choice="confirm")
        results.append(chat.text)

    threads = [threading.Thread(target=confirm, args=(c,)) for c in chats]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert sum("Pesanan *KD-" in r for r in results) == units
    assert sum("tersisa 0" in r for r in results) == buyers - units
    assert rows(sessions, "KMJ-PRG-XL")["KMJ-PRG-XL"][0] == 0
    assert rows(sessions, "KMJ-PRG-M", "KMJ-PRG-L") == before
    with sessions() as s:
        names = set(s.execute(select(OrderItem.name).join(Order)).scalars())
    assert names == {"Kemeja Batik Parang — XL"}
    assert any("Kemeja Batik Parang — XL" in t and "habis" in t.lower() for t in notices_to(sessions, "penjual"))
    with sessions() as s:  # the recap's low stock names the option too
        assert ("Kemeja Batik Parang — XL", 0) in recap_figures(s, 1, NOW, NOW + timedelta(days=1)).low_stock


def test_a_seller_creates_a_product_with_options_by_chat_and_can_take_it_back(db_url):
    engine, sessions, _ = seller_engine(db_url)
    seller = EngineChat(engine, "penjual")
    seller.send("produk baru Kemeja Batik Lereng M/L/XL 185rb/185rb/195rb stok 5/5/3 kategori Batik")
    assert "• XL — Rp195.000 · 📦 stok 3" in seller.text
    with sessions() as s:
        made = s.execute(select(Product).where(Product.name == "Kemeja Batik Lereng").order_by(Product.id)).scalars().all()
        assert [(p.option_label, p.price, p.stock, p.option_kind) for p in made] == [
            ("M", 185000, 5, "size"), ("L", 185000, 5, "size"), ("XL", 195000, 3, "size")]
        assert {p.family_id for p in made} == {made[0].id}
    buyer = EngineChat(engine, "rina")
    buyer.send("halo")
    buyer.send("kemeja lereng XL 2")
    assert "2 × Kemeja Batik Lereng — XL" in buyer.text
    seller.send("stok kemeja lereng xl 1")
    assert "Stok *Kemeja Batik Lereng — XL*: 3 → 1" in seller.text
    seller.send("produk baru Kaos Lurik merah/biru 50rb stok 4 kategori Batik")
    seller.send("batalkan")
    with sessions() as s:
        assert s.execute(select(Product).where(Product.name == "Kaos Lurik")).first() is None
