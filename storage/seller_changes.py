"""seller_changes: the audit trail of what sellers changed by chat (who, when, before, after)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.fastsql import Sql, to_db_json, to_db_time
from storage.models import SellerChange


_ADD_CHANGE = Sql(
    "INSERT INTO seller_changes (shop_id, seller_id, actor, action, product_id, subject, before, after, created_at) "
    "VALUES (:shop_id, :seller_id, :actor, :action, :product_id, :subject, :before, :after, :now)",
    "INSERT INTO seller_changes (shop_id, seller_id, actor, action, product_id, subject, before, after, created_at) "
    "VALUES (:shop_id, :seller_id, :actor, :action, :product_id, :subject, CAST(:before AS JSON), "
    "CAST(:after AS JSON), :now)",
)


def add_change(session: Session, shop_id: int, seller_id: int, actor: str, action: str, subject: str,
               before: dict[str, Any] | None, after: dict[str, Any] | None, now: datetime,
               product_id: int | None = None) -> None:
    _ADD_CHANGE(session, {"shop_id": shop_id, "seller_id": seller_id, "actor": actor, "action": action,
                          "product_id": product_id, "subject": subject, "before": _json(before),
                          "after": _json(after), "now": to_db_time(session, now)})


def _json(value: dict[str, Any] | None) -> str | None:
    return None if value is None else to_db_json(value)


def fetch_changes(session: Session, shop_id: int) -> Sequence[SellerChange]:
    return session.execute(select(SellerChange).where(SellerChange.shop_id == shop_id)
                           .order_by(SellerChange.id)).scalars().all()
