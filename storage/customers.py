"""Customers by phone, and joining two customer rows that turned out to be one person."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Row, delete, func, select, update
from sqlalchemy.orm import Session

from storage.models import Conversation, Customer, Identity, Order


def fetch_customer_by_phone(session: Session, shop_id: int, phone: str) -> Row | None:
    """The first customer of the shop with this phone (the one others are merged into)."""
    return session.execute(select(Customer.id, Customer.name, Customer.phone)
                           .where(Customer.shop_id == shop_id, Customer.phone == phone)
                           .order_by(Customer.id).limit(1)).first()


def add_identity(session: Session, shop_id: int, channel: str, external_id: str, customer_id: int,
                 profile_name: str | None, now: datetime) -> int:
    identity = Identity(shop_id=shop_id, channel=channel, external_id=external_id, customer_id=customer_id,
                        profile_name=profile_name, last_inbound_at=now, created_at=now)
    session.add(identity)
    session.flush()
    return identity.id


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


def delete_conversation(session: Session, conversation_id: int, version: int) -> bool:
    """Deletes it unless someone saved it since it was loaded (then the caller redoes its step)."""
    result = session.execute(delete(Conversation).where(Conversation.id == conversation_id,
                                                        Conversation.version == version))
    return result.rowcount == 1
