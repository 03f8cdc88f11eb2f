"""promotions: discount rules, found by code, and their total uses taken atomically."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import false, or_, select, update
from sqlalchemy.orm import Session

from storage.promo_models import Promotion


def add_promotion(session: Session, shop_id: int, fields: dict[str, Any], now: datetime) -> Promotion:
    promo = Promotion(shop_id=shop_id, created_at=now, uses=0, active=True, **fields)
    session.add(promo)
    session.flush()
    return promo


def fetch_promotions(session: Session, shop_id: int, *, active_only: bool = False) -> Sequence[Promotion]:
    stmt = select(Promotion).where(Promotion.shop_id == shop_id).order_by(Promotion.id)
    if active_only:
        stmt = stmt.where(Promotion.active.is_(True))
    return session.execute(stmt).scalars().all()


def fetch_offers(session: Session, shop_id: int, codes: Sequence[str], now: datetime) -> Sequence[Promotion]:
    """Active promos in their period that are automatic or carry one of `codes`."""
    code_match = Promotion.code.in_(list(codes)) if codes else false()
    stmt = (select(Promotion).where(
        Promotion.shop_id == shop_id, Promotion.active.is_(True),
        or_(Promotion.code.is_(None), code_match),
        or_(Promotion.starts_at.is_(None), Promotion.starts_at <= now),
        or_(Promotion.ends_at.is_(None), Promotion.ends_at > now)).order_by(Promotion.id))
    return session.execute(stmt).scalars().all()


def fetch_promotion(session: Session, shop_id: int, promo_id: int) -> Promotion | None:
    return session.execute(select(Promotion).where(Promotion.shop_id == shop_id, Promotion.id == promo_id)).scalar_one_or_none()


def fetch_by_code(session: Session, shop_id: int, code: str) -> Promotion | None:
    return session.execute(select(Promotion).where(Promotion.shop_id == shop_id, Promotion.code == code)).scalar_one_or_none()


def deactivate(session: Session, shop_id: int, promo_id: int) -> bool:
    result = session.execute(update(Promotion).where(Promotion.shop_id == shop_id, Promotion.id == promo_id,
                                                     Promotion.active.is_(True)).values(active=False))
    return result.rowcount == 1


def take_use(session: Session, promo_id: int) -> bool:
    """Counts one use if the total limit allows it. The row lock this UPDATE takes also
    serialises concurrent orders on the same promo, so a per-customer count read after it
    (a fresh statement, so a fresh snapshot) sees every committed redemption."""
    result = session.execute(
        update(Promotion)
        .where(Promotion.id == promo_id, Promotion.active.is_(True),
               or_(Promotion.max_uses.is_(None), Promotion.uses < Promotion.max_uses))
        .values(uses=Promotion.uses + 1)
        .execution_options(synchronize_session=False))
    return result.rowcount == 1
