"""The entries each order move writes, in the move's own transaction; the seller's entries and
their reversals; and the migration entering orders placed before the ledger existed."""

from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa
from sqlalchemy import select

from books import entries
from books.accounts import Category, Kind
from books.entries import EntryRefused
from books.expense_parsing import parse_money_sentence
from orders.lifecycle import Action, IllegalMove, move
from storage import ledger as lg
from storage.db import make_engine, unit_of_work
from storage.ledger_models import LedgerEntry
from storage.migrate import upgrade
from storage.models import Order
from tests.integration.books_support import Month, database, demo_db, wib

T0 = wib(11, 10)


@pytest.fixture
def month_db(db_url) -> Month:  # type: ignore[no-untyped-def]
    return Month(demo_db(db_url))


def rows(m: Month, code: str) -> list[tuple[str, str, int, bool]]:
    """(kind, category, amount, is a reversal) of an order's entries, in the order written."""
    with m.sessions() as s:
        order_id = s.execute(select(Order.id).where(Order.code == code)).scalar_one()
        return [(e.kind, e.category, e.amount, e.reverses_id is not None) for e in lg.fetch_order_entries(s, order_id)]


def test_a_transfer_order_is_a_receivable_until_paid_then_a_sale_in_four_parts(month_db) -> None:
    m = month_db
    code = m.place(T0, "bank_transfer", (("KUE-NST-KJU", 1),))  # Rp85.000: the 10% promo applies
    story = m.stories[code]
    assert rows(m, code) == [("receivable", "pesanan", story.total, False)]
    m.act(code, Action.CONFIRM, T0 + timedelta(hours=1))
    assert rows(m, code)[1:] == [("receivable", "pesanan", -story.total, False), ("sale", "barang", 85_000, False),
                                 ("sale", "diskon", -8_500, False), ("sale", "ongkir", 10_000, False),
                                 ("sale", "kode_unik", story.unique, False)]
    assert sum(a for k, _, a, _ in rows(m, code) if k == "sale") == story.total
    for action in (Action.PROCESS, Action.SHIP, Action.COMPLETE):  # moves that neither pay nor void write nothing
        m.act(code, action, T0 + timedelta(hours=2))
    assert len(rows(m, code)) == 6


def test_a_refund_reverses_every_sale_entry_and_leaves_the_receivable_settled(month_db) -> None:
    m = month_db
    code = m.place(T0, "qris", (("SBL-BWG", 2),), fulfilment="pickup")
    m.act(code, Action.CONFIRM, T0 + timedelta(minutes=5))
    m.act(code, Action.CANCEL_BY_SELLER, T0 + timedelta(days=1))
    with m.sessions() as s:
        es = lg.fetch_order_entries(s, s.execute(select(Order.id).where(Order.code == code)).scalar_one())
        by_id = {e.id: e for e in es}
        undo = [e for e in es if e.reverses_id is not None]
        # A QRIS order carries a unique code like a transfer (issue 18): both parts go back.
        undone = {by_id[e.reverses_id].category: e.amount for e in undo}
        assert undone == {"barang": -36_000, "kode_unik": -(m.stories[code].total - 36_000)}
        assert 0 < m.stories[code].total - 36_000 < 1000
        assert undo[0].occurred_at == T0 + timedelta(days=1)
    assert sum(a for k, _, a, _ in rows(m, code) if k == "sale") == 0
    assert sum(a for k, _, a, _ in rows(m, code) if k == "receivable") == 0


@pytest.mark.parametrize("how", [Action.CANCEL_BY_CUSTOMER, Action.CANCEL_BY_SELLER, Action.EXPIRE])
def test_an_unpaid_order_undone_clears_its_receivable(month_db, how) -> None:
    m = month_db
    code = m.place(T0, "bank_transfer", (("KRP-TMP", 1),))
    actor = {Action.CANCEL_BY_CUSTOMER: "customer:1", Action.EXPIRE: "system"}.get(how, "seller:1")
    m.act(code, how, T0 + timedelta(hours=4), actor=actor)
    total = m.stories[code].total
    assert rows(m, code) == [("receivable", "pesanan", total, False), ("receivable", "pesanan", -total, True)]


