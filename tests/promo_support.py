"""Helpers for the promotion and broadcast tests: customers with channels, consent and orders
written straight to the database, and a recording channel sender."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from datetime import timedelta

from sqlalchemy import select

from bot.messages import Outbound
from storage.models import Customer, Identity, Order, OrderItem, Product
from tests.support import NOW

_codes = itertools.count(1)


def person(s, name: str, *, consent: bool | None = True, channels=("telegram",), orders=(), reachable=True,
           inbound_hours_ago: float = 1) -> int:
    """A customer with identities (`<channel>-<name>`) and orders given as (skus, days ago, status)."""
    c = Customer(shop_id=1, name=name, promo_consent=consent, created_at=NOW)
    s.add(c)
    s.flush()
    for channel in channels:
        s.add(Identity(shop_id=1, channel=channel, external_id=f"{channel}-{name}", customer_id=c.id, reachable=reachable,
                       last_inbound_at=NOW - timedelta(hours=inbound_hours_ago), created_at=NOW))
    for skus, days_ago, status in orders:
        at = NOW - timedelta(days=days_ago)
        order = Order(shop_id=1, code=f"T-{next(_codes)}", customer_id=c.id, channel=channels[0], status=status,
                      customer_name=name, fulfilment="pickup", payment_method="cod", subtotal=0, total=0,
                      created_at=at, updated_at=at)
        s.add(order)
        s.flush()
        for sku in skus:
            p = s.execute(select(Product).where(Product.sku == sku)).scalar_one()
            s.add(OrderItem(shop_id=1, order_id=order.id, product_id=p.id, sku=sku, name=p.name, qty=1,
                            unit_price=p.price, line_total=p.price))
    s.flush()
    return c.id



class RecordingSender:
    """A channel that keeps what it was asked to send; `fail` maps a recipient to errors to raise first."""

    def __init__(self, on_send: Callable[[int, Outbound], None] | None = None, fail: dict[str, list[Exception]] | None = None):
        self.sent: list[Outbound] = []
        self.on_send = on_send
        self.fail = fail or {}

    async def send(self, out: Outbound) -> str:
        if self.fail.get(out.recipient):
            raise self.fail[out.recipient].pop(0)
        self.sent.append(out)
        if self.on_send:
            self.on_send(len(self.sent), out)
        return f"m{len(self.sent)}"

    @property
    def recipients(self) -> list[str]:
        return [o.recipient for o in self.sent]


def seed_audience(sessions, count: int, first_chat: int = 10_001, channel: str = "telegram") -> list[int]:  # type: ignore[no-untyped-def]
    """`count` customers who said yes to promos, each with one identity (chat ids from `first_chat`)."""
    chats = list(range(first_chat, first_chat + count))
    with sessions() as s:
        start = (s.execute(select(Customer.id).order_by(Customer.id.desc()).limit(1)).scalar() or 0) + 1
        s.execute(Customer.__table__.insert(), [
            {"id": start + i, "shop_id": 1, "name": f"Pelanggan {i}", "promo_consent": True, "created_at": NOW}
            for i in range(count)])
        s.execute(Identity.__table__.insert(), [
            {"shop_id": 1, "channel": channel, "external_id": str(chat), "customer_id": start + i, "reachable": True,
             "last_inbound_at": NOW, "created_at": NOW} for i, chat in enumerate(chats)])
        s.commit()
    return chats
