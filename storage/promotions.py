"""Promotion rows, their redemptions, and customers' promo consent."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Row, false, func, or_, select, update
from sqlalchemy.orm import Session

from storage.models import Customer
from storage.promo_models import Promotion, PromoRedemption


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


def customer_uses(session: Session, promo_ids: Sequence[int], customer_id: int) -> dict[int, int]:
    if not promo_ids:
        return {}
    stmt = (select(PromoRedemption.promotion_id, func.count()).where(
        PromoRedemption.promotion_id.in_(list(promo_ids)), PromoRedemption.customer_id == customer_id)
        .group_by(PromoRedemption.promotion_id))
    return {pid: n for pid, n in session.execute(stmt).all()}


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


def add_redemptions(session: Session, rows: Sequence[dict[str, Any]]) -> None:
    if rows:
        session.execute(PromoRedemption.__table__.insert(), list(rows))


def fetch_redemptions(session: Session, order_id: int) -> Sequence[Row]:
    return session.execute(select(PromoRedemption.promotion_id, PromoRedemption.amount)
                           .where(PromoRedemption.order_id == order_id).order_by(PromoRedemption.id)).all()


def set_consent(session: Session, customer_id: int, consent: bool, now: datetime) -> None:
    session.execute(update(Customer).where(Customer.id == customer_id).values(
        promo_consent=consent, consent_asked_at=func.coalesce(Customer.consent_asked_at, now)))


def mark_consent_asked(session: Session, customer_id: int, now: datetime) -> bool:
    """True only the first time: the question is asked once, whoever gets here first."""
    result = session.execute(update(Customer).where(
        Customer.id == customer_id, Customer.consent_asked_at.is_(None), Customer.promo_consent.is_(None))
        .values(consent_asked_at=now))
    return result.rowcount == 1
