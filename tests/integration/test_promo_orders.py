"""Promotions on a real database (SQLite and PostgreSQL): recorded on the order, usage limits
that hold when customers race, a promo ending between summary and confirm, consent once."""

from __future__ import annotations

import threading
from datetime import timedelta

from sqlalchemy import func, select

from bot.engine import Engine
from marketing.promo_admin import create_promotion
from marketing.promotions import CATEGORY, PERCENT, Promotion
from orders.views import list_orders
from storage.models import Customer, Order
from storage.promo_models import PromoRedemption
from storage.promo_models import Promotion as PromotionRow
from tests.support import NOW, EngineChat, seeded_engine


def add_promo(sessions, **kw) -> int:
    spec = Promotion(**{"id": 0, "name": kw.get("code") or "Promo", "kind": PERCENT, "value": 10, **kw})
    with sessions() as s:
        promo = create_promotion(s, 1, spec, NOW, "test")
        s.commit()
    return promo.id


def to_confirm(chat: EngineChat, order: str = "pesan 2 keripik singkong pedas sama 1 sambal roa") -> None:
    chat.send("halo")
    chat.send(order)
    chat.send("checkout")
    chat.send(chat.user.title())
    chat.press("Ambil sendiri")
    chat.press("Lewati")
    chat.press("COD")


def count(sessions, model) -> int:
    with sessions() as s:
        return s.scalar(select(func.count()).select_from(model))


def test_an_order_with_a_code_keeps_the_discount_on_the_order_and_records_the_redemption(db_url):
    engine, sessions = seeded_engine(db_url)
    promo_id = add_promo(sessions, code="HEMAT10", scope=CATEGORY, targets=("Keripik",))
    chat = EngineChat(engine, "siti")
    chat.send("halo")
    chat.send("kode hemat10")
    to_confirm(chat)
    assert "🏷️ HEMAT10: -Rp3.000" in chat.text and "*Total: Rp52.000*" in chat.text
    chat.press("Pesan sekarang")
    with sessions() as s:
        [order] = list_orders(s, 1)
        redemption = s.execute(select(PromoRedemption)).scalar_one()
        uses = s.get(PromotionRow, promo_id).uses
    assert (order["subtotal"], order["discount"], order["total"]) == (55000, 3000, 52000)
    assert (redemption.promotion_id, redemption.amount, redemption.customer_id) == (promo_id, 3000, order["customer"]["id"])
    assert uses == 1


def test_the_last_use_of_a_promo_goes_to_exactly_one_of_several_racing_customers(db_url):
    engine, sessions = seeded_engine(db_url)
    add_promo(sessions, max_uses=1)  # automatic, 10% off the cart, one use in all
    chats = [EngineChat(engine, f"racer{i}") for i in range(6)]
    for chat in chats:
        to_confirm(chat, "pesan 1 sambal roa")
        assert "-Rp2.500" in chat.text
    barrier = threading.Barrier(len(chats))

    def confirm(chat: EngineChat) -> None:
        barrier.wait()
        chat.press("Pesan sekarang")

    threads = [threading.Thread(target=confirm, args=(c,)) for c in chats]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    with sessions() as s:
        orders = s.execute(select(Order)).scalars().all()
        uses = s.execute(select(PromotionRow.uses)).scalar_one()
    assert len(orders) == 1 and orders[0].discount == 2500 and uses == 1
    assert count(sessions, PromoRedemption) == 1
    losers = [c for c in chats if "promonya berubah" in c.text]
    assert len(losers) == 5 and all("*Total: Rp25.000*" in c.text for c in losers)  # shown the new total, no order yet


def test_a_customer_gets_a_once_per_customer_promo_once(db_url):
    engine, sessions = seeded_engine(db_url)
    add_promo(sessions, code="SEKALI", max_uses_per_customer=1)
    chat = EngineChat(engine, "budi")
    chat.send("halo")
    chat.send("kode sekali")
    to_confirm(chat)
    chat.press("Pesan sekarang")
    chat.send("kode sekali")
    assert "sudah habis kuotanya atau sudah Kakak pakai" in chat.text
    to_confirm(chat)
    assert "🏷️" not in chat.text


def test_a_promo_that_ends_between_summary_and_confirm_gives_a_new_summary_and_no_order(db_url):
    _, sessions = seeded_engine(db_url)
    now = [NOW]
    engine = Engine(sessions, window_minutes=180, clock=lambda: now[0])
    add_promo(sessions, name="Kilat", ends_at=NOW + timedelta(minutes=10))
    chat = EngineChat(engine, "rina")
    to_confirm(chat)
    assert "🏷️ Kilat: -Rp5.500" in chat.text
    now[0] = NOW + timedelta(minutes=11)
    chat.press("Pesan sekarang")
    assert "promonya berubah" in chat.text and "*Total: Rp55.000*" in chat.text
    assert count(sessions, Order) == 0
    chat.press("Pesan sekarang")
    assert "KD-0001" in chat.text
    with sessions() as s:
        assert s.execute(select(Order.discount, Order.total)).one() == (0, 55000)


def test_promo_consent_is_asked_once_after_the_first_order_and_stop_and_mau_promo_change_it(db_url):
    engine, sessions = seeded_engine(db_url)
    chat = EngineChat(engine, "sari")
    to_confirm(chat)
    chat.press("Pesan sekarang")
    assert "Mau dapat info promo" in chat.text
    chat.press("Mau")
    def consent():  # type: ignore[no-untyped-def]
        with sessions() as s:
            return s.execute(select(Customer.promo_consent, Customer.consent_asked_at)).one()

    assert consent()[0] is True and consent()[1] is not None
    to_confirm(chat, "pesan 1 sambal roa")
    chat.press("Pesan sekarang")
    assert "KD-0002" in chat.text and "Mau dapat info promo" not in chat.text
    chat.send("jangan kirim promo")
    assert consent()[0] is False and "berhenti* menerima" in chat.text
    chat.send("mau promo")
    assert consent()[0] is True
