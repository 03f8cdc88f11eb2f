"""Database-backed implementations of the read ports the conversations consult."""

from __future__ import annotations

from sqlalchemy.orm import Session

from conversations.base import OrderSummary
from storage import order_queries as oq


class DbOrders:
    def __init__(self, session: Session, shop_id: int):
        self._session = session
        self._shop_id = shop_id

    def recent(self, customer_id: int, limit: int = 5) -> list[OrderSummary]:
        return [OrderSummary(o.code, o.status, o.total, o.created_at, o.payment_method, o.pay_by)
                for o in oq.fetch_recent_orders(self._session, self._shop_id, customer_id, limit)]
