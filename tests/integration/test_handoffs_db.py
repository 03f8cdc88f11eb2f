"""Handoffs on a real database (SQLite and PostgreSQL): a customer asks for a person, the sellers
are told with the contact and open orders, a second customer waits in the queue, the seller takes
one, text and photos are relayed both ways, "selesai" closes and names who waits next; the
customer's flows resume where they were; a complaint names its order."""

from __future__ import annotations

from bot.messages import Media
from scheduler.jobs_handoffs import sweep_handoffs
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
    seller = owner(engine)
    seller.send("rekap")
    assert "Komplain terbuka: 1" in seller.text
    seller.send("layani 1")
    seller.send("selesai")
    seller.send("rekap")
    assert "Komplain terbuka" not in seller.text


def test_the_sweep_tells_a_waiting_customer_when_to_expect_an_answer_and_closes_an_idle_chat(db_url):
    engine, sessions, clock = seller_engine(db_url)
    budi = EngineChat(engine, "budi")
    budi.send("halo")
    budi.send("admin")
    assert sweep_handoffs(engine.sessions, clock) == (0, 0)
    clock.advance(minutes=11)
    assert sweep_handoffs(engine.sessions, clock) == (0, 1)
    assert "belum sempat membalas" in notices_to(sessions, "budi")[-1]
    assert sweep_handoffs(engine.sessions, clock) == (0, 0)  # told once
    seller = owner(engine)
    seller.send("layani 1")
    clock.advance(minutes=31)
    assert sweep_handoffs(engine.sessions, clock) == (1, 0)
    assert "tidak ada pesan baru" in notices_to(sessions, "budi")[-1]
    assert "ditutup otomatis" in notices_to(sessions, "penjual")[-1]
    seller.send("masih di sana kak?")  # the chat is gone: the seller is told, nothing relayed
    assert "sudah ditutup" in seller.text
    budi.send("pesan 1 keripik tempe")  # shopping again
    assert budi.text and "Keripik Tempe" in budi.text


def test_outside_opening_hours_the_customer_is_told_when_the_seller_answers(db_url):
    engine, sessions, clock = seller_engine(db_url)
    clock.now = clock.now.replace(hour=14)  # Monday 21.00 WIB: the demo shop closed at 20.00
    budi = EngineChat(engine, "budi")
    budi.send("halo")
    budi.send("mau bicara dengan penjual")
    assert "Toko sedang tutup" in budi.text and "besok pukul 08.00" in budi.text


def test_a_seller_who_pressed_another_button_mid_chat_comes_back_to_it(db_url):
    engine, sessions, _ = seller_engine(db_url)
    budi = EngineChat(engine, "budi")
    budi.send("halo")
    budi.send("admin")
    seller = owner(engine)
    seller.send("layani 1")
    seller.send(choice="sl:stock")  # the stock list button of an earlier message: its own flow
    assert "sl:stock" not in notices_to(sessions, "budi")[-1]  # not relayed to the customer
    seller.send("antrian")
    seller.press("Layani budi")
    assert "sekarang chat dengan *budi*" in seller.text
    seller.send("Halo Budi")
    assert "Halo Budi" in notices_to(sessions, "budi")[-1]
