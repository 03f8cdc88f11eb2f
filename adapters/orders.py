"""Database-backed implementations of the read ports the conversations consult."""

from __future__ import annotations

from sqlalchemy.orm import Session

from conversations.ports import OrderSummary
from storage import orders as orders_db
from storage.models import Order


def summary_of(order: Order, items: list | None = None) -> OrderSummary:  # type: ignore[type-arg]
    return OrderSummary(order.code, order.status, order.total, order.created_at, order.payment_method, order.pay_by,
                        fulfilment=order.fulfilment, unique_code=order.unique_code, paid_at=order.paid_at,
                        proof_pending=order.proof_submitted_at is not None, courier=order.courier,
                        tracking_no=order.tracking_no, customer_name=order.customer_name,
                        lines=tuple((i.qty, i.name, i.line_total) for i in items or ()),
                        quote_by=order.quote_by, delivery_fee=order.delivery_fee, handle_at=order.handle_at,
                        deliver_on=order.deliver_on, items=tuple((i.sku, i.qty, i.name) for i in items or ()),
                        address=order.address)


class DbOrders:
    def __init__(self, session: Session, shop_id: int):
        self._session = session
        self._shop_id = shop_id

    def recent(self, customer_id: int, limit: int = 5) -> list[OrderSummary]:
        return [summary_of(o) for o in orders_db.fetch_recent_orders(self._session, self._shop_id, customer_id, limit)]

    def find(self, customer_id: int, code: str) -> OrderSummary | None:
        order = orders_db.fetch_order_by_code(self._session, self._shop_id, code, customer_id=customer_id)
        if order is None:
            return None
        return summary_of(order, orders_db.fetch_items(self._session, [order.id])[order.id])

    def awaiting_payment(self, customer_id: int) -> list[OrderSummary]:
        return [summary_of(o) for o in orders_db.fetch_customer_orders(self._session, self._shop_id, customer_id,
                                                                 ["pending_payment"])]
