"""order_events: the audit trail of every move of an order (who, when, from, to)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.models import OrderEvent


def add_event(session: Session, shop_id: int, order_id: int, actor: str, from_status: str | None, to_status: str,
              note: str | None, now: datetime) -> None:
    session.add(OrderEvent(shop_id=shop_id, order_id=order_id, actor=actor[:60], from_status=from_status,
                           to_status=to_status, note=note, created_at=now))
    session.flush()


def fetch_events(session: Session, order_id: int) -> Sequence[OrderEvent]:
    return session.execute(select(OrderEvent).where(OrderEvent.order_id == order_id)
                           .order_by(OrderEvent.id)).scalars().all()
