"""identities: a person's address on a channel, joined to their customer. The one-statement
read of who is talking (fetch_party), when they last wrote (WhatsApp's 24-hour window) and
whether a channel still takes messages for them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from storage.conversations import Loaded
from storage.fastsql import Sql, from_db_json, from_db_time, to_db_time
from storage.models import Identity


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


_TOUCH_IDENTITY = Sql("UPDATE identities SET last_inbound_at = :now, reachable = :yes WHERE id = :id")


def touch_identity(session: Session, identity_id: int, now: datetime, last: datetime | None,
                   reachable: bool = True) -> None:
    """Records the inbound time (WhatsApp's 24-hour window), at most once a minute to spare writes:
    the stored time is then at most a minute early, so the window is judged closed a minute
    early, never late. Always written when a channel had marked the person unreachable."""
    if last is None or not reachable or now - last > timedelta(seconds=60):
        _TOUCH_IDENTITY(session, {"now": to_db_time(session, now), "yes": True, "id": identity_id})


def add_identity(session: Session, shop_id: int, channel: str, external_id: str, customer_id: int,
                 profile_name: str | None, now: datetime) -> int:
    identity = Identity(shop_id=shop_id, channel=channel, external_id=external_id, customer_id=customer_id,
                        profile_name=profile_name, last_inbound_at=now, created_at=now)
    session.add(identity)
    session.flush()
    return identity.id


def set_reachable(session: Session, shop_id: int, channel: str, external_id: str, reachable: bool) -> int:
    """Marks an address (un)reachable, e.g. a Telegram user who blocked the bot; returns rows changed."""
    result = session.execute(update(Identity).where(
        Identity.shop_id == shop_id, Identity.channel == channel, Identity.external_id == external_id,
        Identity.reachable != reachable).values(reachable=reachable))
    return result.rowcount


@dataclass(frozen=True)
class WindowRow:
    last_inbound_at: datetime | None
    reachable: bool
    shop_id: int
    name: str
    profile: dict[str, Any]


# Plain SQL (storage.fastsql): the WhatsApp sender reads it for most people it writes to, and
# the ORM statement cost several times the read (docs/PERFORMANCE.md, branch `cpu`).
_WINDOW = ("SELECT i.last_inbound_at, i.reachable, s.id, s.name, s.profile FROM identities i "
           "JOIN shops s ON s.id = i.shop_id WHERE i.channel = :channel AND i.external_id = :external_id ")
_WINDOW_ANY = Sql(_WINDOW + "ORDER BY i.last_inbound_at DESC LIMIT 1")
_WINDOW_IN_SHOP = Sql(_WINDOW + "AND i.shop_id = :shop_id ORDER BY i.last_inbound_at DESC LIMIT 1")


def fetch_window(session: Session, channel: str, external_id: str, shop_id: int | None = None) -> WindowRow | None:
    """The person's latest identity on this channel (with one shop's number: in that shop): when they
    last wrote, whether we may write, and its shop."""
    params: dict[str, Any] = {"channel": channel, "external_id": external_id}
    if shop_id is not None:
        params["shop_id"] = shop_id
    row = (_WINDOW_IN_SHOP if shop_id is not None else _WINDOW_ANY)(session, params).first()
    if row is None:
        return None
    return WindowRow(from_db_time(row[0]), bool(row[1]), row[2], row[3], from_db_json(row[4]) or {})


def close_window(session: Session, channel: str, external_id: str, shop_id: int | None = None) -> None:
    """The channel will not take free-form messages for this person (from one shop's number) until they write again."""
    stmt = update(Identity).where(Identity.channel == channel, Identity.external_id == external_id)
    if shop_id is not None:
        stmt = stmt.where(Identity.shop_id == shop_id)
    session.execute(stmt.values(reachable=False).execution_options(synchronize_session=False))


def fetch_customer_address(session: Session, shop_id: int, customer_id: int, channel: str) -> str | None:
    """The customer's id on the channel the order came from, where notices about it go."""
    stmt = select(Identity.external_id).where(Identity.shop_id == shop_id, Identity.customer_id == customer_id,
                                              Identity.channel == channel).order_by(Identity.id).limit(1)
    return session.execute(stmt).scalar_one_or_none()


def fetch_profile_name(session: Session, shop_id: int, customer_id: int) -> str | None:
    """The name the channel shows for this customer (WhatsApp's profile name, Telegram's first name), if any."""
    return session.execute(select(Identity.profile_name).where(
        Identity.shop_id == shop_id, Identity.customer_id == customer_id, Identity.profile_name.is_not(None))
        .order_by(Identity.id.desc()).limit(1)).scalar()
