"""Races that really race: threads against a SQLite file and PostgreSQL, asserting the invariants."""

from __future__ import annotations

import random
import threading
from collections import Counter
from datetime import timedelta

from orders.lifecycle import Action
from scheduler.jobs_payments import expire_overdue
from storage.db import unit_of_work
from tests.integration.orders_support import (act, add_customer, events, order, outbox_to, place_many, run_together,
                                             set_stock, stock)
from tests.support import NOW, seeded_engine

N = 24
LATER = NOW + timedelta(hours=1)


def test_confirms_racing_the_expiry_sweep_leave_each_order_paid_or_expired_never_both(db_url):
    _, sessions = seeded_engine(db_url)
    set_stock(sessions, "KRP-TMP", 100)
    customer = add_customer(sessions, "siti")
    with unit_of_work(sessions) as s:
        codes = place_many(s, customer, N, window=1)  # every deadline has passed by LATER
        s.commit()
    assert stock(sessions) == 100 - N
    wins: Counter[str] = Counter()
    lock = threading.Lock()

    def seller(seed: int):
        def confirm_all():
            for code in random.Random(seed).sample(codes, len(codes)):  # two sellers race each other too
                if act(sessions, code, Action.CONFIRM, actor=f"seller:{seed}", now=LATER).ok:
                    with lock:
                        wins[code] += 1
        return confirm_all

    def sweep(batch: int):
        return lambda: expire_overdue(sessions, lambda: LATER, batch=batch)  # a second scheduler, or a restart

    assert run_together(seller(1), seller(2), sweep(3), sweep(1)) == []

    statuses = {code: order(sessions, code).status for code in codes}
    assert set(statuses.values()) <= {"paid", "expired"}
    expired = [c for c, st in statuses.items() if st == "expired"]
    for code, status in statuses.items():
        trail = events(sessions, code)
        assert [(e[0], e[1]) for e in trail] == [(None, "pending_payment"), ("pending_payment", status)], code
        assert wins[code] == (1 if status == "paid" else 0), code
        assert (order(sessions, code).paid_at is not None) == (status == "paid")
    assert stock(sessions) == 100 - N + len(expired)  # each expired order gave its one unit back, once
    told = [p["text"] for p in outbox_to(sessions, "siti")]
    assert len(told) == N  # one receipt or one expiry notice per order, never both
    assert sum("Pembayaran diterima" in t for t in told) == N - len(expired)


def test_two_sellers_confirming_the_same_order_at_once_record_one_payment(db_url):
    _, sessions = seeded_engine(db_url)
    customer = add_customer(sessions, "siti")
    with unit_of_work(sessions) as s:
        codes = place_many(s, customer, 6)
        s.commit()
    results: list[bool] = []

    def confirm(code: str, who: int):
        return lambda: results.append(act(sessions, code, Action.CONFIRM, actor=f"seller:{who}", now=LATER).ok)

    for code in codes:
        assert run_together(*(confirm(code, who) for who in range(4))) == []
    assert results.count(True) == len(codes)
    assert all(len(events(sessions, code)) == 2 for code in codes)
