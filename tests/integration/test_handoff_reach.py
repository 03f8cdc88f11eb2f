"""Reaching a person on a real database (SQLite and PostgreSQL): "Tanya penjual" under a reply
that leaves something to the seller tells the sellers why; a shop with no seller says so
honestly; a rejected proof's notice offers the seller; "batal" in a chat reaches the seller; and a
seller removed while in a chat gives the customer back to the queue (by chat and by the CLI)."""

from __future__ import annotations

from sqlalchemy import delete, select
from typer.testing import CliRunner

from scheduler.jobs_handoffs import sweep_handoffs
from storage import handoffs as handoffs_db
from storage.models import Conversation, OutboxMessage, Seller
from tests.integration.seller_db import notices_to, owner, seller_engine, staff
from tests.support import EngineChat


def last_payload(sessions, recipient: str) -> dict:
    with sessions() as s:
        return s.execute(select(OutboxMessage.payload).where(OutboxMessage.recipient == recipient)
                         .order_by(OutboxMessage.id.desc()).limit(1)).scalar_one()


def test_an_order_bigger_than_chat_takes_reaches_the_seller_with_the_product_and_quantity(db_url):
    engine, sessions, _ = seller_engine(db_url)
    siti = EngineChat(engine, "siti")
    siti.send("halo")
    siti.send("pesan 1500 keripik tempe")
    assert "Maksimal 999" in siti.text
    siti.press("Tanya penjual")
    assert "sambungkan ke penjual" in siti.text and "1.500 × Keripik Tempe" in siti.text
    told = last_payload(sessions, "penjual")
    assert "ingin bicara dengan penjual" in told["text"] and "📌 Ingin pesan 1.500 × Keripik Tempe" in told["text"]
    assert told["buttons"][0]["label"] == "💬 Layani siti"
    seller = owner(engine)
    seller.send("layani 1")
    assert "1.500 × Keripik Tempe" in seller.text  # the seller who takes the chat sees why


def test_with_no_seller_to_answer_the_customer_is_told_so_and_nothing_waits_for_nobody(db_url):
    engine, sessions, _ = seller_engine(db_url)
    with sessions() as s:
        s.execute(delete(Conversation).where(Conversation.party.like("seller:%")))
        s.execute(delete(Seller))
        s.commit()
    budi = EngineChat(engine, "budi")
    budi.send("halo")
    budi.send("admin")
    assert "belum ada penjual yang bisa membalas" in budi.text and "+6281234500011" in budi.text
    assert "sambungkan" not in budi.text
    with sessions() as s:
        assert handoffs_db.fetch_queue(s, 1) == []
    budi.send("pesan 1 keripik tempe")  # still shopping with the bot, nothing relayed
    assert "Keripik Tempe" in budi.text


def test_a_rejected_proof_offers_the_seller_with_the_order(db_url):
    engine, sessions, _ = seller_engine(db_url)
    rina = EngineChat(engine, "rina")
    rina.pickup_order(pay="Transfer")
    rina.send("sudah transfer kak")
    owner(engine).send("tolak KD-0001 nominal kurang")
    told = last_payload(sessions, "rina")
    assert "belum bisa diterima" in told["text"] and "hubungi penjual" not in told["text"].lower()
    assert told["buttons"][0]["label"] == "🙋 Tanya penjual" and told["extra"].get("numbered") is False
    rina.send(choice=told["buttons"][0]["value"])
    assert "sambungkan ke penjual" in rina.text
    seller_told = notices_to(sessions, "penjual")[-1]
    assert "Bukti pembayaran pesanan KD-0001 ditolak" in seller_told
    with sessions() as s:
        assert handoffs_db.fetch_queue(s, 1)[0].order_code == "KD-0001"


def test_batal_in_a_chat_reaches_the_seller_and_the_customer_knows_the_way_out(db_url):
    engine, sessions, _ = seller_engine(db_url)
    siti = EngineChat(engine, "siti")
    siti.send("halo")
    siti.send("admin")
    seller = owner(engine)
    seller.send("layani 1")
    siti.send("batal")
    assert notices_to(sessions, "penjual")[-1] == "💬 *siti*: batal"
    assert "*selesai*" in siti.text
    with sessions() as s:
        assert handoffs_db.fetch_queue(s, 1)[0].status == "open"  # still talking to the seller
    siti.send("selesai")
    assert "diakhiri" in siti.text


