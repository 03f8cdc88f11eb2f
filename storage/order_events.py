"""Statements of the order lifecycle and payments: compare-and-set moves, the audit trail,
stock going back, transfer codes, proofs, and the deadline sweeps."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from storage import catalog_queries as cq
from storage.models import Identity, Order, OrderEvent, OrderItem, PaymentProof, Shop


def fetch_order(session: Session, order_id: int) -> Order:
    """The row as committed now (not as this session first saw it)."""
    return session.execute(select(Order).where(Order.id == order_id)
                           .execution_options(populate_existing=True)).scalar_one()


def fetch_order_by_code(session: Session, shop_id: int, code: str, customer_id: int | None = None) -> Order | None:
    stmt = select(Order).where(Order.shop_id == shop_id, Order.code == code).execution_options(populate_existing=True)
    if customer_id is not None:
        stmt = stmt.where(Order.customer_id == customer_id)
    return session.execute(stmt).scalar_one_or_none()


def fetch_customer_orders(session: Session, shop_id: int, customer_id: int, statuses: Sequence[str],
                          limit: int = 20) -> Sequence[Order]:
    stmt = (select(Order).where(Order.shop_id == shop_id, Order.customer_id == customer_id,
                                Order.status.in_(list(statuses))).order_by(Order.id.desc()).limit(limit))
    return session.execute(stmt).scalars().all()


def mark_committed(order: Order, values: dict[str, Any]) -> Order:
    """Shows on the loaded row what compare_and_set wrote, without reading it back or dirtying it."""
    for key, value in values.items():
        set_committed_value(order, key, value)
    return order


def compare_and_set(session: Session, order_id: int, status: str, paid: bool, proof_pending: bool,
                    values: dict[str, Any]) -> bool:
    """Writes values only if the row still has the status and flags the rules looked at."""
    stmt = (update(Order)
            .where(Order.id == order_id, Order.status == status,
                   Order.paid_at.is_not(None) if paid else Order.paid_at.is_(None),
                   Order.proof_submitted_at.is_not(None) if proof_pending else Order.proof_submitted_at.is_(None))
            .values(**values).execution_options(synchronize_session=False))
    return session.execute(stmt).rowcount == 1


def add_event(session: Session, shop_id: int, order_id: int, actor: str, from_status: str | None, to_status: str,
              note: str | None, now: datetime) -> None:
    session.add(OrderEvent(shop_id=shop_id, order_id=order_id, actor=actor[:60], from_status=from_status,
                           to_status=to_status, note=note, created_at=now))
    session.flush()


def fetch_events(session: Session, order_id: int) -> Sequence[OrderEvent]:
    return session.execute(select(OrderEvent).where(OrderEvent.order_id == order_id)
                           .order_by(OrderEvent.id)).scalars().all()


def release_stock(session: Session, order_id: int) -> None:
    """Puts an order's reserved units back, in product-id order like every stock writer."""
    items = session.execute(select(OrderItem.product_id, OrderItem.qty).where(OrderItem.order_id == order_id)
                            .order_by(OrderItem.product_id)).all()
    for item in items:
        cq.return_stock(session, item.product_id, item.qty)


def taken_unique_codes(session: Session, shop_id: int) -> set[int]:
    """Codes held by the shop's open orders (at most 999 small ints: ~2-4 ms when all are taken)."""
    stmt = select(Order.unique_code).where(Order.shop_id == shop_id, Order.status == "pending_payment",
                                           Order.unique_code > 0)
    return set(session.execute(stmt).scalars())


def mark_proof_submitted(session: Session, order_id: int, now: datetime) -> bool:
    """Holds a still-unpaid order for review; False when it is no longer waiting for payment."""
    stmt = (update(Order).where(Order.id == order_id, Order.status == "pending_payment")
            .values(proof_submitted_at=now, updated_at=now).execution_options(synchronize_session=False))
    return session.execute(stmt).rowcount == 1


def add_proof(session: Session, shop_id: int, order_id: int, customer_id: int, media_ref: str | None,
              content_type: str | None, text: str | None, status: str, now: datetime) -> PaymentProof:
    proof = PaymentProof(shop_id=shop_id, order_id=order_id, customer_id=customer_id, media_ref=media_ref,
                         content_type=content_type, text=text, status=status, created_at=now)
    session.add(proof)
    session.flush()
    return proof


def fetch_proofs(session: Session, order_id: int) -> Sequence[PaymentProof]:
    return session.execute(select(PaymentProof).where(PaymentProof.order_id == order_id)
                           .order_by(PaymentProof.id)).scalars().all()


def review_proofs(session: Session, order_id: int, status: str, reason: str | None, actor: str, now: datetime) -> None:
    session.execute(update(PaymentProof)
                    .where(PaymentProof.order_id == order_id, PaymentProof.status == "submitted")
                    .values(status=status, reason=reason, reviewed_by=actor[:60], reviewed_at=now)
                    .execution_options(synchronize_session=False))


def fetch_overdue_ids(session: Session, now: datetime, limit: int) -> list[int]:
    """Unpaid prepaid orders past their deadline with no proof under review, oldest deadline first."""
    stmt = (select(Order.id).where(Order.status == "pending_payment", Order.pay_by.is_not(None), Order.pay_by <= now,
                                   Order.proof_submitted_at.is_(None), Order.payment_method != "cod")
            .order_by(Order.pay_by, Order.id).limit(limit))
    return list(session.execute(stmt).scalars())


def fetch_reminder_candidates(session: Session, now: datetime, horizon: datetime, limit: int) -> Sequence[Order]:
    stmt = (select(Order).where(Order.status == "pending_payment", Order.reminded_at.is_(None),
                                Order.proof_submitted_at.is_(None), Order.pay_by > now, Order.pay_by <= horizon)
            .order_by(Order.pay_by, Order.id).limit(limit))
    return session.execute(stmt).scalars().all()


def claim_reminder(session: Session, order_id: int, now: datetime) -> bool:
    """Takes the one reminder an order gets; a second process or a rerun finds it taken."""
    stmt = (update(Order).where(Order.id == order_id, Order.reminded_at.is_(None), Order.status == "pending_payment")
            .values(reminded_at=now).execution_options(synchronize_session=False))
    return session.execute(stmt).rowcount == 1


def fetch_customer_address(session: Session, shop_id: int, customer_id: int, channel: str) -> str | None:
    """The customer's id on the channel the order came from, where notices about it go."""
    stmt = select(Identity.external_id).where(Identity.shop_id == shop_id, Identity.customer_id == customer_id,
                                              Identity.channel == channel).order_by(Identity.id).limit(1)
    return session.execute(stmt).scalar_one_or_none()


def fetch_shop(session: Session, shop_id: int) -> Shop:
    return session.execute(select(Shop).where(Shop.id == shop_id)).scalar_one()
