"""loyalty_rules and loyalty_redemptions: the shop's rule, a customer's stamps and rewards taken."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from storage.orders import VOID  # an order in these gave its reward's stamps back
from storage.models import Order
from storage.regular_models import LoyaltyRedemption, LoyaltyRule



def fetch_rule(session: Session, shop_id: int) -> LoyaltyRule | None:
    return session.execute(select(LoyaltyRule).where(LoyaltyRule.shop_id == shop_id, LoyaltyRule.active.is_(True))
                           ).scalar_one_or_none()


def save_rule(session: Session, shop_id: int, per_stamp: int, needed: int, reward: int, now: datetime) -> None:
    row = session.execute(select(LoyaltyRule).where(LoyaltyRule.shop_id == shop_id)).scalar_one_or_none()
    if row is None:
        session.add(LoyaltyRule(shop_id=shop_id, per_stamp=per_stamp, needed=needed, reward=reward, active=True,
                                updated_at=now))
    else:
        row.per_stamp, row.needed, row.reward, row.active, row.updated_at = per_stamp, needed, reward, True, now
    session.flush()


def stop_rule(session: Session, shop_id: int, now: datetime) -> bool:
    result = session.execute(update(LoyaltyRule).where(LoyaltyRule.shop_id == shop_id, LoyaltyRule.active.is_(True))
                             .values(active=False, updated_at=now).execution_options(synchronize_session=False))
    return result.rowcount == 1


def completed_spend(session: Session, shop_id: int, customer_id: int) -> Sequence[int]:
    """What each of the customer's completed orders cost in goods, after discounts."""
    return session.execute(select(Order.subtotal - Order.discount).where(
        Order.shop_id == shop_id, Order.customer_id == customer_id, Order.status == "completed")).scalars().all()


@dataclass(frozen=True)
class Taken:
    count: int  # rewards ever taken
    stamps: int  # stamps given for rewards on orders still standing


def taken(session: Session, shop_id: int, customer_id: int) -> Taken:
    mine = (LoyaltyRedemption.shop_id == shop_id, LoyaltyRedemption.customer_id == customer_id)
    count = session.execute(select(func.count()).select_from(LoyaltyRedemption).where(*mine)).scalar_one()
    stamps = session.execute(
        select(func.coalesce(func.sum(LoyaltyRedemption.stamps), 0))
        .outerjoin(Order, Order.id == LoyaltyRedemption.order_id)
        .where(*mine, or_(Order.id.is_(None), Order.status.not_in(VOID)))).scalar_one()
    return Taken(int(count), int(stamps))


def redeem(session: Session, shop_id: int, customer_id: int, seq: int, stamps: int, amount: int, now: datetime) -> bool:
    """Takes reward number `seq`; False when another order took it first (the unique key)."""
    savepoint = session.begin_nested()
    try:
        session.add(LoyaltyRedemption(shop_id=shop_id, customer_id=customer_id, seq=seq, stamps=stamps, amount=amount,
                                      created_at=now))
        session.flush()
    except IntegrityError:
        savepoint.rollback()
        return False
    savepoint.commit()
    return True


def attach_order(session: Session, shop_id: int, customer_id: int, seq: int, order_id: int) -> None:
    session.execute(update(LoyaltyRedemption).where(
        LoyaltyRedemption.shop_id == shop_id, LoyaltyRedemption.customer_id == customer_id, LoyaltyRedemption.seq == seq)
        .values(order_id=order_id).execution_options(synchronize_session=False))