def test_a_paid_order_the_customer_asks_to_cancel_in_a_chat_the_seller_cancels_from_the_chat(db_url):
    engine, sessions, _ = seller_engine(db_url)
    rina = EngineChat(engine, "rina")
    rina.pickup_order()
    seller = owner(engine)
    seller.send("lunas KD-0001")
    rina.send("admin")
    seller.send("layani 1")
    assert "*/batal KD-0001*" in seller.text  # how to run an order command without leaving the chat
    rina.send("batalkan pesanan KD-0001 kak")
    assert "diurus penjual di chat ini" in rina.text and "KD-0001" in rina.text
    told = notices_to(sessions, "penjual")[-1]
    assert "batalkan pesanan KD-0001 kak" in told and "*/batal KD-0001*" in told
    seller.send("batal KD-0001")  # without the slash: words to the customer, as ever
    assert notices_to(sessions, "rina")[-1] == "💬 *Bu Sri*: batal KD-0001"
    seller.send("/batal KD-0001 stok habis")
    assert "dibatalkan" in seller.text and "KD-0001" in seller.text
    assert "dibatalkan penjual" in notices_to(sessions, "rina")[-1]
    seller.send("Dananya kami kembalikan hari ini ya Kak")  # still in the chat
    assert notices_to(sessions, "rina")[-1].endswith("Dananya kami kembalikan hari ini ya Kak")


def chat_held_by_staff(db_url):
    engine, sessions, _ = seller_engine(db_url)
    dodi = staff(sessions, engine, "dodi", "Dodi")
    siti = EngineChat(engine, "siti")
    siti.send("halo")
    siti.send("mau bicara dengan penjual")
    dodi.send("layani 1")
    siti.send("kak rendangnya ready?")
    assert "rendangnya ready?" in notices_to(sessions, "dodi")[-1]
    return engine, sessions


def test_a_staff_member_removed_mid_chat_gives_the_customer_back_to_the_queue(db_url):
    engine, sessions = chat_held_by_staff(db_url)
    seller = owner(engine)
    seller.send("hapus staf dodi")
    told = notices_to(sessions, "siti")[-1]
    assert "sudah tidak bertugas" in told and "antrian ke-1" in told
    offered = last_payload(sessions, "penjual")
    assert "*siti* kembali ke antrian" in offered["text"] and offered["buttons"][0]["label"] == "💬 Layani siti"
    with sessions() as s:
        [row] = handoffs_db.fetch_queue(s, 1)
        assert (row.status, row.seller_id) == ("waiting", None)
    siti = EngineChat(engine, "siti")
    siti.n = 100
    siti.send("halo kak?")
    assert "halo kak?" in notices_to(sessions, "penjual")[-1]  # heard again, by the sellers left
    seller.send(choice=offered["buttons"][0]["value"])
    assert "sekarang chat dengan *siti*" in seller.text and "rendangnya ready?" in seller.text


def test_a_chat_given_back_is_told_late_only_ten_minutes_after_it_went_back_to_the_queue(sqlite_url):  # SQLite alone
    engine, sessions, clock = seller_engine(sqlite_url)
    dodi = staff(sessions, engine, "dodi", "Dodi")
    siti = EngineChat(engine, "siti")
    siti.send("halo")
    siti.send("mau bicara dengan penjual")
    dodi.send("layani 1")  # answered at once: no late notice was due
    clock.advance(minutes=20)
    owner(engine).send("hapus staf dodi")
    clock.advance(minutes=1)
    assert sweep_handoffs(sessions, clock) == (0, 0)  # asked 21 minutes ago, but back in the queue for 1
    assert "belum sempat membalas" not in notices_to(sessions, "siti")[-1]
    clock.advance(minutes=10)
    assert sweep_handoffs(sessions, clock) == (0, 1)
    assert "belum sempat membalas" in notices_to(sessions, "siti")[-1]


def test_a_seller_removed_by_the_cli_gives_the_customer_back_to_the_queue(sqlite_url):  # the CLI once, on SQLite
    from main import app

    engine, sessions = chat_held_by_staff(sqlite_url)
    result = CliRunner().invoke(app, ["seller", "remove", "--channel", "simulator", "--id", "dodi"],
                                env={"KEDAI_DATABASE_URL": sqlite_url})
    assert result.exit_code == 0, result.output
    assert "antrian ke-1" in notices_to(sessions, "siti")[-1]
    assert "*siti* kembali ke antrian" in notices_to(sessions, "penjual")[-1]
