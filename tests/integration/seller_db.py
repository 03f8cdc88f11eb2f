"""Database-side helpers for the seller tests: an engine with a movable clock, snapshots."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select

from bot.engine import Engine
from storage.models import OutboxMessage, Product, Seller, SellerChange, SellerInvite, Shop
from tests.support import NOW, EngineChat, seeded_engine


@dataclass
class Clock:
    now: datetime = NOW

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


def seller_engine(url: str) -> tuple[Engine, Any, Clock]:
    """The demo shop (seller `penjual`, the owner) on a real database, with a clock tests can move."""
    _, sessions = seeded_engine(url)
    clock = Clock()
    return Engine(sessions, window_minutes=180, clock=clock), sessions, clock


def product(sessions, sku: str) -> Product:
    with sessions() as s:
        return s.execute(select(Product).where(Product.sku == sku)).scalar_one()


def snapshot(sessions) -> tuple[Any, ...]:
    """Everything a seller command could change."""
    with sessions() as s:
        products = s.execute(select(Product.sku, Product.name, Product.price, Product.stock, Product.visible,
                                    Product.image_url, Product.low_stock_threshold).order_by(Product.sku)).all()
        sellers = s.execute(select(Seller.channel, Seller.external_id, Seller.role)).all()
        counts = [s.scalar(select(func.count()).select_from(t)) for t in (SellerChange, SellerInvite)]
        version = s.scalar(select(Shop.catalog_version))
    return products, sellers, counts, version


def notices_to(sessions, recipient: str) -> list[str]:
    with sessions() as s:
        rows = s.execute(select(OutboxMessage.payload).where(OutboxMessage.recipient == recipient,
                                                             OutboxMessage.status == "pending")
                         .order_by(OutboxMessage.id)).scalars().all()
    return [r["text"] for r in rows]


_chats = itertools.count(1)


def owner(engine: Engine) -> EngineChat:
    """The demo shop's owner; each call a fresh chat whose message ids do not repeat earlier ones."""
    chat = EngineChat(engine, "penjual")
    chat.n = next(_chats) * 1000
    return chat


def staff(sessions, engine: Engine, user: str = "budi-staf", name: str = "Budi") -> EngineChat:
    """A second seller of the demo shop, a staff member."""
    from shops.setup import add_seller

    with sessions() as s:
        add_seller(s, 1, "simulator", user, name, "staff")
        s.commit()
    chat = EngineChat(engine, user)
    chat.n = 500
    return chat
