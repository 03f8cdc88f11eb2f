"""The statements on the one path every message takes: dedupe, who is talking,
conversation load/save with a version check, and the outbox."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Row, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from storage.models import Conversation, Customer, Identity, InboundMessage, OutboxMessage, Seller, Shop, ShopChannel


class StaleConversation(Exception):
    """Someone else saved this conversation first; the whole message is retried."""


def _insert(session: Session, table: Any):  # type: ignore[no-untyped-def]
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    return dialect.insert(table)


def record_inbound(session: Session, shop_id: int, channel: str, message_id: str, sender: str, now: datetime) -> int | None:
    """Inserts the channel message id; None means it was seen before (a redelivery)."""
    stmt = (
        _insert(session, InboundMessage)
        .values(shop_id=shop_id, channel=channel, message_id=message_id, sender=sender, received_at=now)
        .on_conflict_do_nothing(index_elements=["shop_id", "channel", "message_id"])
        .returning(InboundMessage.id)
    )
    return session.execute(stmt).scalar_one_or_none()


def fetch_inbound_id(session: Session, shop_id: int, channel: str, message_id: str) -> int | None:
    return session.execute(select(InboundMessage.id).where(
        InboundMessage.shop_id == shop_id, InboundMessage.channel == channel,
        InboundMessage.message_id == message_id)).scalar_one_or_none()


def fetch_shops(session: Session) -> Sequence[Shop]:
    return session.execute(select(Shop).order_by(Shop.id)).scalars().all()


def fetch_shop_for_account(session: Session, channel: str, account: str) -> int | None:
    return session.execute(select(ShopChannel.shop_id).where(
        ShopChannel.channel == channel, ShopChannel.account == account)).scalar_one_or_none()


def fetch_seller(session: Session, shop_id: int, channel: str, external_id: str) -> Seller | None:
    return session.execute(select(Seller).where(
        Seller.shop_id == shop_id, Seller.channel == channel, Seller.external_id == external_id)).scalar_one_or_none()


def fetch_sellers(session: Session, shop_id: int) -> Sequence[Seller]:
    return session.execute(select(Seller).where(Seller.shop_id == shop_id).order_by(Seller.id)).scalars().all()


def fetch_identity(session: Session, shop_id: int, channel: str, external_id: str) -> Row | None:
    stmt = (select(Identity.id, Identity.customer_id, Identity.last_inbound_at, Identity.reachable,
                   Customer.name, Customer.phone)
            .join(Customer, Customer.id == Identity.customer_id)
            .where(Identity.shop_id == shop_id, Identity.channel == channel, Identity.external_id == external_id))
    return session.execute(stmt).one_or_none()


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


def touch_identity(session: Session, identity_id: int, now: datetime, last: datetime | None) -> None:
    """Records the inbound time (WhatsApp's 24-hour window), at most once a minute to spare writes."""
    if last is None or now - last > timedelta(seconds=60):
        session.execute(update(Identity).where(Identity.id == identity_id).values(last_inbound_at=now, reachable=True))


def set_customer_name(session: Session, customer_id: int, name: str) -> None:
    session.execute(update(Customer).where(Customer.id == customer_id).values(name=name))


def load_conversation(session: Session, shop_id: int, party: str) -> Row | None:
    return session.execute(select(Conversation.id, Conversation.state, Conversation.data, Conversation.version)
                           .where(Conversation.shop_id == shop_id, Conversation.party == party)).one_or_none()


def save_conversation(session: Session, shop_id: int, party: str, loaded: Row | None, state: str,
                      data: dict[str, Any], now: datetime) -> None:
    if loaded is None:
        session.add(Conversation(shop_id=shop_id, party=party, state=state, data=data, version=1, updated_at=now))
        session.flush()
        return
    if loaded.state == state and loaded.data == data:
        return
    result = session.execute(
        update(Conversation).where(Conversation.id == loaded.id, Conversation.version == loaded.version)
        .values(state=state, data=data, version=loaded.version + 1, updated_at=now))
    if result.rowcount != 1:
        raise StaleConversation(party)


def add_outbox(session: Session, rows: Sequence[dict[str, Any]]) -> list[int]:
    """Inserts outbox rows and returns their ids in order."""
    if not rows:
        return []
    result = session.execute(_insert(session, OutboxMessage).returning(OutboxMessage.id, sort_by_parameter_order=True), list(rows))
    return [r[0] for r in result]


def fetch_outbox_for_inbound(session: Session, inbound_id: int) -> Sequence[OutboxMessage]:
    return session.execute(select(OutboxMessage).where(OutboxMessage.inbound_id == inbound_id)
                           .order_by(OutboxMessage.id)).scalars().all()


def fetch_first_shop(session: Session) -> Shop | None:
    return session.execute(select(Shop).order_by(Shop.id).limit(1)).scalar_one_or_none()
