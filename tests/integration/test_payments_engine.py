"""Proofs, status, cancelling and seller commands through the real Engine and database."""

from __future__ import annotations

from datetime import timedelta

import pytest

from conversations.base import Media
from scheduler.jobs_payments import expire_overdue, remind_unpaid
from storage.models import OrderEvent, PaymentProof
from tests.integration.orders_support import count, events, order, outbox_to, proofs, stock, texts_to
from tests.support import EngineChat, seeded_engine

PHOTO = (Media("tg-photo-1", "image/jpeg"),)


class Clock:
    def __init__(self, now):
        self.now = now

    def __call__(self):
        return self.now


@pytest.fixture
def world(db_url):
    engine, sessions = seeded_engine(db_url, window_minutes=60)
    clock = Clock(engine.clock())
    engine.clock = clock
    return engine, sessions, clock


def order_by_chat(engine, user: str, pay: str = "Transfer bank", chat: EngineChat | None = None) -> EngineChat:
    chat = chat or EngineChat(engine, user)
    chat.send("halo")
    chat.send("pesan 2 keripik tempe")
    chat.send("checkout")
    chat.send(user.title())
    chat.press("Ambil sendiri")
    chat.press("Lewati")
    chat.press(pay)
    chat.press("Pesan sekarang")
    return chat


def test_a_photo_proof_is_recorded_forwarded_to_sellers_and_the_customer_told_it_is_being_checked(world):
    engine, sessions, _ = world
    siti = order_by_chat(engine, "siti")
    siti.send("", media=PHOTO)
    assert "sedang dicek" in siti.text
    [proof] = proofs(sessions, "KD-0001")
    assert (proof.status, proof.media_ref, proof.content_type) == ("submitted", "tg-photo-1", "image/jpeg")
    [notice] = [p for p in outbox_to(sessions, "penjual") if "Bukti bayar" in p["text"]]
    assert "Harus diterima: *Rp24.001* (kode unik 1)" in notice["text"] and "2 × Keripik Tempe 150g" in notice["text"]
    assert notice["image_url"] == "tg-photo-1"
    assert [b["value"] for b in notice["buttons"]] == ["lunas:KD-0001", "tolak:KD-0001"]


def test_a_proof_before_the_deadline_holds_the_order_until_a_seller_confirms(world):
    engine, sessions, clock = world
    siti = order_by_chat(engine, "siti")
    held = stock(sessions)
    siti.send("udah transfer kak")
    clock.now += timedelta(hours=5)  # the seller is slow; the deadline passes
    assert expire_overdue(sessions, clock) == 0
    assert order(sessions, "KD-0001").status == "pending_payment" and stock(sessions) == held
    seller = EngineChat(engine, "penjual")
    seller.send(choice="lunas:KD-0001")
    assert "lunas" in seller.text and order(sessions, "KD-0001").status == "paid"
    assert [p.status for p in proofs(sessions, "KD-0001")] == ["accepted"]
    assert "Pembayaran diterima" in texts_to(sessions, "siti")[-1]


def test_a_registered_sellers_very_first_message_is_already_a_seller_command(world):
    engine, sessions, _ = world
    order_by_chat(engine, "siti")
    seller = EngineChat(engine, "penjual")  # never wrote before: no identity yet, only the seller row
    seller.send("lunas KD-0001")
    assert "lunas" in seller.text and order(sessions, "KD-0001").status == "paid"


def test_a_seller_sees_any_order_of_the_shop_by_its_code_with_what_can_be_done(world):
    engine, sessions, _ = world
    siti = order_by_chat(engine, "siti")
    siti.send("", media=PHOTO)
    seller = EngineChat(engine, "penjual")
    seller.send("cek KD-0001")
    assert "Siti" in seller.text and "2 × Keripik Tempe 150g" in seller.text and "Rp24.001* (kode unik 1)" in seller.text
    assert "bukti bayar yang menunggu" in seller.text
    assert [b.value for o in seller.last.replies for b in o.buttons] == ["lunas:KD-0001", "tolak:KD-0001"]


def test_a_rejected_proof_tells_the_customer_why_and_gives_time_for_a_new_one(world):
    engine, sessions, clock = world
    siti = order_by_chat(engine, "siti")
    siti.send("", media=PHOTO)
    clock.now += timedelta(hours=2)  # past the 60 minute deadline
    seller = EngineChat(engine, "penjual")
    seller.send("tolak KD-0001")
    assert "alasan" in seller.text.lower()
    seller.send("nominal kurang Rp5.000")
    row = order(sessions, "KD-0001")
    assert row.status == "pending_payment" and row.proof_submitted_at is None and row.pay_by > clock.now
    assert [(p.status, p.reason) for p in proofs(sessions, "KD-0001")] == [("rejected", "nominal kurang Rp5.000")]
    assert "Alasan: nominal kurang Rp5.000" in texts_to(sessions, "siti")[-1]
    assert expire_overdue(sessions, clock) == 0
    clock.now += timedelta(hours=2)
    assert expire_overdue(sessions, clock) == 1


