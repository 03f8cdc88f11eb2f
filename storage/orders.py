"""orders and order_items: placing, the compare-and-set moves of the lifecycle, the
customer's and the seller's lists, the recap figures, and the deadline sweeps' reads."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import and_, case, func, or_, select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from storage import daily_sales as daily_sales_db
from storage import products as products_db
from storage.models import Order, OrderEvent, OrderItem, Product


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


def fetch_orders(session: Session, shop_id: int, status: str | None = None, limit: int | None = None, *,
                 start: datetime | None = None, end: datetime | None = None) -> Sequence[Order]:
    """Newest first; `start`/`end` bound created_at to [start, end)."""
    stmt = select(Order).where(Order.shop_id == shop_id).order_by(Order.id.desc())
    if status:
        stmt = stmt.where(Order.status == status)
    if start is not None:
        stmt = stmt.where(Order.created_at >= start)
    if end is not None:
        stmt = stmt.where(Order.created_at < end)
    if limit:
        stmt = stmt.limit(limit)
    return session.execute(stmt).scalars().all()


def fetch_items(session: Session, order_ids: Sequence[int]) -> dict[int, list[OrderItem]]:
    out: dict[int, list[OrderItem]] = {i: [] for i in order_ids}
    if order_ids:
        for item in session.execute(select(OrderItem).where(OrderItem.order_id.in_(list(order_ids))).order_by(OrderItem.id)).scalars():
            out[item.order_id].append(item)
    return out


def fetch_order(session: Session, order_id: int) -> Order:
    """The row as committed now (not as this session first saw it)."""
    return session.execute(select(Order).where(Order.id == order_id)
                           .execution_options(populate_existing=True)).scalar_one()


def fetch_order_by_code(session: Session, shop_id: int, code: str, customer_id: int | None = None) -> Order | None:
    stmt = select(Order).where(Order.shop_id == shop_id, Order.code == code).execution_options(populate_existing=True)
    if customer_id is not None:
        stmt = stmt.where(Order.customer_id == customer_id)
    return session.execute(stmt).scalar_one_or_none()


def fetch_customer_orders(session: Session, shop_id: int, customer_id: int, statuses: Sequence[str],
                          limit: int = 20) -> Sequence[Order]:
    stmt = (select(Order).where(Order.shop_id == shop_id, Order.customer_id == customer_id,
                                Order.status.in_(list(statuses))).order_by(Order.id.desc()).limit(limit))
    return session.execute(stmt).scalars().all()


def mark_committed(order: Order, values: dict[str, Any]) -> Order:
    """Shows on the loaded row what compare_and_set wrote, without reading it back or dirtying it."""
    for key, value in values.items():
        set_committed_value(order, key, value)
    return order


def compare_and_set(session: Session, order_id: int, status: str, paid: bool, proof_pending: bool,
                    values: dict[str, Any]) -> bool:
    """Writes values only if the row still has the status and flags the rules looked at."""
    stmt = (update(Order)
            .where(Order.id == order_id, Order.status == status,
                   Order.paid_at.is_not(None) if paid else Order.paid_at.is_(None),
                   Order.proof_submitted_at.is_not(None) if proof_pending else Order.proof_submitted_at.is_(None))
            .values(**values).execution_options(synchronize_session=False))
    return session.execute(stmt).rowcount == 1


def release_stock(session: Session, order_id: int) -> None:
    """Puts an order's reserved units back, in product-id order like every stock writer."""
    items = session.execute(select(OrderItem.product_id, OrderItem.qty).where(OrderItem.order_id == order_id)
                            .order_by(OrderItem.product_id)).all()
    day = session.execute(select(Order.make_day).where(Order.id == order_id)).scalar_one_or_none()
    for item in items:
        products_db.return_stock(session, item.product_id, item.qty)
        if day is not None:  # a quota product's portions are free again for its day (no row: no quota)
            daily_sales_db.give_back(session, item.product_id, day, item.qty)


def taken_unique_codes(session: Session, shop_id: int) -> set[int]:
    """Codes held by the shop's open orders, quoted ones too (at most 999 small ints: ~2-4 ms when all are taken)."""
    stmt = select(Order.unique_code).where(Order.shop_id == shop_id, Order.status.in_(("pending_payment", "quoted")),
                                           Order.unique_code > 0)
    return set(session.execute(stmt).scalars())


def mark_proof_submitted(session: Session, order_id: int, now: datetime) -> bool:
    """Holds a still-unpaid order for review; False when it is no longer waiting for payment."""
    stmt = (update(Order).where(Order.id == order_id, Order.status == "pending_payment")
            .values(proof_submitted_at=now, updated_at=now).execution_options(synchronize_session=False))
    return session.execute(stmt).rowcount == 1


def fetch_overdue_ids(session: Session, now: datetime, limit: int) -> list[int]:
    """Unpaid prepaid orders past their deadline with no proof under review, oldest deadline first."""
    stmt = (select(Order.id).where(Order.status == "pending_payment", Order.pay_by.is_not(None), Order.pay_by <= now,
                                   Order.proof_submitted_at.is_(None), Order.payment_method != "cod")
            .order_by(Order.pay_by, Order.id).limit(limit))
    return list(session.execute(stmt).scalars())


