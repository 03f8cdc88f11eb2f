"""promo_redemptions: which order used which promo, for the per-customer limits."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Row, func, select
from sqlalchemy.orm import Session

from storage.promo_models import PromoRedemption


def customer_uses(session: Session, promo_ids: Sequence[int], customer_id: int) -> dict[int, int]:
    if not promo_ids:
        return {}
    stmt = (select(PromoRedemption.promotion_id, func.count()).where(
        PromoRedemption.promotion_id.in_(list(promo_ids)), PromoRedemption.customer_id == customer_id)
        .group_by(PromoRedemption.promotion_id))
    return {pid: n for pid, n in session.execute(stmt).all()}


def add_redemptions(session: Session, rows: Sequence[dict[str, Any]]) -> None:
    if rows:
        session.execute(PromoRedemption.__table__.insert(), list(rows))


def fetch_redemptions(session: Session, order_id: int) -> Sequence[Row]:
    return session.execute(select(PromoRedemption.promotion_id, PromoRedemption.amount)
                           .where(PromoRedemption.order_id == order_id).order_by(PromoRedemption.id)).all()
