"""Reads for the seller's order lists and recaps, and the row that marks a day's recap sent."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Row, and_, case, func, or_, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from storage.models import Order, OrderItem, Product, RecapSent, Shop

# Orders that did not happen: left out of every figure.
VOID = ("cancelled", "expired")
UNPAID = ("pending_payment",)
# Paid and not yet sent; cash-on-delivery orders are sent before they are paid.
TO_SHIP = ("paid", "processing")


@dataclass(frozen=True)
class RecapRow:
    orders: int
    items: int
    revenue: int
    unpaid_orders: int
    unpaid_total: int


def fetch_orders_between(session: Session, shop_id: int, start: datetime, end: datetime,
                         limit: int) -> Sequence[Order]:
    stmt = (select(Order).where(Order.shop_id == shop_id, Order.created_at >= start, Order.created_at < end)
            .order_by(Order.id.desc()).limit(limit))
    return session.execute(stmt).scalars().all()


def fetch_unpaid_orders(session: Session, shop_id: int, limit: int) -> Sequence[Order]:
    stmt = (select(Order).where(Order.shop_id == shop_id, Order.status.in_(UNPAID), Order.payment_method != "cod")
            .order_by(Order.id).limit(limit))
    return session.execute(stmt).scalars().all()


def fetch_orders_to_ship(session: Session, shop_id: int, limit: int) -> Sequence[Order]:
    cod_waiting = and_(Order.payment_method == "cod", Order.status.in_(UNPAID))
    stmt = (select(Order).where(Order.shop_id == shop_id, or_(Order.status.in_(TO_SHIP), cod_waiting))
            .order_by(Order.id).limit(limit))
    return session.execute(stmt).scalars().all()


def recap_between(session: Session, shop_id: int, start: datetime, end: datetime) -> RecapRow:
    """Orders created in [start, end) that happened: count, items, value, and how many are unpaid."""
    live = (Order.shop_id == shop_id, Order.created_at >= start, Order.created_at < end, Order.status.not_in(VOID))
    is_unpaid = Order.status.in_(UNPAID)
    orders, revenue, unpaid_orders, unpaid_total = session.execute(select(
        func.count(Order.id), func.coalesce(func.sum(Order.total), 0),
        func.count(case((is_unpaid, 1))), func.coalesce(func.sum(case((is_unpaid, Order.total), else_=0)), 0),
    ).where(*live)).one()
    items = session.execute(select(func.coalesce(func.sum(OrderItem.qty), 0))
                            .join(Order, Order.id == OrderItem.order_id).where(*live)).scalar_one()
    return RecapRow(int(orders), int(items), int(revenue), int(unpaid_orders), int(unpaid_total))


def fetch_low_stock(session: Session, shop_id: int) -> Sequence[Row]:
    """Visible products at or under their own low-stock threshold, emptiest first."""
    stmt = (select(Product.id, Product.name, Product.stock, Product.low_stock_threshold)
            .where(Product.shop_id == shop_id, Product.visible.is_(True), Product.stock <= Product.low_stock_threshold)
            .order_by(Product.stock, Product.name))
    return session.execute(stmt).all()


def fetch_shop_rows(session: Session) -> Sequence[Row]:
    return session.execute(select(Shop.id, Shop.name, Shop.profile).order_by(Shop.id)).all()


def claim_recap_day(session: Session, shop_id: int, day: str, now: datetime) -> bool:
    """Records that `day`'s recap goes out now; False when it already went (another process, a restart)."""
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    stmt = (dialect.insert(RecapSent).values(shop_id=shop_id, day=day, sent_at=now)
            .on_conflict_do_nothing(index_elements=["shop_id", "day"]).returning(RecapSent.id))
    return session.execute(stmt).scalar_one_or_none() is not None
