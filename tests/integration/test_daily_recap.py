"""The daily recap job on a real database: the right figures for a seeded day, sent once
per day after the shop's recap hour in the shop's time zone, whatever restarts happen."""

from __future__ import annotations

import asyncio
import threading
from datetime import datetime, timezone

from sqlalchemy import select, update

from bot.bootstrap import build
from bot.serve import jobs
from shops.setup import add_seller
from config import Settings
from language.money import rupiah
from scheduler.daily_recap import send_due_recaps
from storage.db import make_engine, session_factory
from storage.ledger_models import LedgerEntry
from storage.models import Customer, Order, OrderItem, OutboxMessage, Product, RecapSent, Shop
from tests.integration.seller_db import Clock
from tests.support import seeded_engine

UTC = timezone.utc
# (created at, status, payment, total, item quantities); the shop day of 23 Nov 2026 in
# Asia/Jakarta runs from 22 Nov 17:00 UTC to 23 Nov 17:00 UTC.
ORDERS = [
    (datetime(2026, 11, 22, 16, 59, tzinfo=UTC), "paid", "bank_transfer", 99000, [1]),  # 22 Nov, 23:59 WIB
    (datetime(2026, 11, 22, 17, 30, tzinfo=UTC), "paid", "bank_transfer", 65000, [2, 1]),
    (datetime(2026, 11, 23, 5, 0, tzinfo=UTC), "pending_payment", "qris", 30000, [2]),
    (datetime(2026, 11, 23, 10, 0, tzinfo=UTC), "completed", "bank_transfer", 120000, [1]),
    (datetime(2026, 11, 23, 11, 0, tzinfo=UTC), "cancelled", "bank_transfer", 50000, [3]),
    (datetime(2026, 11, 23, 16, 59, tzinfo=UTC), "pending_payment", "cod", 40000, [1]),
    (datetime(2026, 11, 23, 17, 0, tzinfo=UTC), "paid", "cod", 77000, [5]),  # 24 Nov, 00:00 WIB
]
# Omzet is the books': the goods of the orders paid that day (65.000 + 120.000), not the unpaid ones.
EXPECTED = ["Pesanan: 4", "Barang terjual: 7", "Omzet: Rp185.000", "Belum dibayar: 2 pesanan (Rp70.000)",
            "Stok menipis: Rendang Sapi 500g (beku) (2), Kastengel 500g (4)"]


def seeded_day(url: str):
    _, sessions = seeded_engine(url)
    with sessions() as s:
        add_seller(s, 1, "telegram", "5550001", "Budi", "staff")
        rendang = s.execute(select(Product).where(Product.sku == "FRZ-RDG")).scalar_one()
        for n, (at, status, payment, total, qtys) in enumerate(ORDERS, 1):
            order = Order(shop_id=1, code=f"KD-{n:04d}", customer_id=_customer(s), channel="simulator",
                          status=status, customer_name="Siti", fulfilment="pickup", payment_method=payment,
                          subtotal=total, total=total, created_at=at, updated_at=at)
            s.add(order)
            s.flush()
            s.add_all([OrderItem(shop_id=1, order_id=order.id, product_id=rendang.id, sku=rendang.sku,
                                 name=rendang.name, qty=q, unit_price=1, line_total=q) for q in qtys])
            if status in ("paid", "completed"):  # paid when placed: the books' sale, as books.posting writes it
                s.add(LedgerEntry(shop_id=1, kind="sale", category="barang", amount=total, occurred_at=at,
                                  order_id=order.id, created_by="system", created_at=at))
        s.execute(update(Product).where(Product.sku == "FRZ-RDG").values(stock=2))
        s.execute(update(Product).where(Product.sku == "KUE-KST").values(stock=4))
        s.execute(update(Product).where(Product.sku == "SBL-ROA").values(stock=1, visible=False))  # hidden: not listed
        s.commit()
    return sessions


def _customer(session) -> int:
    customer = session.execute(select(Customer).limit(1)).scalar_one_or_none()
    if customer is None:
        customer = Customer(shop_id=1, name="Siti")
        session.add(customer)
        session.flush()
    return customer.id


def recaps(sessions) -> list[tuple[str, str]]:
    with sessions() as s:
        rows = s.execute(select(OutboxMessage.recipient, OutboxMessage.payload).order_by(OutboxMessage.id)).all()
    return [(r.recipient, r.payload["text"]) for r in rows if "Rekap" in r.payload["text"]]


def test_the_recap_of_a_seeded_day_has_the_right_figures_for_every_seller(db_url):
    sessions = seeded_day(db_url)
    send_due_recaps(sessions, datetime(2026, 11, 23, 13, 0, tzinfo=UTC))  # 20:00 WIB
    sent = recaps(sessions)
    assert [who for who, _ in sent] == ["penjual", "5550001"]
    text = sent[0][1]
    assert "Rekap hari ini, Senin, 23 Nov 2026" in text
    for figure in EXPECTED:
        assert figure in text, (figure, text)


