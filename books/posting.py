"""The ledger entries an order's moves write, in the same transaction as the move.

    placed                    -> receivable +total (a quoted delivery fee: when the customer
                                 accepts the quoted total, not when placed: until then
                                 nothing is owed)
    paid (transfer/QRIS confirmed, COD cash collected)
                              -> receivable -owed, and the sale in its four parts:
                                 barang +subtotal, diskon -discount, ongkir +fee, kode_unik +code
    cancelled/expired unpaid  -> the receivable reversed
    cancelled after payment   -> every sale entry reversed (the money goes back: a refund)

orders.placing and orders.lifecycle call these right after the order row changes; the
lifecycle's compare-and-set lets exactly one move win, so each posting happens once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from books.accounts import Category, Kind
from storage import ledger as lg
from storage.models import Order


@dataclass(frozen=True)
class Draft:
    kind: Kind
    category: Category
    amount: int
    reverses_id: int | None = None


def sale_parts(subtotal: int, discount: int, delivery_fee: int, unique_code: int) -> list[Draft]:
    """An order's total in its four parts, leaving out the parts that are zero."""
    parts = ((Category.GOODS, subtotal), (Category.DISCOUNT, -discount),
             (Category.DELIVERY, delivery_fee), (Category.UNIQUE_CODE, unique_code))
    return [Draft(Kind.SALE, category, amount) for category, amount in parts if amount]


def on_placed(order: Order) -> list[Draft]:
    return [Draft(Kind.RECEIVABLE, Category.ORDER, order.total)] if order.total else []


def on_paid(order: Order, owed: int) -> list[Draft]:
    cleared = [Draft(Kind.RECEIVABLE, Category.ORDER, -owed)] if owed else []
    return cleared + sale_parts(order.subtotal, order.discount, order.delivery_fee, order.unique_code)


def reversals(entries: list[Any], kind: Kind) -> list[Draft]:
    """Negates every entry of `kind` not yet reversed, each linked to the entry it undoes."""
    undone = {e.reverses_id for e in entries if e.reverses_id is not None}
    return [Draft(kind, Category(e.category), -e.amount, e.id) for e in entries
            if e.kind == kind and e.reverses_id is None and e.id not in undone]


def _write(session: Session, order: Order, drafts: list[Draft], actor: str, now: datetime) -> None:
    lg.add_entries(session, [
        {"shop_id": order.shop_id, "kind": d.kind.value, "category": d.category.value, "amount": d.amount,
         "occurred_at": now, "note": order.code, "order_id": order.id, "created_by": actor[:60],
         "receipt_ref": None, "reverses_id": d.reverses_id, "created_at": now}
        for d in drafts])


def post_placed(session: Session, order: Order, actor: str, now: datetime) -> None:
    if order.status == "awaiting_quote":  # owed only once the customer accepts the quoted fee
        return
    _write(session, order, on_placed(order), actor, now)


def post_move(session: Session, order: Order, *, paid_now: bool, voided: bool, was_paid: bool,
              actor: str, now: datetime, opened: bool = False) -> None:
    """What one lifecycle move means for the books; moves that neither open, pay nor void write nothing.
    `opened`: the customer accepted a quoted total, which is owed from now."""
    if opened:
        _write(session, order, on_placed(order), actor, now)
    elif paid_now:
        _write(session, order, on_paid(order, lg.order_balance(session, order.id, Kind.RECEIVABLE)), actor, now)
    elif voided:
        entries = list(lg.fetch_order_entries(session, order.id))
        _write(session, order, reversals(entries, Kind.SALE if was_paid else Kind.RECEIVABLE), actor, now)
