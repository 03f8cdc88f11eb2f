"""Statements of the books: ledger entries in and out, and the sums the reports are made of."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Row, and_, case, func, insert, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session, aliased

from storage.ledger_models import LedgerEntry, ProductCost
from storage.models import Order, OrderItem, Product


_INSERT = insert(LedgerEntry.__table__)  # Core: a plain executemany, none of the ORM's bulk machinery


def add_entries(session: Session, rows: Sequence[dict[str, Any]]) -> None:
    """Several entries in one statement (an order's payment writes up to five); no ids wanted back."""
    if rows:
        session.execute(_INSERT, list(rows))


def order_balance(session: Session, order_id: int, kind: str) -> int:
    """The sum of an order's entries of one kind: what it still owes, for kind receivable."""
    return int(session.execute(select(func.coalesce(func.sum(LedgerEntry.amount), 0))
                               .where(LedgerEntry.order_id == order_id, LedgerEntry.kind == kind)).scalar_one())


def add_entry(session: Session, **fields: Any) -> LedgerEntry:
    entry = LedgerEntry(**fields)
    session.add(entry)
    session.flush()
    return entry


def fetch_entry(session: Session, shop_id: int, entry_id: int) -> LedgerEntry | None:
    return session.execute(select(LedgerEntry).where(LedgerEntry.shop_id == shop_id, LedgerEntry.id == entry_id)
                           ).scalar_one_or_none()


def fetch_order_entries(session: Session, order_id: int) -> Sequence[LedgerEntry]:
    return session.execute(select(LedgerEntry).where(LedgerEntry.order_id == order_id)
                           .order_by(LedgerEntry.id)).scalars().all()


def fetch_last_entries(session: Session, shop_id: int, kinds: Sequence[str], limit: int) -> Sequence[LedgerEntry]:
    """The newest entries a seller made (not reversals, not yet reversed), newest first."""
    undone = aliased(LedgerEntry)
    stmt = (select(LedgerEntry)
            .outerjoin(undone, undone.reverses_id == LedgerEntry.id)
            .where(LedgerEntry.shop_id == shop_id, LedgerEntry.kind.in_(list(kinds)),
                   LedgerEntry.reverses_id.is_(None), undone.id.is_(None))
            .order_by(LedgerEntry.id.desc()).limit(limit))
    return session.execute(stmt).scalars().all()


@dataclass(frozen=True)
class Sum:
    kind: str
    category: str
    reversal: bool
    amount: int


def sums_between(session: Session, shop_id: int, start: datetime | None, end: datetime) -> list[Sum]:
    """Entry totals by kind, category and whether they are reversals, for occurred_at in [start, end)."""
    is_reversal = LedgerEntry.reverses_id.is_not(None)
    stmt = (select(LedgerEntry.kind, LedgerEntry.category, is_reversal, func.sum(LedgerEntry.amount))
            .where(LedgerEntry.shop_id == shop_id, LedgerEntry.occurred_at < end)
            .group_by(LedgerEntry.kind, LedgerEntry.category, is_reversal))
    if start is not None:
        stmt = stmt.where(LedgerEntry.occurred_at >= start)
    return [Sum(k, c, bool(r), int(a or 0)) for k, c, r, a in session.execute(stmt).all()]


def open_receivables(session: Session, shop_id: int, end: datetime) -> tuple[int, int]:
    """(orders, Rupiah) still owed at `end`: orders whose receivable entries before it do not cancel out."""
    per_order = (select(LedgerEntry.order_id, func.sum(LedgerEntry.amount).label("owed"))
                 .where(LedgerEntry.shop_id == shop_id, LedgerEntry.kind == "receivable", LedgerEntry.occurred_at < end)
                 .group_by(LedgerEntry.order_id).subquery())
    count, owed = session.execute(select(func.count(), func.coalesce(func.sum(per_order.c.owed), 0))
                                  .where(per_order.c.owed != 0)).one()
    return int(count), int(owed)


def sales_by_channel(session: Session, shop_id: int, start: datetime, end: datetime) -> Sequence[Row]:
    """Per order channel: orders paid in the period, and net sales (goods less discount, refunds netted)."""
    net = LedgerEntry.category.in_(("barang", "diskon"))
    paid = and_(LedgerEntry.category == "barang", LedgerEntry.reverses_id.is_(None))
    stmt = (select(Order.channel,
                   func.count(func.distinct(case((paid, LedgerEntry.order_id)))),
                   func.coalesce(func.sum(case((net, LedgerEntry.amount), else_=0)), 0))
            .join(Order, Order.id == LedgerEntry.order_id)
            .where(LedgerEntry.shop_id == shop_id, LedgerEntry.kind == "sale",
                   LedgerEntry.occurred_at >= start, LedgerEntry.occurred_at < end)
            .group_by(Order.channel).order_by(Order.channel))
    return session.execute(stmt).all()


def top_products(session: Session, shop_id: int, start: datetime, end: datetime, limit: int) -> Sequence[Row]:
    """Items of the orders whose goods count as sold in the period (paid then, not refunded then),
    by value: name, sku, qty, line value."""
    sold = (select(LedgerEntry.order_id)
            .where(LedgerEntry.shop_id == shop_id, LedgerEntry.kind == "sale", LedgerEntry.category == "barang",
                   LedgerEntry.occurred_at >= start, LedgerEntry.occurred_at < end)
            .group_by(LedgerEntry.order_id).having(func.sum(LedgerEntry.amount) > 0))
    value = func.sum(OrderItem.line_total)
    stmt = (select(OrderItem.name, OrderItem.sku, func.sum(OrderItem.qty), value)
            .where(OrderItem.order_id.in_(sold))
            .group_by(OrderItem.sku, OrderItem.name).order_by(value.desc(), OrderItem.name).limit(limit))
    return session.execute(stmt).all()


def sale_moments(session: Session, shop_id: int, start: datetime, end: datetime) -> Sequence[Row]:
    """(occurred_at, amount) of the net-sales entries in the period, for per-day figures."""
    stmt = (select(LedgerEntry.occurred_at, LedgerEntry.amount)
            .where(LedgerEntry.shop_id == shop_id, LedgerEntry.kind == "sale",
                   LedgerEntry.category.in_(("barang", "diskon")),
                   LedgerEntry.occurred_at >= start, LedgerEntry.occurred_at < end)
            .order_by(LedgerEntry.occurred_at))
    return session.execute(stmt).all()


def orders_by_status(session: Session, shop_id: int, start: datetime, end: datetime) -> Sequence[Row]:
    """Orders created in the period by their status now: status, count, total."""
    stmt = (select(Order.status, func.count(Order.id), func.coalesce(func.sum(Order.total), 0))
            .where(Order.shop_id == shop_id, Order.created_at >= start, Order.created_at < end)
            .group_by(Order.status).order_by(Order.status))
    return session.execute(stmt).all()


def stock_at_cost(session: Session, shop_id: int) -> tuple[int | None, int]:
    """(value of today's stock at cost over the products that have a cost or None when none has,
    how many products in stock have no cost)."""
    priced = session.execute(select(func.count(ProductCost.id), func.coalesce(func.sum(Product.stock * ProductCost.cost), 0))
                             .join(Product, Product.id == ProductCost.product_id)
                             .where(Product.shop_id == shop_id)).one()
    unknown = session.execute(select(func.count(Product.id))
                              .outerjoin(ProductCost, ProductCost.product_id == Product.id)
                              .where(Product.shop_id == shop_id, Product.stock > 0, ProductCost.id.is_(None))
                              ).scalar_one()
    return (int(priced[1]) if priced[0] else None), int(unknown)


def set_product_cost(session: Session, shop_id: int, product_id: int, cost: int, actor: str, now: datetime) -> None:
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    stmt = dialect.insert(ProductCost).values(shop_id=shop_id, product_id=product_id, cost=cost,
                                              updated_by=actor[:60], updated_at=now)
    session.execute(stmt.on_conflict_do_update(index_elements=["product_id"],
                                               set_={"cost": cost, "updated_by": actor[:60], "updated_at": now}))
