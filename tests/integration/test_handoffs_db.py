"""Handoffs on a real database (SQLite and PostgreSQL): a customer asks for a person, the sellers
are told with the contact and open orders, a second customer waits in the queue, the seller takes
one, text and photos are relayed both ways, "selesai" closes and names who waits next; the
customer's flows resume where they were; a complaint names its order."""

from __future__ import annotations

from bot.messages import Media
from scheduler.jobs_handoffs import sweep_handoffs
from storage import handoffs as handoffs_db
from tests.integration.seller_db import notices_to, owner, seller_engine, staff
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
    rina.pickup_order()
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
    assert "sudah ditutup" in seller.text and "tidak diteruskan" in seller.text
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


def conversation(sessions, user: str) -> tuple[str, dict]:
    from sqlalchemy import select

    from storage.models import Conversation, Seller
    with sessions() as s:
        seller_id = s.execute(select(Seller.id).where(Seller.external_id == user)).scalar_one()
        row = s.execute(select(Conversation).where(Conversation.party == f"seller:{seller_id}")).scalar_one()
        return row.state, dict(row.data)


def test_the_customer_ends_the_chat_and_the_seller_who_had_it_is_told_and_offered_the_next(db_url):
    engine, sessions, _ = seller_engine(db_url)
    seller, dodi = owner(engine), staff(sessions, engine, "dodi", "Dodi")
    siti = EngineChat(engine, WA, channel="whatsapp")
    siti.send("halo")
    siti.send("pesan 1 keripik tempe")
    siti.send("mau bicara dengan penjual")
    rina = EngineChat(engine, "rina")
    rina.send("halo")
    rina.send("admin")
    dodi.send("layani 1")
    assert "sekarang chat dengan" in dodi.text
    siti.send("sudah selesai transfer kak")  # a sentence for the seller, not the end of the chat
    assert siti.text == "" and "sudah selesai transfer kak" in notices_to(sessions, "dodi")[-1]
    siti.send("pesanan saya selesai belum?")
    assert siti.text == "" and "pesanan saya selesai belum?" in notices_to(sessions, "dodi")[-1]
    owner_before = notices_to(sessions, "penjual")

    siti.send("udah kak makasih, selesai")
    assert "diakhiri" in siti.text and "*menu*" in siti.text and "*keranjang*" in siti.text
    with sessions() as s:
        ended = handoffs_db.fetch(s, 1, 1)
        assert ended is not None and ended.status == "closed" and ended.closed_at is not None
        assert [(h.address, h.status) for h in handoffs_db.fetch_queue(s, 1)] == [("rina", "waiting")]
    told = notices_to(sessions, "dodi")[-1]
    assert "mengakhiri chat" in told and "Berikutnya di antrian: *rina*" in told
    assert notices_to(sessions, "penjual") == owner_before  # the other staff member hears nothing of it
    assert not any("mengakhiri" in n for n in notices_to(sessions, WA))  # no seller's close notice to her
    assert conversation(sessions, "dodi")[0] == ""  # out of the chat: the next message is a command
    dodi.send("antrian")
    assert "1. rina" in dodi.text and "antrian" not in notices_to(sessions, WA)[-1]
    siti.send("checkout")  # her cart waited through the chat
    assert "Keripik Tempe" in siti.text or "nama" in siti.text.lower()
    siti.send("halo kak")  # nothing relayed any more
    assert "halo kak" not in notices_to(sessions, "dodi")[-1]


def test_once_taken_only_that_seller_hears_the_customer_and_their_replies_reach_only_them(db_url):
    engine, sessions, _ = seller_engine(db_url)
    seller, dodi = owner(engine), staff(sessions, engine, "dodi", "Dodi")
    siti, rina = EngineChat(engine, "siti"), EngineChat(engine, "rina")
    for customer in (siti, rina):
        customer.send("halo")
        customer.send("admin")
    siti.send("kak, rendangnya pedas?")  # waiting: every seller of the shop hears it
    assert all("rendangnya pedas?" in notices_to(sessions, who)[-1] for who in ("penjual", "dodi"))
    dodi.send("layani 1")  # siti
    seller.send("layani 1")  # rina, now first in the queue
    assert "*rina*" in seller.text
    heard = {who: len(notices_to(sessions, who)) for who in ("penjual", "dodi", "siti", "rina")}

    siti.send("yang level 3 ada?")
    rina.send("bisa kirim besok?")
    dodi.send("Ada Kak, level 3 ready")
    seller.send("Bisa Kak, besok pagi")

    def new(who: str) -> list[str]:
        return notices_to(sessions, who)[heard[who]:]
    assert new("dodi") == ["💬 *siti*: yang level 3 ada?"]  # not rina's, though Dodi is a seller of the shop
    assert new("penjual") == ["💬 *rina*: bisa kirim besok?"]
    assert new("siti") == ["💬 *Dodi*: Ada Kak, level 3 ready"]
    assert new("rina") == ["💬 *Bu Sri*: Bisa Kak, besok pagi"]
    siti.send("selesai")  # her chat ends; rina's goes on with the owner
    assert "mengakhiri chat" in notices_to(sessions, "dodi")[-1]
    assert not any("mengakhiri" in n for n in notices_to(sessions, "penjual"))
    seller.send("Ada lagi Kak?")
    assert notices_to(sessions, "rina")[-1].endswith("Ada lagi Kak?") and "Ada lagi" not in notices_to(sessions, "siti")[-1]


def test_a_seller_who_moved_to_another_customer_is_shown_their_reply_would_not_reach_the_first(db_url):
    from conversations.seller.handoff import TAKE

    engine, sessions, _ = seller_engine(db_url)
    seller = owner(engine)
    siti, rina = EngineChat(engine, "siti"), EngineChat(engine, "rina")
    siti.send("halo")
    siti.send("admin")
    seller.send("layani 1")
    rina.send("halo")
    rina.send("admin")
    seller.send(choice=TAKE.pack(2))  # the button on rina's notice, pressed inside siti's chat
    assert "sekarang chat dengan *rina*" in seller.text
    siti.send("kak masih di sana?")
    with sessions() as s:
        from sqlalchemy import select

        from storage.models import OutboxMessage
        told = s.execute(select(OutboxMessage.payload).where(OutboxMessage.recipient == "penjual")
                         .order_by(OutboxMessage.id.desc()).limit(1)).scalar_one()
    assert "masih di sana?" in told["text"] and "tidak sampai ke siti" in told["text"]
    seller.send("Halo Kak Rina")  # the seller's words go to the chat they are in
    assert notices_to(sessions, "rina")[-1].endswith("Halo Kak Rina")
    assert not any("Halo Kak Rina" in n for n in notices_to(sessions, "siti"))
    [button] = told["buttons"]
    seller.send(choice=button["value"])  # back to siti
    seller.send("Masih Kak Siti")
    assert notices_to(sessions, "siti")[-1].endswith("Masih Kak Siti")
    siti.send("oke kak")  # in her chat now: no hint
    assert "tidak sampai" not in notices_to(sessions, "penjual")[-1]
