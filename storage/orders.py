"""Order rows: numbering, inserts, and the reads the CLI and conversations need."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from storage.models import Customer, Order, OrderEvent, OrderItem, Shop


def next_order_number(session: Session, shop_id: int) -> int:
    """Atomically takes the shop's next order number (the row lock orders concurrent takers)."""
    return session.execute(
        update(Shop).where(Shop.id == shop_id).values(order_seq=Shop.order_seq + 1).returning(Shop.order_seq)
    ).scalar_one()


def add_order(session: Session, order: Order, items: Sequence[OrderItem], actor: str, now: datetime) -> Order:
    session.add(order)
    session.flush()
    for item in items:
        item.order_id = order.id
        item.shop_id = order.shop_id
    session.add_all(items)
    session.add(OrderEvent(shop_id=order.shop_id, order_id=order.id, actor=actor, from_status=None,
                           to_status=order.status, created_at=now))
    session.flush()
    return order


def fetch_recent_orders(session: Session, shop_id: int, customer_id: int, limit: int) -> Sequence[Order]:
    stmt = (select(Order).where(Order.shop_id == shop_id, Order.customer_id == customer_id)
            .order_by(Order.id.desc()).limit(limit))
    return session.execute(stmt).scalars().all()


def fetch_orders(session: Session, shop_id: int, status: str | None = None, limit: int | None = None) -> Sequence[Order]:
    stmt = select(Order).where(Order.shop_id == shop_id).order_by(Order.id.desc())
    if status:
        stmt = stmt.where(Order.status == status)
    if limit:
        stmt = stmt.limit(limit)
    return session.execute(stmt).scalars().all()


def fetch_items(session: Session, order_ids: Sequence[int]) -> dict[int, list[OrderItem]]:
    out: dict[int, list[OrderItem]] = {i: [] for i in order_ids}
    if order_ids:
        for item in session.execute(select(OrderItem).where(OrderItem.order_id.in_(list(order_ids))).order_by(OrderItem.id)).scalars():
            out[item.order_id].append(item)
    return out


def fetch_customers(session: Session, ids: Sequence[int]) -> dict[int, Customer]:
    if not ids:
        return {}
    return {c.id: c for c in session.execute(select(Customer).where(Customer.id.in_(list(set(ids))))).scalars()}
