"""Notices: messages for people other than the sender (the shop's sellers, a customer told of a
seller's action), as Outbound values; places without an inbound message (the CLI, scheduled
jobs) write them with effects.outbox.write."""

from __future__ import annotations

from sqlalchemy.orm import Session

from conversations.base import Reply
from effects.outbox import Outbound, to
from storage import identities as identities_db
from storage import sellers as sellers_db
from storage.models import Order


def to_customer(session: Session, order: Order, reply: Reply, *, remembered: bool = False) -> list[Outbound]:
    """A notice to the order's customer on the channel the order came from (none if unreachable);
    remembered: its choices were stored as the customer's offer (effects.outbox.to)."""
    address = identities_db.fetch_customer_address(session, order.shop_id, order.customer_id, order.channel)
    return [to(order.channel, address, reply, remembered=remembered)] if address else []


def to_sellers(session: Session, shop_id: int, reply: Reply, *, skip: tuple[str, str] | None = None,
               except_seller: int | None = None) -> list[Outbound]:
    """A notice to every seller of the shop, on the channel they registered (skip: one address;
    except_seller: one seller id, e.g. whoever made the change)."""
    return [to(s.channel, s.external_id, reply) for s in sellers_db.fetch_sellers(session, shop_id)
            if (s.channel, s.external_id) != skip and s.id != except_seller]