def test_cash_on_delivery_is_a_receivable_until_the_cash_is_collected(month_db) -> None:
    m = month_db
    code = m.place(T0, "cod", (("KRP-TMP", 2),))
    m.act(code, Action.PROCESS, T0 + timedelta(hours=1))
    m.act(code, Action.SHIP, T0 + timedelta(hours=2))
    assert [k for k, *_ in rows(m, code)] == ["receivable"]
    m.act(code, Action.COMPLETE, T0 + timedelta(hours=3))
    assert sum(a for k, _, a, _ in rows(m, code) if k == "sale") == m.stories[code].total == 34_000
    with m.sessions() as s:
        assert lg.open_receivables(s, 1, T0 + timedelta(hours=2, minutes=30)) == (1, 34_000)
        assert lg.open_receivables(s, 1, T0 + timedelta(hours=3, minutes=1)) == (0, 0)


def test_an_illegal_move_writes_no_entry(month_db) -> None:
    m = month_db
    code = m.place(T0, "bank_transfer", (("KRP-TMP", 1),))
    with pytest.raises(IllegalMove):
        m.act(code, Action.COMPLETE, T0 + timedelta(hours=1))
    assert len(rows(m, code)) == 1


def test_the_entries_go_with_the_move_when_its_transaction_rolls_back(month_db) -> None:
    m = month_db
    code = m.place(T0, "bank_transfer", (("KRP-TMP", 1),))
    with unit_of_work(m.sessions) as s:
        order_id = s.execute(select(Order.id).where(Order.code == code)).scalar_one()
        move(s, order_id, Action.CONFIRM, "seller:1", T0 + timedelta(hours=1))
        assert len(lg.fetch_order_entries(s, order_id)) == 5  # no discount under Rp60.000
        s.rollback()
    assert len(rows(m, code)) == 1


def test_seller_entries_are_reversed_once_and_changed_by_reversal(month_db) -> None:
    m = month_db
    gas = m.spend("beli gas 25rb", T0)
    with unit_of_work(m.sessions) as s:
        undo = entries.reverse(s, 1, gas, "seller:1", T0 + timedelta(days=3))
        assert (undo.amount, undo.reverses_id, undo.occurred_at) == (-25_000, gas, T0)  # mends the day it happened
        s.commit()
    with unit_of_work(m.sessions) as s:
        with pytest.raises(EntryRefused) as refused:
            entries.reverse(s, 1, gas, "seller:1", T0)
        assert refused.value.reason == "reversed"
        with pytest.raises(EntryRefused) as refused:
            entries.reverse(s, 1, undo.id, "seller:1", T0)
        assert refused.value.reason == "reversal"
    wrong = m.spend("bayar 40rb", T0)
    with unit_of_work(m.sessions) as s:
        fixed = entries.change(s, 1, wrong, "seller:1", T0 + timedelta(hours=1), category=Category.TRANSPORT,
                               amount=45_000)
        s.commit()
    assert (fixed.kind, fixed.category, fixed.amount, fixed.occurred_at) == ("expense", "transport", 45_000, T0)
    with m.sessions() as s:
        assert [(e.category, e.amount) for e in entries.last_entries(s, 1)] == [("transport", 45_000)]
        totals = {(r.kind, r.category): r.amount for r in lg.sums_between(s, 1, None, T0 + timedelta(days=9))
                  if not r.reversal}
        assert totals[("expense", "lainnya")] == 40_000 and totals[("expense", "transport")] == 45_000


def test_order_entries_and_other_shops_entries_cannot_be_touched_by_seller_commands(month_db) -> None:
    m = month_db
    code = m.place(T0, "bank_transfer", (("KRP-TMP", 1),))
    with unit_of_work(m.sessions) as s:
        order_id = s.execute(select(Order.id).where(Order.code == code)).scalar_one()
        placed = lg.fetch_order_entries(s, order_id)[0]
        with pytest.raises(EntryRefused) as refused:
            entries.reverse(s, 1, placed.id, "seller:1", T0)
        assert refused.value.reason == "order"
        with pytest.raises(EntryRefused) as refused:
            entries.reverse(s, 2, placed.id, "seller:1", T0)
        assert refused.value.reason == "missing"


