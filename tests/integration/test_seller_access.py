"""Who may do what: seller commands from customers and strangers change nothing and give
no hint; staff join with a one-time code that expires; removed staff are customers again."""

from __future__ import annotations

import re

from sqlalchemy import select

from storage.models import Seller
from tests.integration.seller_db import notices_to, owner, product, seller_engine, snapshot
from conversations.base import Media
from tests.support import EngineChat

# One message or more for every kind of seller command.
SELLER_ONLY = [
    "stok keripik pedas 20", "stok +10 nastar", "stok nastar keju +10", "rendang habis", "stok rendang tinggal 5",
    "nastar nanas laku 2", "kurangi stok kastengel 3", "restok pempek 5", "harga sambal bawang 19rb",
    "harga kering tempe naik 2rb", "harga rendang turun 10rb", "kering tempe naik goceng", "harga nastar keju 8rb",
    "batas stok rendang 2", "sembunyikan rendang", "tampilkan keripik kentang", "produk baru Bolu 35rb stok 5",
    "produk baru", "batalkan", "cek stok", "stok rendang", "pesanan hari ini", "belum bayar", "perlu dikirim",
    "rekap", "rekap kemarin", "rekap minggu ini", "undang staf", "daftar staf", "hapus staf Bu Sri", "bantuan",
    "gabung ABCD-2345",
]
SELLER_BUTTONS = ["sl:yes", "sl:no", "sl:pick:19", "sl:undo", "sl:stock", "sl:today", "sl:recap", "sl:cat:Kue Basah"]
# Phrases only the seller console says; a customer must never see one.
SELLER_MARKS = ("→", "batalkan", "Penjual", "Rekap", "staf", "Kode undangan", "Stok *", "disembunyikan")


def assert_customer_answer(chat: EngineChat) -> None:
    for mark in SELLER_MARKS:
        assert mark not in chat.text, (mark, chat.text)


def test_every_seller_command_from_a_customer_or_a_stranger_changes_nothing_and_hints_nothing(db_url):
    engine, sessions, _ = seller_engine(db_url)
    before = snapshot(sessions)
    customer = EngineChat(engine, "pelanggan")
    customer.send("halo")
    for n, message in enumerate(SELLER_ONLY):
        customer.send(message)
        assert_customer_answer(customer)
        stranger = EngineChat(engine, f"orang-asing-{n}")
        stranger.send(message)
        assert_customer_answer(stranger)
    for value in SELLER_BUTTONS:
        customer.send(choice=value)
        assert_customer_answer(customer)
    customer.send("foto rendang", media=(Media("tg-file-1"),))
    assert_customer_answer(customer)
    assert snapshot(sessions) == before
    assert notices_to(sessions, "penjual") == []


def invite_code(engine) -> str:
    chat = owner(engine)
    chat.send("undang staf")
    match = re.search(r"gabung ([A-Z]{4}-\d{4})", chat.text)
    assert match, chat.text
    return match.group(1)


def sellers(sessions) -> list[tuple[str, str]]:
    with sessions() as s:
        return [(r.external_id, r.role) for r in s.execute(select(Seller).order_by(Seller.id)).scalars()]


def test_an_invite_code_makes_its_sender_staff_once(db_url):
    engine, sessions, _ = seller_engine(db_url)
    code = invite_code(engine)
    budi = EngineChat(engine, "budi", channel="simulator")
    budi.send(f"gabung {code.lower()}", profile_name="Budi")
    assert "Selamat bergabung" in budi.text
    assert sellers(sessions) == [("penjual", "owner"), ("budi", "staff")]
    assert any("Budi sudah bergabung" in t for t in notices_to(sessions, "penjual"))
    budi.send("stok rendang 3")
    assert "6 → 3" in budi.text and product(sessions, "FRZ-RDG").stock == 3
    before = snapshot(sessions)
    eve = EngineChat(engine, "eve")
    eve.send("gabung ABCD-2345")  # a guess while a real code is open
    assert_customer_answer(eve)
    eve.send(f"gabung {code}")
    assert "Selamat bergabung" not in eve.text and sellers(sessions) == [("penjual", "owner"), ("budi", "staff")]
    eve.send("stok rendang 50")
    assert snapshot(sessions) == before


def test_an_invite_code_expires_after_a_day(db_url):
    engine, sessions, clock = seller_engine(db_url)
    code = invite_code(engine)
    clock.advance(hours=24, seconds=1)
    late = EngineChat(engine, "telat")
    late.send(code)
    assert "Selamat bergabung" not in late.text and sellers(sessions) == [("penjual", "owner")]


def test_removed_staff_are_customers_again(db_url):
    engine, sessions, _ = seller_engine(db_url)
    code = invite_code(engine)
    budi = EngineChat(engine, "budi")
    budi.send(code, profile_name="Budi")
    owner(engine).send("hapus staf budi")
    assert sellers(sessions) == [("penjual", "owner")]
    before = snapshot(sessions)
    budi.send("stok rendang 1")
    assert_customer_answer(budi)
    assert snapshot(sessions)[0] == before[0]


def test_staff_cannot_manage_staff(sqlite_url):
    from shops.setup import add_seller

    engine, sessions, _ = seller_engine(sqlite_url)
    with sessions() as s:
        add_seller(s, 1, "simulator", "budi", "Budi", "staff")
        s.commit()
    before = snapshot(sessions)
    chat = EngineChat(engine, "budi")
    for message in ("undang staf", "hapus staf penjual"):
        chat.send(message)
        assert "hanya bisa oleh pemilik" in chat.text
    assert snapshot(sessions) == before
