"""Closing a shop that has orders (`kedai shop delete SLUG --archive`): every customer who wrote
to it is told it is closed (through the outbox, from the shop's own bot or number while the
running server still serves it), its channels are unlinked (the bot and number may serve
another shop), no one may claim it, and its orders, books and customers are kept."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from conversations.base import Reply
from effects import outbox
from effects.outbox import to
from storage import shops as shops_db
from storage.models import Identity, Shop
from texts.id import shop_setup as t


def archive(session: Session, shop: Shop, now: datetime) -> tuple[int, int]:
    """Returns (customers told, channels unlinked)."""
    people = session.execute(select(Identity.channel, Identity.external_id).where(
        Identity.shop_id == shop.id, Identity.reachable.is_(True)).order_by(Identity.id)).all()
    notice = Reply(t.SHOP_CLOSED.format(shop=shop.name))
    outbox.write(session, shop.id, [to(channel, external_id, notice) for channel, external_id in people], now)
    unlinked = shops_db.unlink_channels(session, shop.id)
    shops_db.set_archived(session, shop.id, now)
    return len(people), unlinked