def test_a_proof_after_expiry_is_kept_and_forwarded_but_the_order_stays_expired(world):
    engine, sessions, clock = world
    full = stock(sessions)
    siti = order_by_chat(engine, "siti")
    clock.now += timedelta(hours=2)
    assert expire_overdue(sessions, clock) == 1
    assert stock(sessions) == full and "dibatalkan otomatis" in texts_to(sessions, "siti")[-1]
    siti.send("", media=PHOTO)
    assert "sudah kedaluwarsa" in siti.text and "pengembalian dana" in siti.text
    assert [p.status for p in proofs(sessions, "KD-0001")] == ["late"]
    late = [p for p in outbox_to(sessions, "penjual") if "Bukti bayar" in p["text"]][-1]
    assert "stoknya sudah dilepas" in late["text"] and late["buttons"] == []
    assert order(sessions, "KD-0001").status == "expired" and stock(sessions) == full


def test_with_several_open_orders_the_customer_is_asked_which(world):
    engine, sessions, _ = world
    siti = order_by_chat(engine, "siti")
    order_by_chat(engine, "siti", pay="QRIS", chat=siti)
    # the demo shop's QRIS is a picture only: it is shown, and the amount carries a unique code (issue 18)
    assert siti.last.replies[-1].image_url == "/media/demo/qris-dapur-bu-sri.png" and "tepat Rp24.00" in siti.text
    siti.send("sudah bayar")
    assert "yang mana" in siti.text and count(sessions, PaymentProof) == 0
    siti.send("2")
    assert [p.text for p in proofs(sessions, "KD-0001")] == ["sudah bayar"] and proofs(sessions, "KD-0002") == []


def test_a_customer_cannot_see_pay_for_or_cancel_another_customers_order(world):
    engine, sessions, _ = world
    order_by_chat(engine, "siti")
    before = (count(sessions, OrderEvent), order(sessions, "KD-0001").status)
    budi = EngineChat(engine, "budi")
    budi.send("halo")
    budi.send("cek KD-0001")
    assert "tidak ditemukan" in budi.text and "Keripik" not in budi.text and "Rp24.001" not in budi.text
    budi.send("bukti transfer KD-0001", media=PHOTO)
    assert "tidak ditemukan" in budi.text
    budi.send("batal KD-0001")
    assert "tidak ditemukan" in budi.text
    for forged in ("ocancel_yes:KD-0001", "proof:KD-0001", "payhow:KD-0001", "ord:KD-0001"):
        budi.send(choice=forged)
        assert "Rp24.001" not in budi.text and "BCA" not in budi.text, forged
    assert count(sessions, PaymentProof) == 0
    assert (count(sessions, OrderEvent), order(sessions, "KD-0001").status) == before


def test_a_stranger_typing_or_pressing_seller_commands_changes_nothing(world):
    engine, sessions, _ = world
    siti = order_by_chat(engine, "siti")
    siti.send("", media=PHOTO)
    before = (count(sessions, OrderEvent), len(outbox_to(sessions, "penjual")))
    for who in ("budi", "siti"):  # a stranger, and the customer herself
        chat = EngineChat(engine, who)
        chat.n = 100
        for text in ("lunas KD-0001", "proses KD-0001", "kirim KD-0001 JNE 123", "selesai KD-0001", "tolak KD-0001 palsu"):
            chat.send(text)
            assert "lunas" not in chat.text.lower().replace("sudah lunas", "")
        chat.send(choice="lunas:KD-0001")
    assert order(sessions, "KD-0001").status == "pending_payment" and order(sessions, "KD-0001").paid_at is None
    assert count(sessions, OrderEvent) == before[0]
    assert len(outbox_to(sessions, "penjual")) == before[1]  # no seller was told anything


def test_the_customer_cancels_an_unpaid_order_and_the_sellers_are_told(world):
    engine, sessions, _ = world
    full = stock(sessions)
    siti = order_by_chat(engine, "siti")
    siti.send("batalkan pesanan")
    siti.press("Ya, batalkan")
    assert "sudah dibatalkan" in siti.text and order(sessions, "KD-0001").status == "cancelled"
    assert stock(sessions) == full
    assert events(sessions, "KD-0001")[-1] == ("pending_payment", "cancelled", "customer:1")
    assert "membatalkan pesanan *KD-0001*" in texts_to(sessions, "penjual")[-1]


def test_one_reminder_before_the_deadline_however_often_the_job_runs(world):
    engine, sessions, clock = world
    order_by_chat(engine, "siti")
    start = clock.now
    assert remind_unpaid(sessions, lambda: start + timedelta(minutes=20)) == 0  # 40 minutes left: too early
    for minutes in (45, 46, 50):
        remind_unpaid(sessions, lambda: start + timedelta(minutes=minutes))
    reminders = [t for t in texts_to(sessions, "siti") if "belum dibayar" in t]
    assert len(reminders) == 1 and "KD-0001" in reminders[0]
