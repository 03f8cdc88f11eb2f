"""The statements on the one path every message takes: dedupe, who is talking,
conversation load/save with a version check, and the outbox."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from storage.fastsql import Sql, from_db_json, from_db_time, to_db_json, to_db_time

from storage.models import Customer, Identity, InboundMessage, OutboxMessage, Seller, Shop, ShopChannel


class StaleConversation(Exception):
    """Someone else saved this conversation first; the whole message is retried."""


_RECORD_INBOUND_SQL = ("INSERT INTO inbound_messages (shop_id, channel, message_id, sender, received_at) "
                       "VALUES (:shop_id, :channel, :message_id, :sender, :now) "
                       "ON CONFLICT (shop_id, channel, message_id) DO NOTHING")
_RECORD_INBOUND = Sql(_RECORD_INBOUND_SQL, _RECORD_INBOUND_SQL + " RETURNING id")  # see Rows.inserted_id


def record_inbound(session: Session, shop_id: int, channel: str, message_id: str, sender: str, now: datetime) -> int | None:
    """Inserts the channel message id; None means it was seen before (a redelivery)."""
    return _RECORD_INBOUND(session, {"shop_id": shop_id, "channel": channel, "message_id": message_id,
                                     "sender": sender, "now": to_db_time(session, now)}).inserted_id()


@dataclass(frozen=True)
class Recorded:
    id: int
    replies: list[Any] | None  # an in-band channel's replies; None: they are outbox rows


def fetch_inbound(session: Session, shop_id: int, channel: str, message_id: str) -> Recorded | None:
    row = session.execute(select(InboundMessage.id, InboundMessage.replies).where(
        InboundMessage.shop_id == shop_id, InboundMessage.channel == channel,
        InboundMessage.message_id == message_id)).first()
    return Recorded(row.id, row.replies) if row is not None else None


_SET_REPLIES = Sql("UPDATE inbound_messages SET replies = :replies WHERE id = :id",
                   "UPDATE inbound_messages SET replies = CAST(:replies AS JSON) WHERE id = :id")


def set_inbound_replies(session: Session, inbound_id: int, payloads: list[dict[str, Any]]) -> None:
    """Keeps an in-band channel's replies on the message's own row (see fetch_inbound)."""
    _SET_REPLIES(session, {"id": inbound_id, "replies": to_db_json(payloads)})


def fetch_shop_for_account(session: Session, channel: str, account: str) -> int | None:
    return session.execute(select(ShopChannel.shop_id).where(
        ShopChannel.channel == channel, ShopChannel.account == account)).scalar_one_or_none()


def fetch_seller(session: Session, shop_id: int, channel: str, external_id: str) -> Seller | None:
    return session.execute(select(Seller).where(
        Seller.shop_id == shop_id, Seller.channel == channel, Seller.external_id == external_id)).scalar_one_or_none()


def fetch_sellers(session: Session, shop_id: int) -> Sequence[Seller]:
    return session.execute(select(Seller).where(Seller.shop_id == shop_id).order_by(Seller.id)).scalars().all()




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


_TOUCH_IDENTITY = Sql("UPDATE identities SET last_inbound_at = :now, reachable = :yes WHERE id = :id")


def touch_identity(session: Session, identity_id: int, now: datetime, last: datetime | None,
                   reachable: bool = True) -> None:
    """Records the inbound time (WhatsApp's 24-hour window), at most once a minute to spare writes:
    the stored time is then at most a minute early, so the window is judged closed a minute
    early, never late. Always written when a channel had marked the person unreachable."""
    if last is None or not reachable or now - last > timedelta(seconds=60):
        _TOUCH_IDENTITY(session, {"now": to_db_time(session, now), "yes": True, "id": identity_id})


def set_customer_name(session: Session, customer_id: int, name: str) -> None:
    session.execute(update(Customer).where(Customer.id == customer_id).values(name=name))


@dataclass(frozen=True)
class Loaded:
    """A conversation as read, with the version its save must still find."""

    id: int
    state: str
    data: dict[str, Any]
    version: int


@dataclass(frozen=True)
class Party:
    """Everything the one path needs to know about a known sender, read in one statement."""

    identity_id: int
    customer_id: int
    last_inbound_at: datetime | None
    name: str | None
    phone: str | None
    seller_id: int | None
    conversation: Loaded | None
    reachable: bool = True  # False once a channel refused free-form messages (WhatsApp's 24 hours)


_FETCH_PARTY = Sql(
    "SELECT i.id, i.customer_id, i.last_inbound_at, c.name, c.phone, s.id, cv.id, cv.state, cv.data, cv.version, "
    "i.reachable "
    "FROM identities i JOIN customers c ON c.id = i.customer_id "
    "LEFT JOIN sellers s ON s.shop_id = i.shop_id AND s.channel = i.channel AND s.external_id = i.external_id "
    "LEFT JOIN conversations cv ON cv.shop_id = i.shop_id AND cv.party = 'customer:' || i.customer_id "
    "WHERE i.shop_id = :shop_id AND i.channel = :channel AND i.external_id = :sender"
)


def fetch_party(session: Session, shop_id: int, channel: str, sender: str) -> Party | None:
    row = _FETCH_PARTY(session, {"shop_id": shop_id, "channel": channel, "sender": sender}).first()
    if row is None:
        return None
    conv = Loaded(row[6], row[7], from_db_json(row[8]) or {}, row[9]) if row[6] is not None else None
    return Party(row[0], row[1], from_db_time(row[2]), row[3], row[4], row[5], conv, bool(row[10]))


_LOAD_CONVERSATION = Sql("SELECT id, state, data, version FROM conversations WHERE shop_id = :shop_id AND party = :party")


def load_conversation(session: Session, shop_id: int, party: str) -> Loaded | None:
    row = _LOAD_CONVERSATION(session, {"shop_id": shop_id, "party": party}).first()
    return Loaded(row[0], row[1], from_db_json(row[2]) or {}, row[3]) if row else None


_INSERT_CONVERSATION = Sql(
    "INSERT INTO conversations (shop_id, party, state, data, version, updated_at) "
    "VALUES (:shop_id, :party, :state, :data, 1, :now)",
    "INSERT INTO conversations (shop_id, party, state, data, version, updated_at) "
    "VALUES (:shop_id, :party, :state, CAST(:data AS JSON), 1, :now)",
)
_UPDATE_CONVERSATION = Sql(
    "UPDATE conversations SET state = :state, data = :data, version = version + 1, updated_at = :now "
    "WHERE id = :id AND version = :version",
    "UPDATE conversations SET state = :state, data = CAST(:data AS JSON), version = version + 1, updated_at = :now "
    "WHERE id = :id AND version = :version",
)


def save_conversation(session: Session, shop_id: int, party: str, loaded: Loaded | None, state: str,
                      data: dict[str, Any], now: datetime) -> None:
    """Saves only if nobody saved since `loaded` was read; raises StaleConversation otherwise."""
    if loaded is not None and loaded.state == state and loaded.data == data:
        return
    params = {"state": state, "data": to_db_json(data), "now": to_db_time(session, now)}
    if loaded is None:
        try:
            with session.begin_nested():
                _INSERT_CONVERSATION(session, {**params, "shop_id": shop_id, "party": party})
        except IntegrityError as exc:  # a concurrent first message created it
            raise StaleConversation(party) from exc
        return
    if _UPDATE_CONVERSATION(session, {**params, "id": loaded.id, "version": loaded.version}).rowcount != 1:
        raise StaleConversation(party)


_ADD_OUTBOX = Sql(  # RETURNING on PostgreSQL only: Rows.inserted_id
    "INSERT INTO outbox (shop_id, channel, recipient, payload, status, inbound_id, attempts, next_attempt_at, "
    "created_at) VALUES (:shop_id, :channel, :recipient, :payload, :status, :inbound_id, 0, :now, :now)",
    "INSERT INTO outbox (shop_id, channel, recipient, payload, status, inbound_id, attempts, next_attempt_at, "
    "created_at) VALUES (:shop_id, :channel, :recipient, CAST(:payload AS JSON), :status, :inbound_id, 0, :now, "
    ":now) RETURNING id",
)


def add_outbox(session: Session, rows: Sequence[dict[str, Any]], now: datetime) -> list[int]:
    """Inserts outbox rows to deliver (shop_id, channel, recipient, payload, status, inbound_id) in
    order; returns their ids."""
    at = to_db_time(session, now)
    return [_ADD_OUTBOX(session, {"shop_id": r["shop_id"], "channel": r["channel"], "recipient": r["recipient"],
                                  "payload": to_db_json(r["payload"]), "status": r.get("status", "pending"),
                                  "inbound_id": r.get("inbound_id"), "now": at}).inserted_id()
            for r in rows]


def fetch_outbox_for_inbound(session: Session, inbound_id: int) -> Sequence[OutboxMessage]:
    return session.execute(select(OutboxMessage).where(OutboxMessage.inbound_id == inbound_id)
                           .order_by(OutboxMessage.id)).scalars().all()


def fetch_first_shop(session: Session) -> Shop | None:
    return session.execute(select(Shop).order_by(Shop.id).limit(1)).scalar_one_or_none()
