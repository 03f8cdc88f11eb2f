"""Seller changes on a real database (SQLite and PostgreSQL): stored, audited, undone,
seen by customers, and never lost to an order racing them."""

from __future__ import annotations

import threading

from sqlalchemy import select

from storage import products as products_db
from storage import seller_changes as seller_changes_db
from storage.models import Product, Shop
from tests.integration.seller_db import notices_to, owner, product, seller_engine
from tests.support import EngineChat


def place_rendang_order(engine, qty: int, user: str = "siti") -> EngineChat:
    chat = EngineChat(engine, user)
    chat.send("halo")
    chat.send(f"pesan {qty} rendang")
    chat.send("checkout")
    chat.send("Siti")
    chat.press("Ambil sendiri")
    chat.press("Lewati")
    chat.press("COD")
    chat.press("Pesan sekarang")
    return chat


def test_stock_and_price_changes_are_stored_audited_and_seen_by_customers(db_url):
    engine, sessions, clock = seller_engine(db_url)
    seller = owner(engine)
    seller.send("stok rendang tinggal 9")
    assert "6 → 9" in seller.text
    seller.send("harga rendang 125rb")
    assert "Rp120.000 → Rp125.000" in seller.text
    rendang = product(sessions, "FRZ-RDG")
    assert (rendang.stock, rendang.price) == (9, 125000)
    with sessions() as s:
        changes = seller_changes_db.fetch_changes(s, 1)
    assert [(c.action, c.before, c.after, c.subject) for c in changes] == [
        ("stock", {"stock": 6}, {"stock": 9}, "Rendang Sapi 500g (beku)"),
        ("price", {"price": 120000}, {"price": 125000}, "Rendang Sapi 500g (beku)")]
    assert changes[0].actor == "Bu Sri (owner, simulator:penjual)" and changes[0].created_at == clock.now
    customer = EngineChat(engine, "rina")
    customer.send("cari rendang")
    assert "Rp125.000" in customer.text and "Stok: 9" in customer.text


def test_batalkan_right_after_puts_the_old_value_back_and_is_audited(db_url):
    engine, sessions, _ = seller_engine(db_url)
    seller = owner(engine)
    seller.send("harga kering tempe naik 2rb")
    seller.send("batalkan")
    assert "kembali Rp20.000" in seller.text
    assert product(sessions, "KRG-TMP").price == 20000
    seller.send("batalkan")
    assert "Tidak ada perubahan" in seller.text
    with sessions() as s:
        assert [c.action for c in seller_changes_db.fetch_changes(s, 1)] == ["price", "undo_price"]


def test_batalkan_after_an_order_moved_the_stock_overwrites_nothing(db_url):
    engine, sessions, _ = seller_engine(db_url)
    seller = owner(engine)
    seller.send("stok rendang 10")
    place_rendang_order(engine, 2)
    seller.send("batalkan")
    assert "baru saja berubah (sekarang 8)" in seller.text
    assert product(sessions, "FRZ-RDG").stock == 8


def test_a_seller_answer_to_which_product_is_applied_to_the_one_picked(sqlite_url):
    engine, sessions, _ = seller_engine(sqlite_url)
    seller = owner(engine)
    seller.send("stok +10 nastar")
    seller.press("Nastar Nanas")
    assert "12 → 22" in seller.text
    assert (product(sessions, "KUE-NST-NNS").stock, product(sessions, "KUE-NST-KJU").stock) == (22, 10)


def test_a_seller_question_left_open_cannot_catch_a_later_shopping_answer(sqlite_url):
    engine, sessions, _ = seller_engine(sqlite_url)
    seller = owner(engine)
    seller.send("harga nastar keju 200rb")
    assert "Yakin" in seller.text
    seller.send("katalog")
    seller.send("1")
    seller.send("ya")
    assert product(sessions, "KUE-NST-KJU").price == 85000
    assert "→" not in seller.text


def test_hiding_a_product_takes_it_out_of_customer_search_and_the_seller_can_show_it_again(db_url):
    engine, sessions, _ = seller_engine(db_url)
    seller, customer = owner(engine), EngineChat(engine, "andi")
    customer.send("cari kastengel")
    assert "Rp90.000" in customer.text
    seller.send("sembunyikan kastengel")
    customer.send("cari kastengel")
    assert "belum jual" in customer.text
    seller.send("tampilkan kastengel")
    assert "disembunyikan → tampil" in seller.text
    customer.send("cari kastengel")
    assert "Rp90.000" in customer.text
    with sessions() as s:
        assert s.scalar(select(Shop.catalog_version)) >= 3


