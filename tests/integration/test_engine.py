"""The one path on a real database (SQLite and PostgreSQL): a whole order, dedupe, bad input."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from orders.views import list_orders
from storage.models import Conversation, InboundMessage, Order, OutboxMessage, Product, Seller
from tests.support import EngineChat, seeded_engine


def stock(sessions, sku: str) -> int:
    with sessions() as s:
        return s.execute(select(Product.stock).where(Product.sku == sku)).scalar_one()


def place_order(chat: EngineChat) -> None:
    chat.send("halo")
    chat.send("pesan 2 keripik singkong pedas sama 1 sambal roa")
    chat.send("checkout")
    chat.send("Siti Rahayu")
    chat.press("Diantar")
    chat.send("Jl. Ijen No. 5, Klojen, Malang")
    chat.press("Lewati")
    chat.press("Transfer bank")
    chat.press("Pesan sekarang")


def test_a_whole_order_is_stored_with_items_totals_and_reserved_stock(db_url):
    engine, sessions = seeded_engine(db_url)
    before = stock(sessions, "KRP-SGK-PDS"), stock(sessions, "SBL-ROA")
    chat = EngineChat(engine, "siti")
    place_order(chat)
    assert "KD-0001" in chat.text
    with sessions() as s:
        [order] = list_orders(s, 1)
    assert order["status"] == "pending_payment" and order["customer"]["name"] == "Siti Rahayu"
    assert [(i["sku"], i["qty"], i["line_total"]) for i in order["items"]] == [("KRP-SGK-PDS", 2, 30000), ("SBL-ROA", 1, 25000)]
    # a bank transfer carries the shop's first free unique code in its total
    assert (order["subtotal"], order["delivery_fee"], order["unique_code"], order["total"]) == (55000, 10000, 1, 65001)
    assert order["pay_by"] is not None
    assert (stock(sessions, "KRP-SGK-PDS"), stock(sessions, "SBL-ROA")) == (before[0] - 2, before[1] - 1)


def test_the_next_checkout_offers_the_address_the_last_order_went_to(sqlite_url):  # plain columns: SQLite alone
    engine, _ = seeded_engine(sqlite_url)
    chat = EngineChat(engine, "siti")
    place_order(chat)
    chat.send("pesan 1 keripik tempe")
    chat.send("checkout")
    chat.press("Diantar")
    assert "Kirim ke alamat ini" in chat.text and "Jl. Ijen No. 5, Klojen, Malang" in chat.text
    chat.press("Ya, ke alamat ini")
    assert "Dalam Kota Malang" in chat.text


def test_the_seller_is_notified_of_a_new_order_through_the_outbox(db_url):
    engine, sessions = seeded_engine(db_url)
    place_order(EngineChat(engine, "siti"))
    with sessions() as s:
        seller = s.execute(select(Seller)).scalar_one()
        rows = s.execute(select(OutboxMessage).where(OutboxMessage.recipient == seller.external_id)).scalars().all()
    assert len(rows) == 1 and "Pesanan baru KD-0001" in rows[0].payload["text"] and rows[0].status == "pending"


@pytest.mark.parametrize("channel", ["simulator", "telegram"])  # replies kept on the message's row / in the outbox
def test_the_same_message_id_twice_changes_nothing_the_second_time(db_url, channel):
    engine, sessions = seeded_engine(db_url)
    chat = EngineChat(engine, "budi", channel)
    chat.send("halo")
    first = chat.send("pesan 2 keripik tempe", message_id="m-1")
    with sessions() as s:
        snapshot = (s.execute(select(Conversation.data, Conversation.version)).all(),
                    s.scalar(select(func.count()).select_from(OutboxMessage)),
                    s.scalar(select(func.count()).select_from(InboundMessage)))
    again = chat.send("pesan 2 keripik tempe", message_id="m-1")
    assert again.duplicate and not first.duplicate
    assert [o.payload() for o in again.replies] == [o.payload() for o in first.replies]
    assert any(o.buttons for o in again.replies)  # the buttons come back too, not only the text
    with sessions() as s:
        assert (s.execute(select(Conversation.data, Conversation.version)).all(),
                s.scalar(select(func.count()).select_from(OutboxMessage)),
                s.scalar(select(func.count()).select_from(InboundMessage))) == snapshot


def test_a_product_sold_out_between_cart_and_confirm_is_named_and_no_order_is_made(db_url):
    engine, sessions = seeded_engine(db_url)
    chat = EngineChat(engine, "rina")
    chat.send("halo")
    chat.send("pesan 3 rendang")
    chat.send("checkout")
    chat.send("Rina")
    chat.press("Ambil sendiri")
    chat.press("Lewati")
    chat.press("COD")
    with sessions() as s:  # someone else buys the rendang meanwhile
        s.query(Product).filter_by(sku="FRZ-RDG").update({"stock": 1})
        s.commit()
    chat.press("Pesan sekarang")
    assert "Rendang Sapi 500g (beku): tersisa 1, diminta 3" in chat.text and "belum* dibuat" in chat.text
    with sessions() as s:
        assert s.scalar(select(func.count()).select_from(Order)) == 0
    assert stock(sessions, "FRZ-RDG") == 1


def test_an_impossible_quantity_changes_no_stock_and_no_cart(db_url):
    engine, sessions = seeded_engine(db_url)
    chat = EngineChat(engine, "andi")
    chat.send("halo")
    chat.send("cari rendang")
    chat.send("100")
    assert "tinggal 6" in chat.text
    with sessions() as s:
        data = s.execute(select(Conversation.data)).scalar_one()
    assert not data.get("cart")
    assert stock(sessions, "FRZ-RDG") == 6


def test_a_redelivery_racing_the_first_delivery_takes_effect_once(db_url):
    import threading

    from bot.messages import Inbound

    engine, sessions = seeded_engine(db_url)
    other, _ = seeded_engine(db_url)  # a second worker process, in effect
    EngineChat(engine, "dewi").send("halo")
    message = Inbound("simulator", "dewi", "same-id", text="pesan 1 sambal roa")
    results = []
    start = threading.Barrier(2)

    def deliver(worker):
        start.wait()
        results.append(worker.handle(message))

    threads = [threading.Thread(target=deliver, args=(w,)) for w in (engine, other)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert sorted(r.duplicate for r in results) == [False, True]
    with sessions() as s:
        data = s.execute(select(Conversation.data)).scalar_one()
    assert data["cart"] == {"SBL-ROA": 1}
