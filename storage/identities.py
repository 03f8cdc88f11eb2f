"""Reads and writes about a person's address on a channel, outside the message path."""

from __future__ import annotations

from sqlalchemy import update
from sqlalchemy.orm import Session

from storage.models import Identity


def set_reachable(session: Session, shop_id: int, channel: str, external_id: str, reachable: bool) -> int:
    """Marks an address (un)reachable, e.g. a Telegram user who blocked the bot; returns rows changed."""
    result = session.execute(update(Identity).where(
        Identity.shop_id == shop_id, Identity.channel == channel, Identity.external_id == external_id,
        Identity.reachable != reachable).values(reachable=reachable))
    return result.rowcount
