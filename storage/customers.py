"""customers: a shop's customers by phone, their name, their promo consent, and joining two
rows that turned out to be one person."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import Row, func, select, update
from sqlalchemy.orm import Session

from storage.models import Customer, Identity, Order


def add_customer(session: Session, shop_id: int, channel: str, external_id: str, profile_name: str | None,
                 phone: str | None, now: datetime) -> tuple[int, int]:
    customer = Customer(shop_id=shop_id, phone=phone, created_at=now)
    session.add(customer)
    session.flush()
    identity = Identity(shop_id=shop_id, channel=channel, external_id=external_id, customer_id=customer.id,
                        profile_name=profile_name, last_inbound_at=now, created_at=now)
    session.add(identity)
    session.flush()
    return identity.id, customer.id


def set_customer_name(session: Session, customer_id: int, name: str) -> None:
    session.execute(update(Customer).where(Customer.id == customer_id).values(name=name))


def fetch_customer_by_phone(session: Session, shop_id: int, phone: str) -> Row | None:
    """The first customer of the shop with this phone (the one others are merged into)."""
    return session.execute(select(Customer.id, Customer.name, Customer.phone)
                           .where(Customer.shop_id == shop_id, Customer.phone == phone)
                           .order_by(Customer.id).limit(1)).first()


def set_customer_phone(session: Session, customer_id: int, phone: str) -> None:
    session.execute(update(Customer).where(Customer.id == customer_id).values(phone=phone))


def move_customer(session: Session, shop_id: int, source: int, target: int) -> None:
    """Everything of `source` now belongs to `target`: identities, orders, a name target lacks."""
    session.execute(update(Identity).where(Identity.shop_id == shop_id, Identity.customer_id == source)
                    .values(customer_id=target).execution_options(synchronize_session=False))
    session.execute(update(Order).where(Order.shop_id == shop_id, Order.customer_id == source)
                    .values(customer_id=target).execution_options(synchronize_session=False))
    source_name = select(Customer.name).where(Customer.id == source).scalar_subquery()
    session.execute(update(Customer).where(Customer.id == target)
                    .values(name=func.coalesce(Customer.name, source_name)).execution_options(synchronize_session=False))


def fetch_customers(session: Session, ids: Sequence[int]) -> dict[int, Customer]:
    if not ids:
        return {}
    return {c.id: c for c in session.execute(select(Customer).where(Customer.id.in_(list(set(ids))))).scalars()}


def set_consent(session: Session, customer_id: int, consent: bool, now: datetime) -> None:
    session.execute(update(Customer).where(Customer.id == customer_id).values(
        promo_consent=consent, consent_asked_at=func.coalesce(Customer.consent_asked_at, now)))


def mark_consent_asked(session: Session, customer_id: int, now: datetime) -> bool:
    """True only the first time: the question is asked once, whoever gets here first."""
    result = session.execute(update(Customer).where(
        Customer.id == customer_id, Customer.consent_asked_at.is_(None), Customer.promo_consent.is_(None))
        .values(consent_asked_at=now))
    return result.rowcount == 1
