"""Every legal move on a real database with its consequences; illegal moves change nothing."""

from __future__ import annotations

from datetime import timedelta

import pytest

from orders.lifecycle import Action, IllegalMove, move
from scheduler.jobs_payments import expire_overdue
from storage.db import unit_of_work
from storage.models import OrderEvent, OutboxMessage
from tests.integration.orders_support import (act, add_customer, count, events, order, place, place_many, stock,
                                             texts_to)
from tests.support import NOW, seeded_engine

LATER = NOW + timedelta(minutes=5)
A = Action


@pytest.fixture
def shop(db_url):
    _, sessions = seeded_engine(db_url)
    return sessions


# Each case places its own order in one shop: one database per backend keeps the suite quick.
FORWARD = [
    ("bank_transfer", "delivery", [(A.CONFIRM, "paid"), (A.PROCESS, "processing"), (A.SHIP, "shipped"), (A.COMPLETE, "completed")], A.CONFIRM),
    ("qris", "delivery", [(A.CONFIRM, "paid"), (A.SHIP, "shipped"), (A.COMPLETE, "completed")], A.CONFIRM),
    ("qris", "pickup", [(A.CONFIRM, "paid"), (A.PROCESS, "processing"), (A.COMPLETE, "completed")], A.CONFIRM),
    ("bank_transfer", "pickup", [(A.CONFIRM, "paid"), (A.COMPLETE, "completed")], A.CONFIRM),
    ("cod", "delivery", [(A.PROCESS, "processing"), (A.SHIP, "shipped"), (A.COMPLETE, "completed")], A.COMPLETE),
    ("cod", "delivery", [(A.SHIP, "shipped"), (A.CONFIRM, "shipped"), (A.COMPLETE, "completed")], A.CONFIRM),
    ("cod", "delivery", [(A.PROCESS, "processing"), (A.CONFIRM, "processing"), (A.SHIP, "shipped")], A.CONFIRM),
    ("cod", "delivery", [(A.CONFIRM, "paid"), (A.PROCESS, "processing")], A.CONFIRM),
    ("cod", "pickup", [(A.COMPLETE, "completed")], A.COMPLETE),
]


def test_forward_paths_move_step_by_step_record_who_and_keep_the_stock_sold(shop):
    customer = add_customer(shop, "siti")
    for method, fulfilment, path, paid_by in FORWARD:
        code = place(shop, customer, method=method, fulfilment=fulfilment)
        sold = stock(shop)
        before = "pending_payment"
        for i, (action, status) in enumerate(path):
            result = act(shop, code, action, now=NOW + timedelta(minutes=i + 1), courier="JNE", tracking_no="JP1")
            assert result.ok, (code, method, action, result.reply.text)
            row = order(shop, code)
            assert row.status == status, (method, action)
            assert events(shop, code)[-1] == (before, status, "seller:1")
            if action == paid_by:
                assert row.paid_at == NOW + timedelta(minutes=i + 1), (method, action)
            before = status
        assert order(shop, code).paid_at is not None
        assert stock(shop) == sold
        assert len(events(shop, code)) == len(path) + 1  # plus the creation


RELEASING = [
    ([], A.CANCEL_BY_CUSTOMER, "customer:1"),
    ([], A.CANCEL_BY_SELLER, "seller:1"),
    ([A.CONFIRM], A.CANCEL_BY_SELLER, "seller:1"),
    ([A.CONFIRM, A.PROCESS], A.CANCEL_BY_SELLER, "seller:1"),
    ([], A.EXPIRE, "system"),
]


def test_cancel_and_expiry_put_the_stock_back_exactly_once(shop):
    customer = add_customer(shop, "siti")
    full = stock(shop)
    for status_path, action, actor in RELEASING:
        code = place(shop, customer, lines=(("KRP-TMP", 3),))
        assert stock(shop) == full - 3
        for step in status_path:
            act(shop, code, step)
        with unit_of_work(shop) as s:
            move(s, order(shop, code).id, action, actor, LATER)
            s.commit()
        assert stock(shop) == full, (status_path, action)
        for again, who in ((A.CANCEL_BY_CUSTOMER, "customer:1"), (A.CANCEL_BY_SELLER, "seller:1"), (A.EXPIRE, "system")):
            with unit_of_work(shop) as s, pytest.raises(IllegalMove) as refused:
                move(s, order(shop, code).id, again, who, LATER)
            assert refused.value.possible == []
        assert stock(shop) == full, (status_path, action)
        assert events(shop, code)[-1][1] in ("cancelled", "expired")


ILLEGAL = [
    ([], A.PROCESS), ([], A.SHIP), ([], A.COMPLETE), ([], A.REJECT_PROOF),
    ([A.CONFIRM], A.CONFIRM), ([A.CONFIRM], A.COMPLETE),
    ([A.CONFIRM, A.SHIP], A.PROCESS), ([A.CONFIRM, A.SHIP], A.CANCEL_BY_SELLER), ([A.CONFIRM, A.SHIP], A.SHIP),
    ([A.CONFIRM, A.SHIP, A.COMPLETE], A.CANCEL_BY_SELLER), ([A.CANCEL_BY_SELLER], A.CONFIRM),
]


