"""The handoffs behind Ctx.handoffs: a customer's open one (read once per message), the queue."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from conversations.ports import HandoffView
from storage import customers as customers_db
from storage import handoffs as handoffs_db
from storage import identities as identities_db



class DbHandoffs:
    def __init__(self, session: Session, shop_id: int):
        self._session, self._shop_id = session, shop_id
        self._active: dict[int, HandoffView | None] = {}

    def active(self, customer_id: int) -> HandoffView | None:
        if customer_id not in self._active:
            row = handoffs_db.fetch_active_brief(self._session, self._shop_id, customer_id)
            self._active[customer_id] = self._view(row, {}) if row is not None else None
        return self._active[customer_id]

    def queue(self) -> list[HandoffView]:
        rows = handoffs_db.fetch_queue(self._session, self._shop_id)
        names = {c.id: c.name or identities_db.fetch_profile_name(self._session, self._shop_id, c.id)
                 for c in customers_db.fetch_customers(self._session, [r.customer_id for r in rows]).values()}
        return [self._view(r, names) for r in rows]

    def _view(self, row: Any, names: dict[int, str | None]) -> HandoffView:
        return HandoffView(row.id, row.status, row.kind, names.get(row.customer_id) or row.address, row.question,
                           row.seller_id, row.order_code)
