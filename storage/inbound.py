"""inbound_messages: the channel message ids already handled (a redelivery stops at
record_inbound), and an in-band channel's replies kept on the message's own row."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.fastsql import Sql, to_db_json, to_db_time
from storage.models import InboundMessage


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