def test_a_new_product_by_chat_is_sold_to_customers_and_batalkan_removes_it(db_url):
    engine, sessions, _ = seller_engine(db_url)
    seller, customer = owner(engine), EngineChat(engine, "andi")
    seller.send("produk baru Bolu Pandan 35rb stok 10 kategori Kue Basah")
    customer.send("cari bolu pandan")
    assert "Bolu Pandan" in customer.text and "Rp35.000" in customer.text and "Stok: 10" in customer.text
    bolu = product(sessions, "BOLU-PANDAN")
    assert (bolu.name, bolu.price, bolu.stock, bolu.visible) == ("Bolu Pandan", 35000, 10, True)
    seller.send("batalkan")
    with sessions() as s:
        assert s.execute(select(Product).where(Product.sku == "BOLU-PANDAN")).first() is None
    customer.send("cari bolu pandan")
    assert "belum jual" in customer.text


def test_a_photo_caption_sets_the_product_picture_customers_see(sqlite_url):
    from conversations.base import Media

    engine, sessions, _ = seller_engine(sqlite_url)
    owner(engine).send("foto lidah kucing", media=(Media("tg-file-42"),))
    assert product(sessions, "KUE-LDK").image_url == "tg-file-42"
    customer = EngineChat(engine, "andi")
    customer.send("cari lidah kucing")
    assert customer.last.replies[-1].image_url == "tg-file-42"


def test_an_order_taking_stock_under_the_threshold_alerts_the_sellers(db_url):
    engine, sessions, _ = seller_engine(db_url)
    place_rendang_order(engine, 1)  # 6 -> 5: at the threshold of 5
    texts = notices_to(sessions, "penjual")
    assert any("Pesanan baru" in t for t in texts)
    assert any("Stok *Rendang Sapi 500g (beku)* tinggal 5 (batas 5)" in t for t in texts)
    place_rendang_order(engine, 1, user="rina")  # 5 -> 4: already low, no second alert
    assert sum("tinggal" in t for t in notices_to(sessions, "penjual")) == 1


def test_a_staff_change_under_the_threshold_alerts_the_owner_not_the_staff(sqlite_url):
    from shops.setup import add_seller

    engine, sessions, _ = seller_engine(sqlite_url)
    with sessions() as s:
        add_seller(s, 1, "simulator", "budi", "Budi", "staff")
        s.commit()
    EngineChat(engine, "budi").send("nastar keju laku 8")
    assert any("Nastar Keju 500g* tinggal 2" in t for t in notices_to(sessions, "penjual"))
    assert notices_to(sessions, "budi") == []


def test_seller_stock_changes_racing_orders_never_lose_a_unit(db_url):
    engine, sessions, _ = seller_engine(db_url)
    with sessions() as s:
        s.execute(Product.__table__.update().where(Product.sku == "FRZ-DMS").values(stock=100))
        s.commit()
    confirmed: list[int] = []

    def seller_adds() -> None:
        chat = owner(engine)
        for _ in range(10):
            chat.send("stok dimsum +3")
            confirmed.append(3 if "→" in chat.text else 0)

    def customer_buys(user: str) -> None:
        chat = EngineChat(engine, user)
        chat.send("halo")
        for _ in range(5):
            chat.send("pesan 1 dimsum")
            chat.send("checkout")
            chat.send("Budi")
            chat.press("Ambil sendiri")
            chat.press("Lewati")
            chat.press("COD")
            chat.press("Pesan sekarang")

    threads = [threading.Thread(target=seller_adds)] + [threading.Thread(target=customer_buys, args=(f"c{i}",))
                                                        for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert product(sessions, "FRZ-DMS").stock == 100 + sum(confirmed) - 10
    assert sum(confirmed) > 0


def test_a_conditional_update_from_a_stale_value_changes_nothing(db_url):
    _, sessions, _ = seller_engine(db_url)
    rendang = product(sessions, "FRZ-RDG")
    with sessions() as s:
        assert not products_db.change_product(s, 1, rendang.id, "stock", 7, 20)
        assert products_db.change_product(s, 1, rendang.id, "image_url", None, "ref-1")
        assert not products_db.change_product(s, 2, rendang.id, "price", 120000, 1)  # another shop's id space
        s.commit()
    after = product(sessions, "FRZ-RDG")
    assert (after.stock, after.price, after.image_url) == (6, 120000, "ref-1")
