"""What a channel reports back after sending (status callbacks), and who may be written to
freely: WhatsApp's 24-hour window, messages held outside it and released when the person
writes again."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Row, func, select, update
from sqlalchemy.orm import Session

from storage.models import Identity, OutboxMessage, Shop
from storage.outbox_queries import OPEN

# A status only ever moves up this ladder, whatever order the callbacks arrive in.
STATUS_RANK = {"pending": 0, "sending": 0, "held": 0, "queued": 1, "accepted": 1, "scheduled": 1,
               "sent": 2, "delivered": 3, "read": 4, "undelivered": 5, "failed": 5}


def record_status(session: Session, channel: str, provider_id: str, status: str,
                  error_code: str | None = None) -> Row | None:
    """Moves the row with this provider id forward to status; returns (id, recipient, status) when it moved."""
    rank = STATUS_RANK.get(status)
    if rank is None or rank < STATUS_RANK["sent"]:
        return None  # queued/accepted: we marked it sent when the provider took it
    lower = [s for s, r in STATUS_RANK.items() if r < rank]
    values: dict[str, Any] = {"status": status}
    if error_code:
        values.update(error_code=error_code[:20], error=f"{channel} reported {status}")
    stmt = (update(OutboxMessage)
            .where(OutboxMessage.channel == channel, OutboxMessage.provider_id == provider_id,
                   OutboxMessage.status.in_(lower))
            .values(**values)
            .returning(OutboxMessage.id, OutboxMessage.recipient, OutboxMessage.status)
            .execution_options(synchronize_session=False))
    return session.execute(stmt).first()


def fetch_window(session: Session, channel: str, external_id: str) -> Row | None:
    """The person's latest identity on this channel: when they last wrote, whether we may write, and its shop."""
    stmt = (select(Identity.last_inbound_at, Identity.reachable, Shop.id.label("shop_id"), Shop.name, Shop.profile)
            .join(Shop, Shop.id == Identity.shop_id)
            .where(Identity.channel == channel, Identity.external_id == external_id)
            .order_by(Identity.last_inbound_at.desc()).limit(1))
    return session.execute(stmt).first()


def fetch_default_shop(session: Session) -> Row | None:
    return session.execute(select(Shop.id.label("shop_id"), Shop.name, Shop.profile).order_by(Shop.id).limit(1)).first()


def mark_unreachable(session: Session, channel: str, external_id: str) -> None:
    """The channel will not take free-form messages for this person until they write again."""
    session.execute(update(Identity).where(Identity.channel == channel, Identity.external_id == external_id)
                    .values(reachable=False).execution_options(synchronize_session=False))


def release_held(session: Session, shop_id: int, channel: str, recipient: str, now: datetime) -> list[int]:
    """Held rows for this person become pending again (they just wrote); returns their ids, oldest first."""
    rows = session.execute(
        update(OutboxMessage)
        .where(OPEN, OutboxMessage.shop_id == shop_id, OutboxMessage.channel == channel,
               OutboxMessage.recipient == recipient, OutboxMessage.status == "held")
        .values(status="pending", next_attempt_at=now, attempts=0)
        .returning(OutboxMessage.id).execution_options(synchronize_session=False)).scalars().all()
    return sorted(rows)


def count_by_status(session: Session, channel: str | None = None) -> dict[str, int]:
    stmt = select(OutboxMessage.status, func.count()).group_by(OutboxMessage.status)
    if channel:
        stmt = stmt.where(OutboxMessage.channel == channel)
    return {status: n for status, n in session.execute(stmt).all()}


def fetch_outbox(session: Session, channel: str, recipient: str) -> Sequence[OutboxMessage]:
    return session.execute(select(OutboxMessage).where(OutboxMessage.channel == channel,
                                                       OutboxMessage.recipient == recipient)
                           .order_by(OutboxMessage.id)).scalars().all()