def test_an_entry_that_breaks_the_rules_is_refused(month_db) -> None:
    with unit_of_work(month_db.sessions) as s:
        for kind, category, amount, reason in ((Kind.SALE, Category.GOODS, 10, "category"),
                                               (Kind.EXPENSE, Category.CAPITAL, 10, "category"),
                                               (Kind.EXPENSE, Category.WAGES, 0, "amount")):
            with pytest.raises(EntryRefused) as refused:
                entries.record(s, 1, kind, category, amount, "x", "seller:1", T0)
            assert refused.value.reason == reason


def test_a_receipt_photo_stays_with_its_entry(month_db) -> None:
    note = parse_money_sentence("belanja bahan 350rb di pasar")
    assert note is not None
    with unit_of_work(month_db.sessions) as s:
        entry = entries.record_note(s, 1, note, "seller:1", T0, receipt_ref="inbound/telegram/abc.jpg")
        s.commit()
    with month_db.sessions() as s:
        assert s.get(LedgerEntry, entry.id).receipt_ref == "inbound/telegram/abc.jpg"  # type: ignore[union-attr]


@pytest.mark.parametrize("backend", ["sqlite", "postgres"])
def test_the_migration_enters_orders_placed_before_the_ledger(backend, tmp_path) -> None:
    with database(backend, tmp_path, "0008_category_page") as url:
        entered = _migrate_old_orders(url)
    by_order: dict[int, list[tuple[str, str, int, int]]] = {}
    for order_id, kind, category, amount, rev in entered:
        by_order.setdefault(order_id, []).append((kind, category, amount, int(rev)))
    sale = [("sale", "barang", 50_000, 0), ("sale", "diskon", -5_000, 0), ("sale", "ongkir", 10_000, 0)]
    assert by_order[1] == [("receivable", "pesanan", 55_001, 0), ("receivable", "pesanan", -55_001, 0), *sale,
                           ("sale", "kode_unik", 1, 0)]
    assert by_order[2][-4:] == [("sale", "barang", -50_000, 1), ("sale", "diskon", 5_000, 1), ("sale", "ongkir", -10_000, 1),
                                ("sale", "kode_unik", -2, 1)]
    assert by_order[3] == [("receivable", "pesanan", 55_003, 0), ("receivable", "pesanan", -55_003, 1)]
    assert by_order[4] == [("receivable", "pesanan", 55_004, 0)]


def _migrate_old_orders(url: str) -> list[tuple[int, str, str, int, bool]]:
    """Four orders written by the schema before the ledger, then the upgrade; the entries it made."""
    engine = make_engine(url)
    t = wib(10, 1)
    with engine.begin() as c:
        c.execute(sa.text("INSERT INTO shops (id, slug, name, profile, order_seq, catalog_version, created_at) "
                          "VALUES (1, 's', 'S', '{}', 0, 0, :t)"), {"t": t})
        c.execute(sa.text("INSERT INTO customers (id, shop_id, created_at) VALUES (1, 1, :t)"), {"t": t})
        for i, (status, paid) in enumerate((("completed", True), ("cancelled", True), ("expired", False),
                                            ("pending_payment", False)), start=1):
            c.execute(sa.text(
                "INSERT INTO orders (id, shop_id, code, customer_id, channel, status, customer_name, fulfilment, "
                "payment_method, subtotal, discount, delivery_fee, unique_code, total, paid_at, created_at, updated_at) "
                "VALUES (:i, 1, :code, 1, 'telegram', :status, 'A', 'delivery', 'bank_transfer', 50000, 5000, 10000, "
                ":i, :total, :paid, :t, :u)"),
                {"i": i, "code": f"KD-{i}", "status": status, "total": 55_000 + i, "paid": t + timedelta(hours=1) if paid else None,
                 "t": t, "u": t + timedelta(days=1)})
    engine.dispose()
    upgrade(url)
    engine = make_engine(url)
    with engine.connect() as c:
        got = c.execute(sa.text("SELECT order_id, kind, category, amount, reverses_id IS NOT NULL FROM ledger_entries "
                                "ORDER BY id")).all()
    engine.dispose()
    return [tuple(r) for r in got]  # type: ignore[misc]
