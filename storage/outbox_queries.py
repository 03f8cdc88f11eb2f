"""Outbox claiming and marking. A row is claimed by a compare-and-set on its status, so
two workers (or a worker and the drain job) never send the same row twice."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta

from sqlalchemy import Row, or_, select, update
from sqlalchemy.orm import Session

from storage.models import OutboxMessage

# A row left in `sending` this long belongs to a worker that died mid-send.
STUCK_AFTER = timedelta(minutes=2)


def claim(session: Session, ids: Sequence[int], now: datetime, channels: Iterable[str]) -> Sequence[Row]:
    """Takes the still-pending rows among ids for sending, with a lease that the drain job honours."""
    if not ids:
        return []
    stmt = (
        update(OutboxMessage)
        .where(OutboxMessage.id.in_(list(ids)), OutboxMessage.status == "pending", OutboxMessage.next_attempt_at <= now,
               OutboxMessage.channel.in_(list(channels)))
        .values(status="sending", attempts=OutboxMessage.attempts + 1, next_attempt_at=now + STUCK_AFTER)
        .returning(OutboxMessage.id, OutboxMessage.shop_id, OutboxMessage.channel, OutboxMessage.recipient,
                   OutboxMessage.payload, OutboxMessage.attempts)
        .execution_options(synchronize_session=False)
    )
    return sorted(session.execute(stmt).all(), key=lambda r: r.id)


def due_ids(session: Session, channels: Iterable[str], now: datetime, limit: int) -> list[int]:
    stmt = (select(OutboxMessage.id)
            .where(OutboxMessage.channel.in_(list(channels)), OutboxMessage.next_attempt_at <= now,
                   or_(OutboxMessage.status == "pending", OutboxMessage.status == "sending"))
            .order_by(OutboxMessage.id).limit(limit))
    ids = list(session.execute(stmt).scalars())
    # Rows stuck in `sending` past their lease go back to pending so claim() can take them.
    session.execute(update(OutboxMessage).where(OutboxMessage.id.in_(ids), OutboxMessage.status == "sending")
                    .values(status="pending").execution_options(synchronize_session=False))
    return ids


def mark_sent(session: Session, outbox_id: int, provider_id: str | None, now: datetime) -> None:
    session.execute(update(OutboxMessage).where(OutboxMessage.id == outbox_id)
                    .values(status="sent", provider_id=provider_id, sent_at=now, error=None, error_code=None))


def mark_retry(session: Session, outbox_id: int, at: datetime, error: str) -> None:
    session.execute(update(OutboxMessage).where(OutboxMessage.id == outbox_id)
                    .values(status="pending", next_attempt_at=at, error=error[:500]))


def mark_failed(session: Session, outbox_id: int, code: str | None, error: str, status: str = "failed") -> None:
    session.execute(update(OutboxMessage).where(OutboxMessage.id == outbox_id)
                    .values(status=status, error_code=code, error=error[:500]))


def take_pending_for(session: Session, shop_id: int, channel: str, recipient: str, now: datetime) -> Sequence[OutboxMessage]:
    """Hands pending rows to a pull-based channel (the simulator page polls) and marks them sent."""
    rows = session.execute(select(OutboxMessage).where(
        OutboxMessage.shop_id == shop_id, OutboxMessage.channel == channel, OutboxMessage.recipient == recipient,
        OutboxMessage.status == "pending").order_by(OutboxMessage.id)).scalars().all()
    if rows:
        session.execute(update(OutboxMessage).where(OutboxMessage.id.in_([r.id for r in rows]))
                        .values(status="sent", sent_at=now).execution_options(synchronize_session=False))
    return rows