def fetch_reminder_candidates(session: Session, now: datetime, horizon: datetime, limit: int) -> Sequence[Order]:
    stmt = (select(Order).where(Order.status == "pending_payment", Order.reminded_at.is_(None),
                                Order.proof_submitted_at.is_(None), Order.pay_by > now, Order.pay_by <= horizon)
            .order_by(Order.pay_by, Order.id).limit(limit))
    return session.execute(stmt).scalars().all()


def claim_reminder(session: Session, order_id: int, now: datetime) -> bool:
    """Takes the one reminder an order gets; a second process or a rerun finds it taken."""
    stmt = (update(Order).where(Order.id == order_id, Order.reminded_at.is_(None), Order.status == "pending_payment")
            .values(reminded_at=now).execution_options(synchronize_session=False))
    return session.execute(stmt).rowcount == 1


# A delivery fee the seller quotes: the order waits for the seller, then for the customer.
QUOTING = ("awaiting_quote", "quoted")


def fetch_quote_overdue_ids(session: Session, now: datetime, limit: int) -> list[int]:
    """Orders whose quote deadline passed while they waited for a fee or its acceptance."""
    stmt = (select(Order.id).where(Order.status.in_(QUOTING), Order.quote_by.is_not(None), Order.quote_by <= now)
            .order_by(Order.quote_by, Order.id).limit(limit))
    return list(session.execute(stmt).scalars())


def fetch_quote_reminders(session: Session, now: datetime, horizon: datetime, limit: int) -> Sequence[Order]:
    stmt = (select(Order).where(Order.status.in_(QUOTING), Order.quote_reminded_at.is_(None),
                                Order.quote_by > now, Order.quote_by <= horizon)
            .order_by(Order.quote_by, Order.id).limit(limit))
    return session.execute(stmt).scalars().all()


def claim_quote_reminder(session: Session, order_id: int, now: datetime) -> bool:
    """Takes the one reminder of this wait (a new quote gives the customer's wait its own)."""
    stmt = (update(Order).where(Order.id == order_id, Order.quote_reminded_at.is_(None), Order.status.in_(QUOTING))
            .values(quote_reminded_at=now).execution_options(synchronize_session=False))
    return session.execute(stmt).rowcount == 1


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
    is_unpaid = Order.status.in_(UNPAID + QUOTING)
    orders, revenue, unpaid_orders, unpaid_total = session.execute(select(
        func.count(Order.id), func.coalesce(func.sum(Order.total), 0),
        func.count(case((is_unpaid, 1))), func.coalesce(func.sum(case((is_unpaid, Order.total), else_=0)), 0),
    ).where(*live)).one()
    items = session.execute(select(func.coalesce(func.sum(OrderItem.qty), 0))
                            .join(Order, Order.id == OrderItem.order_id).where(*live)).scalar_one()
    return RecapRow(int(orders), int(items), int(revenue), int(unpaid_orders), int(unpaid_total))


# What is still to be made: orders neither ended nor already on their way.
TO_MAKE = ("pending_payment", "awaiting_quote", "quoted", "paid", "processing")


def fetch_batch(session: Session, shop_id: int, first: str, last: str | None) -> list[tuple[str, str, int]]:
    """(make_day, item name, units) of the shop's open orders made from `first` to `last`."""
    stmt = (select(Order.make_day, OrderItem.name, func.sum(OrderItem.qty))
            .join(OrderItem, OrderItem.order_id == Order.id)
            .where(Order.shop_id == shop_id, Order.status.in_(TO_MAKE), Order.make_day >= first)
            .group_by(Order.make_day, OrderItem.name).order_by(Order.make_day, OrderItem.name))
    if last is not None:
        stmt = stmt.where(Order.make_day <= last)
    return [(day, name, int(qty)) for day, name, qty in session.execute(stmt).all()]


def fetch_units_sold(session: Session, shop_id: int, skus: Sequence[str]) -> dict[str, int]:
    """Units of these products (by their sku now) in paid orders, a cancelled one's left out: what
    "yg paling laris" is ranked by. Products never sold are not in the answer."""
    if not skus:
        return {}
    stmt = (select(Product.sku, func.sum(OrderItem.qty))
            .join(OrderItem, OrderItem.product_id == Product.id)
            .join(Order, Order.id == OrderItem.order_id)
            .where(Product.shop_id == shop_id, Product.sku.in_(sorted(set(skus))), Order.paid_at.is_not(None),
                   Order.status != "cancelled")
            .group_by(Product.sku))
    return {sku: int(units) for sku, units in session.execute(stmt).all() if units}


def fetch_best_selling(session: Session, shop_id: int, limit: int, category_id: int | None = None) -> list[str]:
    """The visible rows' skus with the most units in paid orders (as fetch_units_sold counts them),
    most first: "yg paling laris" over a whole shop, without naming its every sku."""
    units = func.sum(OrderItem.qty)
    stmt = (select(Product.sku)
            .join(OrderItem, OrderItem.product_id == Product.id)
            .join(Order, Order.id == OrderItem.order_id)
            .where(Product.shop_id == shop_id, Product.visible.is_(True), Order.paid_at.is_not(None),
                   Order.status != "cancelled")
            .group_by(Product.sku).having(units > 0).order_by(units.desc(), Product.sku).limit(limit))
    if category_id is not None:
        stmt = stmt.where(Product.category_id == category_id)
    return list(session.execute(stmt).scalars())
