"""Money by chat on a real database (SQLite and PostgreSQL): the seller's sentences become
ledger entries through the engine, one word re-files one, `batalkan` and corrections write
reversals (never edits), a receipt photo is kept, and the books' figures follow."""

from __future__ import annotations

from sqlalchemy import select

from books import figures
from books.periods import this_month
from conversations.base import Media
from storage.ledger_models import LedgerEntry
from tests.integration.seller_db import owner, seller_engine
from tests.support import EngineChat
from zoneinfo import ZoneInfo

TZ = ZoneInfo("Asia/Jakarta")


def entries(sessions) -> list[tuple[str, str, int, int | None, str | None, str | None]]:
    with sessions() as s:
        rows = s.execute(select(LedgerEntry).where(LedgerEntry.order_id.is_(None)).order_by(LedgerEntry.id)).scalars()
        return [(e.kind, e.category, e.amount, e.reverses_id, e.created_by, e.receipt_ref) for e in rows]


def test_sentences_categories_undo_and_corrections_are_ledger_entries(db_url):
    engine, sessions, clock = seller_engine(db_url)
    EngineChat(engine, "rina").send("beli gas 25rb")  # a customer typing it records nothing
    assert entries(sessions) == []
    seller = owner(engine)
    seller.send("beli gas 25rb")
    assert "*Operasional*" in seller.text
    seller.send("bahan")
    assert "Operasional → *Bahan baku*" in seller.text
    seller.send("modal masuk 2jt")
    seller.send("batalkan")
    seller.send("tarik 500rb buat pribadi", media=(Media("tg-receipt-1"),))
    assert "Foto nota disimpan" in seller.text
    rows = entries(sessions)
    first, moved_back, moved, capital, capital_back, drawing = (row[:4] for row in rows)
    assert first[:3] == ("expense", "operasional", 25000) and moved_back[:3] == ("expense", "operasional", -25000)
    assert moved[:3] == ("expense", "bahan_baku", 25000) and capital[:3] == ("capital", "modal", 2_000_000)
    assert capital_back[2] == -2_000_000 and drawing[:3] == ("drawing", "prive", 500_000)
    assert rows[-1][4:] == ("seller:1", "tg-receipt-1")
    with sessions() as s:
        period = this_month(clock.now, TZ)
        report = figures.compute(s, 1, "Demo", period, clock.now)
    assert report.profit_loss.cogs == 25000 and report.profit_loss.expenses["operasional"] == 0
    assert report.cash.capital_in == 0 and report.cash.drawings == 500_000


def test_the_list_corrects_and_deletes_and_a_second_delete_is_refused(db_url):
    engine, sessions, _ = seller_engine(db_url)
    seller = owner(engine)
    for text in ("beli gas 25rb", "bayar listrik 150rb"):
        seller.send(text)
    seller.send("catatan keuangan")
    assert "1. " in seller.text and "bayar listrik" in seller.text.splitlines()[1]
    seller.send("ubah 1 175rb")
    assert "Rp150.000 → *Rp175.000*" in seller.text
    seller.send("pengeluaran")
    seller.send("hapus 2")  # beli gas (the corrected listrik is newest)
    assert "dihapus" in seller.text
    kept = [(k, c, a) for k, c, a, rev, *_ in entries(sessions) if rev is None]
    assert ("expense", "operasional", 175000) in kept
    with sessions() as s:
        standing = s.execute(select(LedgerEntry.category, LedgerEntry.amount)
                             .where(LedgerEntry.order_id.is_(None))).all()
    assert sum(a for _, a in standing) == 175000
    # The same list number again: the gas entry is gone from the list, so number 2 is nothing now.
    seller.send("hapus catatan 2")
    assert "tidak ada" in seller.text
    assert sum(r[2] for r in entries(sessions)) == 175000

