"""Unique transfer codes: 1-999, never shared by two open bank-transfer orders of a shop."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import insert, select, update
from sqlalchemy.exc import IntegrityError

from effects.orders import seller_notices
from orders.lifecycle import Action
from orders.payments import assign_unique_code
from orders.placing import order_code
from storage.db import unit_of_work
from storage.models import Order
from storage.shops import next_order_number
from tests.integration.orders_support import act, add_customer, order, place, run_together, set_stock
from tests.support import NOW, seeded_engine


def open_codes(sessions) -> list[int]:
    with sessions() as s:
        return list(s.execute(select(Order.unique_code).where(Order.status == "pending_payment",
                                                              Order.payment_method == "bank_transfer")).scalars())


def test_the_smallest_free_code_is_taken_so_customers_pay_as_little_extra_as_possible(db_url):
    _, sessions = seeded_engine(db_url)
    customer = add_customer(sessions, "siti")
    codes = [place(sessions, customer) for _ in range(4)]
    assert [order(sessions, c).unique_code for c in codes] == [1, 2, 3, 4]
    act(sessions, codes[2], Action.CANCEL_BY_SELLER)
    act(sessions, codes[0], Action.CONFIRM)
    assert [order(sessions, place(sessions, customer)).unique_code for _ in range(3)] == [1, 3, 5]


def open_bank_orders(sessions, customer: int, n: int) -> None:
    """Open bank-transfer orders numbered and coded exactly as placing does, minus stock and items (for speed)."""
    with unit_of_work(sessions) as s:
        for _ in range(n):
            number = next_order_number(s, 1)
            code = assign_unique_code(s, 1)
            s.execute(insert(Order).values(
                shop_id=1, code=order_code("KD", number), customer_id=customer, channel="simulator",
                status="pending_payment", customer_name="Siti", fulfilment="pickup", payment_method="bank_transfer",
                subtotal=10000, discount=0, delivery_fee=0, unique_code=code, total=10000 + code,
                pay_by=NOW + timedelta(hours=3), created_at=NOW, updated_at=NOW))
        s.commit()


def test_codes_stay_unique_across_1000_open_orders_and_the_1000th_is_placed_without_one(sqlite_url):
    # The code space is the same on every backend; PostgreSQL's concern, concurrent placing, is raced below.
    _, sessions = seeded_engine(sqlite_url)
    customer = add_customer(sessions, "siti")
    place(sessions, customer)
    open_bank_orders(sessions, customer, 998)
    place(sessions, customer)  # the 1000th open order, through the whole placing path
    codes = open_codes(sessions)
    assert len(codes) == 1000 and sorted(c for c in codes if c) == list(range(1, 1000)) and codes.count(0) == 1
    last = order(sessions, "KD-1000")
    assert (last.unique_code, last.total) == (0, last.subtotal + last.delivery_fee)
    with sessions() as s:  # the sellers are warned to match that one by its proof
        assert all("Kode unik habis" in n.text for n in seller_notices(s, 1, last))
    # QRIS and COD orders never take a code
    qris = order(sessions, place(sessions, customer, method="qris"))
    assert qris.unique_code == 0 and qris.total == qris.subtotal + qris.delivery_fee
    # paying frees a code for the next order
    freed = order(sessions, "KD-0500").unique_code
    assert act(sessions, "KD-0500", Action.CONFIRM).ok
    assert order(sessions, place(sessions, customer)).unique_code == freed


def test_the_database_refuses_a_second_open_order_with_the_same_code(db_url):
    _, sessions = seeded_engine(db_url)
    customer = add_customer(sessions, "siti")
    first, second = place(sessions, customer), place(sessions, customer)
    with unit_of_work(sessions) as s, pytest.raises(IntegrityError):
        s.execute(update(Order).where(Order.code == second).values(unique_code=order(sessions, first).unique_code))
        s.flush()


def test_orders_placed_at_once_from_many_threads_get_distinct_codes(db_url):
    _, sessions = seeded_engine(db_url)
    set_stock(sessions, "KRP-TMP", 1000)
    customers = [add_customer(sessions, f"c{i}") for i in range(6)]

    def buyer(customer: int):
        return lambda: [place(sessions, customer) for _ in range(8)]

    assert run_together(*(buyer(c) for c in customers)) == []
    assert sorted(open_codes(sessions)) == list(range(1, 49))