def test_illegal_moves_are_refused_saying_what_is_possible_and_change_nothing(shop):
    customer = add_customer(shop, "siti")
    for status_path, action in ILLEGAL:
        code = place(shop, customer)
        for step in status_path:
            act(shop, code, step)
        def snapshot():
            row = order(shop, code)
            return row.status, row.paid_at, stock(shop), count(shop, OrderEvent), count(shop, OutboxMessage)
        before = snapshot()
        result = act(shop, code, action, now=LATER, reason="salah")
        assert not result.ok and result.notices == [], (status_path, action)
        assert any(w in result.reply.text for w in ("Yang bisa sekarang", "sudah final", "Belum ada bukti")), result.reply.text
        assert snapshot() == before, (status_path, action)


def test_a_customer_or_the_system_cannot_make_seller_moves_and_a_seller_cannot_expire(shop):
    code = place(shop, add_customer(shop, "siti"))
    for action, actor in ((A.CONFIRM, "customer:1"), (A.CONFIRM, "system"), (A.CANCEL_BY_SELLER, "customer:1"),
                          (A.EXPIRE, "seller:1"), (A.CANCEL_BY_CUSTOMER, "seller:1")):
        with unit_of_work(shop) as s, pytest.raises(IllegalMove):
            move(s, order(shop, code).id, action, actor, LATER)
    assert order(shop, code).status == "pending_payment" and len(events(shop, code)) == 1


def test_an_illegal_move_names_the_commands_that_would_work(shop):
    code = place(shop, add_customer(shop, "siti"))
    act(shop, code, A.CONFIRM)
    text = act(shop, code, A.COMPLETE).reply.text
    assert "sudah dibayar" in text and f"*proses {code}*" in text and f"*batal {code}*" in text


def test_confirming_twice_changes_nothing_the_second_time(shop):
    code = place(shop, add_customer(shop, "siti"))
    first = act(shop, code, A.CONFIRM, now=NOW)
    snapshot = (order(shop, code).paid_at, events(shop, code), texts_to(shop, "siti"), stock(shop))
    second = act(shop, code, A.CONFIRM, now=LATER)
    assert first.ok and not second.ok and "sudah lunas sejak" in second.reply.text
    assert (order(shop, code).paid_at, events(shop, code), texts_to(shop, "siti"), stock(shop)) == snapshot


def test_each_step_tells_the_customer_with_a_receipt_when_paid(shop):
    code = place(shop, add_customer(shop, "siti"))
    for action in (A.CONFIRM, A.PROCESS, A.SHIP, A.COMPLETE):
        act(shop, code, action, courier="JNE", tracking_no="JP123")
    told = texts_to(shop, "siti")
    assert len(told) == 4
    assert "Pembayaran diterima" in told[0] and "Total dibayar: Rp34.001" in told[0] and "Kode unik: Rp1" in told[0]
    assert "sedang disiapkan" in told[1] and "JNE (resi JP123)" in told[2] and "selesai" in told[3]


def test_a_seller_cancel_of_a_paid_order_tells_the_customer_about_the_refund(shop):
    code = place(shop, add_customer(shop, "siti"))
    act(shop, code, A.CONFIRM)
    result = act(shop, code, A.CANCEL_BY_SELLER, reason="bahan habis")
    assert "kembalikan dananya" in result.reply.text
    assert "Alasan: bahan habis" in texts_to(shop, "siti")[-1] and "dikembalikan" in texts_to(shop, "siti")[-1]


def test_the_sweep_expires_only_what_is_due_and_a_second_run_finds_nothing(shop):
    customer = add_customer(shop, "siti")
    due = place(shop, customer, window=10)
    not_yet = place(shop, customer, window=60)
    cod = place(shop, customer, method="cod")
    full = stock(shop) + 6
    assert expire_overdue(shop, lambda: NOW + timedelta(minutes=30)) == 1
    assert [order(shop, c).status for c in (due, not_yet, cod)] == ["expired", "pending_payment", "pending_payment"]
    assert expire_overdue(shop, lambda: NOW + timedelta(minutes=30)) == 0
    assert stock(shop) == full - 4
    assert sum("dibatalkan otomatis" in t for t in texts_to(shop, "siti")) == 1


def test_a_sweep_after_downtime_expires_the_whole_backlog_in_batches_once(shop):
    customer = add_customer(shop, "siti")
    full = stock(shop)
    with unit_of_work(shop) as s:
        place_many(s, customer, 25, window=1)
        s.commit()
    assert stock(shop) == full - 25
    assert expire_overdue(shop, lambda: NOW + timedelta(days=2), batch=10) == 25
    assert expire_overdue(shop, lambda: NOW + timedelta(days=2), batch=10) == 0
    assert stock(shop) == full
