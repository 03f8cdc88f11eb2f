"""Helpers for the order and payment tests on a real database: customers, orders, reads."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session, sessionmaker

from shops.profile import ShopProfile
from effects import outbox
from effects.order_actions import ActionResult, Request, perform
from orders.lifecycle import Action
from orders.placing import Line, OrderRequest, place_order
from storage import customers as customers_db
from storage.db import unit_of_work
from storage.models import Order, OrderEvent, OutboxMessage, PaymentProof, Product, Shop
from tests.support import NOW, demo_profile

TZ = ZoneInfo("Asia/Jakarta")


def add_customer(sessions: sessionmaker[Session], external_id: str, channel: str = "simulator") -> int:
    with unit_of_work(sessions) as s:
        _, customer_id = customers_db.add_customer(s, 1, channel, external_id, external_id, None, NOW)
        s.commit()
    return customer_id


def place(sessions: sessionmaker[Session], customer_id: int, *, method: str = "bank_transfer",
          fulfilment: str = "delivery", lines: tuple[tuple[str, int], ...] = (("KRP-TMP", 2),),
          now: datetime = NOW, window: float = 180, channel: str = "simulator") -> str:
    with unit_of_work(sessions) as s:
        order = place_many(s, customer_id, 1, method=method, fulfilment=fulfilment, lines=lines, now=now,
                           window=window, channel=channel)[0]
        s.commit()
    return order


def place_many(s: Session, customer_id: int, n: int, *, method: str = "bank_transfer", fulfilment: str = "delivery",
               lines: tuple[tuple[str, int], ...] = (("KRP-TMP", 1),), now: datetime = NOW, window: float = 180,
               channel: str = "simulator") -> list[str]:
    req = OrderRequest(shop_id=1, customer_id=customer_id, channel=channel, customer_name="Siti", fulfilment=fulfilment,
                       payment_method=method, lines=tuple(Line(sku, q) for sku, q in lines),
                       zone_id="dalam-kota" if fulfilment == "delivery" else None,
                       address="Jl. Ijen 5, Klojen" if fulfilment == "delivery" else None)
    shop = demo_profile()
    codes = []
    for _ in range(n):
        codes.append(place_order(s, shop, req, now, window, actor=f"customer:{customer_id}").code)
        s.expunge_all()  # a session holding hundreds of orders makes every flush slower
    return codes


def act(sessions: sessionmaker[Session], code: str, action: Action, *, actor: str = "seller:1", now: datetime = NOW,
        **details: str | None) -> ActionResult:
    """A seller action in its own transaction, notices written to the outbox, as the engine would."""
    with unit_of_work(sessions) as s:
        result = perform(s, 1, demo_profile(), TZ, Request(code, action, actor, **details), now)
        outbox.write(s, 1, result.notices, now)
        s.commit()
    return result


def set_stock(sessions: sessionmaker[Session], sku: str, stock: int) -> None:
    with unit_of_work(sessions) as s:
        s.execute(update(Product).where(Product.sku == sku).values(stock=stock))
        s.commit()


def stock(sessions: sessionmaker[Session], sku: str = "KRP-TMP") -> int:
    with sessions() as s:
        return s.execute(select(Product.stock).where(Product.sku == sku)).scalar_one()


def order(sessions: sessionmaker[Session], code: str) -> Order:
    with sessions() as s:
        return s.execute(select(Order).where(Order.code == code)).scalar_one()


def events(sessions: sessionmaker[Session], code: str) -> list[tuple[str | None, str, str]]:
    with sessions() as s:
        rows = s.execute(select(OrderEvent.from_status, OrderEvent.to_status, OrderEvent.actor)
                         .join(Order, Order.id == OrderEvent.order_id).where(Order.code == code)
                         .order_by(OrderEvent.id)).all()
    return [tuple(r) for r in rows]


def proofs(sessions: sessionmaker[Session], code: str) -> list[PaymentProof]:
    with sessions() as s:
        return list(s.execute(select(PaymentProof).join(Order, Order.id == PaymentProof.order_id)
                              .where(Order.code == code).order_by(PaymentProof.id)).scalars())


def outbox_to(sessions: sessionmaker[Session], recipient: str) -> list[str]:
    with sessions() as s:
        return list(s.execute(select(OutboxMessage.payload).where(OutboxMessage.recipient == recipient)
                              .order_by(OutboxMessage.id)).scalars())


def texts_to(sessions: sessionmaker[Session], recipient: str) -> list[str]:
    return [p["text"] for p in outbox_to(sessions, recipient)]


def count(sessions: sessionmaker[Session], model: type) -> int:
    with sessions() as s:
        return s.scalar(select(func.count()).select_from(model)) or 0


def profile(sessions: sessionmaker[Session]) -> ShopProfile:
    with sessions() as s:
        shop = s.get(Shop, 1)
        return ShopProfile.model_validate({"name": shop.name, **shop.profile})


def run_together(*targets: Callable[[], object]) -> list[BaseException]:
    """Starts every target at the same instant on its own thread; returns what any of them raised."""
    barrier = threading.Barrier(len(targets))
    errors: list[BaseException] = []

    def go(fn: Callable[[], object]) -> None:
        barrier.wait()
        try:
            fn()
        except BaseException as exc:  # surfaced to the test; a thread must not swallow a failure
            errors.append(exc)

    threads = [threading.Thread(target=go, args=(t,)) for t in targets]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    return errors
