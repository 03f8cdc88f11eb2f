"""The time limits the README promises that the database keeps, pinned just inside and just
outside, on SQLite and PostgreSQL, through the settings a served process runs with: a staff
invite's 24 hours, the payment window, the hour after a rejected proof, a broadcast's grace."""

from __future__ import annotations

import asyncio
import re
from datetime import timedelta

import pytest

from bot.bootstrap import build
from bot.broadcasting import broadcaster
from config import Settings
from marketing import broadcast_admin
from marketing.broadcasts import ONCE, BroadcastSpec, Schedule
from orders.lifecycle import Action
from orders.payments import attach_proof
from scheduler.jobs_payments import expire_overdue
from shops.setup import load_demo_if_empty
from storage import orders as orders_db
from storage.db import unit_of_work
from tests.integration.orders_support import act, add_customer, order, place
from tests.integration.seller_db import Clock, owner, seller_engine
from tests.promo_support import RecordingSender, person
from tests.support import NOW, EngineChat, seeded_engine

JUST = timedelta(seconds=1)


@pytest.mark.parametrize("after,joins", [(timedelta(hours=24) - JUST, True), (timedelta(hours=24) + JUST, False)])
def test_a_staff_invite_works_for_24_hours(db_url, after, joins):
    engine, _, clock = seller_engine(db_url)
    chat = owner(engine)
    chat.send("undang staf")
    code = re.search(r"gabung ([A-Z]{4}-\d{4})", chat.text).group(1)
    clock.advance(seconds=after.total_seconds())
    budi = EngineChat(engine, "budi")
    budi.send(f"gabung {code}", profile_name="Budi")
    assert ("Selamat bergabung" in budi.text) is joins


def served(db_url: str, clock: Clock, **senders):  # type: ignore[no-untyped-def]
    """A Kedai built the way `kedai serve` builds it, from the default settings, on a test clock."""
    kedai = build(Settings(_env_file=None, KEDAI_DATABASE_URL=db_url), senders or None, clock=clock)
    with kedai.sessions() as s:
        load_demo_if_empty(s)
        s.commit()
    return kedai


def place_by_chat(kedai, user: str) -> str:  # type: ignore[no-untyped-def]
    chat = EngineChat(kedai.engine, user)
    for text in ("halo", "pesan 2 keripik tempe", "checkout", "Siti", "Ambil sendiri", "Lewati", "Transfer bank",
                 "Pesan sekarang"):
        chat.send(text)
    return re.search(r"KD-\d{4}", chat.text).group(0)


@pytest.mark.parametrize("after,expired", [(timedelta(minutes=180) - JUST, 0), (timedelta(minutes=180) + JUST, 1)])
def test_an_unpaid_order_expires_after_the_default_payment_window(db_url, after, expired):
    clock = Clock()
    kedai = served(db_url, clock)
    try:
        code = place_by_chat(kedai, "ani")
        clock.advance(seconds=after.total_seconds())
        assert expire_overdue(kedai.sessions, clock) == expired
        assert order(kedai.sessions, code).status == ("expired" if expired else "pending_payment")
    finally:
        kedai.close()


@pytest.mark.parametrize("after,expired", [(timedelta(hours=1) - JUST, 0), (timedelta(hours=1) + JUST, 1)])
def test_a_rejected_proof_gives_an_hour_more_to_pay(db_url, after, expired):
    _, sessions = seeded_engine(db_url)
    customer = add_customer(sessions, "siti")
    code = place(sessions, customer, window=180)
    with unit_of_work(sessions) as s:
        attach_proof(s, orders_db.fetch_order_by_code(s, 1, code), customer, None, None, "sudah transfer",
                     NOW + timedelta(minutes=10))
        s.commit()
    rejected_at = NOW + timedelta(minutes=175)  # five minutes before the deadline
    assert act(sessions, code, Action.REJECT_PROOF, reason="nominal beda", now=rejected_at).ok
    at = rejected_at + after
    assert expire_overdue(sessions, lambda: at) == expired


@pytest.mark.parametrize("late,sent", [(timedelta(minutes=60) - JUST, True), (timedelta(minutes=60) + JUST, False)])
def test_a_broadcast_missed_while_down_is_sent_late_only_within_the_default_grace(db_url, late, sent):
    clock = Clock()
    recorder = RecordingSender()
    kedai = served(db_url, clock, telegram=recorder)
    try:
        with kedai.sessions() as s:
            person(s, "ani")
            due = NOW + timedelta(hours=1)
            broadcast_admin.create(s, 1, BroadcastSpec("Halo {nama}!", schedule=Schedule(ONCE, at=due)), NOW, "test")
            s.commit()
        clock.now = due + late  # the server was down when it was due
        asyncio.run(broadcaster(kedai).tick())
        assert (len(recorder.sent) == 1) is sent
    finally:
        kedai.close()
