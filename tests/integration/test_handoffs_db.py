"""Handoffs on a real database (SQLite and PostgreSQL): a customer asks for a person, the sellers
are told with the contact and open orders, a second customer waits in the queue, the seller takes
one, text and photos are relayed both ways, "selesai" closes and names who waits next; the
customer's flows resume where they were; a complaint names its order."""

from __future__ import annotations

from bot.messages import Media
from storage import handoffs as handoffs_db
from tests.integration.seller_db import notices_to, owner, seller_engine
from tests.support import EngineChat

WA = "+6281234567890"


def test_a_customer_talks_to_the_seller_and_back_to_shopping_while_another_waits(db_url):
    engine, sessions, clock = seller_engine(db_url)
    seller = owner(engine)
    siti = EngineChat(engine, WA, channel="whatsapp")
    siti.send("halo")
    siti.send("pesan 1 keripik tempe")
    siti.send("mau bicara dengan penjual")
    assert "sambungkan ke penjual" in siti.text
    told = notices_to(sessions, "penjual")[-1]
    assert "ingin bicara dengan penjual" in told and WA in told and "mau bicara dengan penjual" in told
    budi = EngineChat(engine, "budi")
    budi.send("halo")
    budi.send("admin")
    assert "antrian ke-2" in budi.text
    seller.send("antrian")
    assert "1. " in seller.text and "2. budi" in seller.text
    seller.send("layani 1")
    assert "Pelanggan: mau bicara dengan penjual" in seller.text
    assert "sudah tersambung" in notices_to(sessions, WA)[-1]
    siti.send("kak keripiknya pedas ga?")
    assert siti.text == "" and "keripiknya pedas ga?" in notices_to(sessions, "penjual")[-1]
    siti.send("", media=(Media("photo-ref-1"),))
    with sessions() as s:
        from sqlalchemy import select

        from storage.models import OutboxMessage
        last = s.execute(select(OutboxMessage.payload).where(OutboxMessage.recipient == "penjual")
                         .order_by(OutboxMessage.id.desc()).limit(1)).scalar_one()
    assert last["image_url"] == "photo-ref-1" and "mengirim foto" in last["text"]
    seller.send("Tidak pedas Kak, original")
    assert "Tidak pedas Kak, original" in notices_to(sessions, WA)[-1]
    seller.send("selesai")
    assert "ditutup" in seller.text and "Berikutnya di antrian: *budi*" in seller.text
    assert "selesai" in notices_to(sessions, WA)[-1]
    siti.send("checkout")  # the cart waited through the chat
    assert "Keripik Tempe" in siti.text or "nama" in siti.text.lower()
    seller.send("layani 1")
    assert "budi" in seller.text and "sudah tersambung" in notices_to(sessions, "budi")[-1]


def test_a_complaint_names_the_order_and_is_counted_open(db_url):
    engine, sessions, _ = seller_engine(db_url)
    rina = EngineChat(engine, "rina")
    rina.send("halo")
    rina.send("pesan 1 keripik tempe")
    rina.send("checkout")
    rina.send("Rina")
    rina.press("Ambil sendiri")
    rina.press("Lewati")
    rina.press("COD")
    rina.press("Pesan sekarang")
    rina.send("mau komplain, keripiknya rusak semua")
    assert "KD-0001" in rina.text and "kami catat" in rina.text
    told = notices_to(sessions, "penjual")[-1]
    assert "Komplain" in told and "KD-0001" in told and "keripiknya rusak" in told
    with sessions() as s:
        assert handoffs_db.count_open_complaints(s, 1) == 1
