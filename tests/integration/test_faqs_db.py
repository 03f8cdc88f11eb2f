"""The seller's own answers on a real database (SQLite and PostgreSQL): added, changed, listed and
removed by chat, audited, and answered to customers whose question matches."""

from __future__ import annotations

from storage import seller_changes as seller_changes_db
from tests.integration.seller_db import owner, seller_engine
from tests.support import EngineChat


def test_a_faq_is_added_changed_answered_and_removed_by_chat(db_url):
    engine, sessions, _ = seller_engine(db_url)
    seller = owner(engine)
    seller.send("faq: halal? = Semua produk kami halal MUI")
    assert "FAQ disimpan" in seller.text
    seller.send("faq: bisa kirim ke luar pulau? = Bisa lewat JNE, ongkir menyusul")
    customer = EngineChat(engine, "rina")
    customer.send("halo")
    customer.send("produknya halal ga kak?")
    assert "Semua produk kami halal MUI" in customer.text
    customer.send("bisa kirim ke luar pulau?")
    assert "lewat JNE" in customer.text
    customer.send("buka jam berapa?")  # no entry for it: the shop's own data answers
    assert "08.00–20.00" in customer.text
    seller.send("faq")
    assert "1. halal?" in seller.text and "2. bisa kirim ke luar pulau?" in seller.text
    seller.send("faq 1 = Halal, sertifikat MUI no. 123")
    assert "diubah" in seller.text
    customer.send("halal?")
    assert "sertifikat MUI no. 123" in customer.text
    seller.send("hapus faq 1")
    assert "dihapus" in seller.text
    customer.send("halal?")
    assert "MUI" not in customer.text
    seller.send("hapus faq 5")
    assert "tidak ada" in seller.text
    with sessions() as s:
        assert [c.action for c in seller_changes_db.fetch_changes(s, 1)] == ["faq", "faq", "faq"]