def test_the_recap_waits_for_the_hour_and_is_sent_once_a_day_across_restarts(db_url):
    sessions = seeded_day(db_url)
    assert send_due_recaps(sessions, datetime(2026, 11, 23, 12, 59, tzinfo=UTC)) == []  # 19:59 WIB
    assert len(send_due_recaps(sessions, datetime(2026, 11, 23, 13, 0, tzinfo=UTC))) == 2
    restarted = session_factory(make_engine(db_url))
    assert send_due_recaps(restarted, datetime(2026, 11, 23, 16, 0, tzinfo=UTC)) == []
    assert len(send_due_recaps(restarted, datetime(2026, 11, 24, 13, 0, tzinfo=UTC))) == 2
    with sessions() as s:
        assert s.execute(select(RecapSent.day).order_by(RecapSent.day)).scalars().all() == ["2026-11-23", "2026-11-24"]


def test_two_processes_ticking_together_send_one_recap(db_url):
    sessions = seeded_day(db_url)
    others = [session_factory(make_engine(db_url)) for _ in range(3)]
    results: list[list[int]] = []
    threads = [threading.Thread(target=lambda f=f: results.append(
        send_due_recaps(f, datetime(2026, 11, 23, 14, 0, tzinfo=UTC)))) for f in others]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(len(r) for r in results) == [0, 0, 2]
    assert len(recaps(sessions)) == 2


def test_the_recap_hour_and_time_zone_come_from_the_shop(db_url):
    sessions = seeded_day(db_url)
    with sessions() as s:
        shop = s.get(Shop, 1)
        shop.profile = {**shop.profile, "recap_hour": 21, "timezone": "Asia/Makassar"}  # WITA, UTC+8
        s.commit()
    assert send_due_recaps(sessions, datetime(2026, 11, 23, 12, 59, tzinfo=UTC)) == []  # 20:59 WITA
    assert len(send_due_recaps(sessions, datetime(2026, 11, 23, 13, 0, tzinfo=UTC))) == 2  # 21:00 WITA
    # 23 Nov in WITA runs 22 Nov 16:00 - 23 Nov 16:00 UTC: the 23:59 WIB order is in, the 23:59 UTC one out.
    text = recaps(sessions)[0][1]
    assert "Omzet: Rp284.000" in text and "Belum dibayar: 1 pesanan (Rp30.000)" in text


def test_the_served_app_runs_the_recap_as_a_scheduled_job(sqlite_url):
    seeded_day(sqlite_url)
    kedai = build(Settings(KEDAI_DATABASE_URL=sqlite_url))
    try:
        kedai.engine.clock = Clock(datetime(2026, 11, 23, 13, 30, tzinfo=UTC))
        [job] = [j for j in jobs(kedai) if j.name == "daily-recap"]
        assert asyncio.run(job.run()) == 2
        assert asyncio.run(job.run()) == 0
    finally:
        kedai.close()
    assert len(recaps(session_factory(make_engine(sqlite_url)))) == 2


def test_omzet_counts_the_goods_of_paid_orders_only_as_in_the_issue(db_url):
    """Issue 18: Rp228.001 shown where Rp58.001 was paid. A paid transfer order (goods, delivery
    fee and unique code) and an unpaid one: omzet is the paid order's goods alone, and the recap
    says what it counts."""
    from orders.lifecycle import Action
    from tests.integration.orders_support import act, add_customer, order, place
    from tests.integration.seller_db import owner, seller_engine

    engine, sessions, clock = seller_engine(db_url)
    paid = place(sessions, add_customer(sessions, "siti"), lines=(("KRP-TMP", 2),), now=clock.now)
    unpaid = place(sessions, add_customer(sessions, "rina"), lines=(("FRZ-RDG", 1),), now=clock.now)
    act(sessions, paid, Action.CONFIRM, now=clock.now)
    paid_order, unpaid_order = order(sessions, paid), order(sessions, unpaid)
    assert paid_order.delivery_fee > 0 and paid_order.unique_code > 0  # the parts omzet must leave out
    seller = owner(engine)
    seller.send("rekap")
    shown = f"Omzet: {rupiah(paid_order.subtotal)}"
    assert shown in seller.text, seller.text
    assert rupiah(paid_order.total) not in seller.text.split("Omzet:")[1].split("\n")[0]
    assert "tanpa ongkir, kode unik, dan pesanan belum bayar" in seller.text
    assert f"Belum dibayar: 1 pesanan ({rupiah(unpaid_order.total)})" in seller.text
