"""Notices for people other than the sender (sellers, a customer told of a seller's action),
and writing them to the outbox from places that have no inbound message (CLI, scheduler)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from conversations.base import Reply
from effects.registry import Notice
from storage import lifecycle_queries as lq
from storage import message_queries as mq
from storage.models import Order


def to_customer(session: Session, order: Order, reply: Reply) -> list[Notice]:
    """A notice to the order's customer on the channel the order came from (none if unreachable)."""
    address = lq.fetch_customer_address(session, order.shop_id, order.customer_id, order.channel)
    return [Notice(order.channel, address, reply)] if address else []


def to_sellers(session: Session, shop_id: int, reply: Reply, *, skip: tuple[str, str] | None = None) -> list[Notice]:
    return [Notice(s.channel, s.external_id, reply) for s in mq.fetch_sellers(session, shop_id)
            if (s.channel, s.external_id) != skip]


def outbox_row(shop_id: int, notice: Notice) -> dict[str, Any]:
    """The row the engine writes for a notice (payload as bot.messages.Outbound.payload)."""
    reply = notice.reply
    payload = {"text": reply.text, "buttons": [{"label": b.label, "value": b.value} for b in reply.buttons],
               "image_url": reply.image_url, "extra": {}}
    return {"shop_id": shop_id, "channel": notice.channel, "recipient": notice.recipient, "payload": payload,
            "status": "pending", "inbound_id": None}


def write_notices(session: Session, shop_id: int, notices: list[Notice], now: datetime) -> list[int]:
    return mq.add_outbox(session, [outbox_row(shop_id, n) for n in notices], now)
