"""Outbox claiming and marking. A row is claimed by a compare-and-set on its status, so
two workers (or a worker and the drain job) never send the same row twice. A claim records
its process (claimed_by): once that process is gone (storage.process_queries), its rows
still `sending` go back to pending at once (reclaim_orphans); a claim whose owner is unknown
waits out the lease."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta

from collections import namedtuple
from functools import lru_cache

from sqlalchemy import Row, or_, select, text, update
from sqlalchemy.orm import Session

from storage.fastsql import Sql, from_db_json, to_db_time
from storage.models import OUTBOX_OPEN_SQL, OutboxMessage, Process

# Carried by every query that looks for rows still needing work, so it can use the partial
# index ix_outbox_open (see storage.models.OUTBOX_OPEN_SQL).
OPEN = text(OUTBOX_OPEN_SQL)

# A row left in `sending` this long belongs to a worker that died mid-send.
STUCK_AFTER = timedelta(minutes=2)


_CLAIMED = namedtuple("Claimed", "id shop_id channel recipient payload attempts")


@lru_cache(maxsize=64)
def _claim_sql(ids: int, channels: int) -> Sql:
    """Plain SQL (see storage.fastsql): the delivery of every reply runs it, next to the engine's step."""
    id_list = ", ".join(f":i{n}" for n in range(ids))
    channel_list = ", ".join(f":c{n}" for n in range(channels))
    return Sql(f"UPDATE outbox SET status = 'sending', attempts = attempts + 1, next_attempt_at = :lease, "
               f"claimed_by = :owner "
               f"WHERE id IN ({id_list}) AND status = 'pending' AND next_attempt_at <= :now "
               f"AND channel IN ({channel_list}) RETURNING id, shop_id, channel, recipient, payload, attempts")


def claim(session: Session, ids: Sequence[int], now: datetime, channels: Iterable[str],
          owner: int | None = None) -> Sequence[Row]:
    """Takes the still-pending rows among ids for sending, for process `owner` (storage.models.Process),
    with a lease that the drain job honours when the owner is unknown or stuck."""
    channels = list(channels)
    if not ids or not channels:
        return []
    params = {"now": to_db_time(session, now), "lease": to_db_time(session, now + STUCK_AFTER), "owner": owner,
              **{f"i{n}": i for n, i in enumerate(ids)}, **{f"c{n}": c for n, c in enumerate(channels)}}
    rows = _claim_sql(len(ids), len(channels))(session, params).all()
    return sorted((_CLAIMED(r.id, r.shop_id, r.channel, r.recipient, from_db_json(r.payload), r.attempts) for r in rows),
                  key=lambda r: r.id)


def due_ids(session: Session, channels: Iterable[str], now: datetime, limit: int) -> list[int]:
    stmt = (select(OutboxMessage.id)
            .where(OPEN, OutboxMessage.channel.in_(list(channels)), OutboxMessage.next_attempt_at <= now,
                   or_(OutboxMessage.status == "pending", OutboxMessage.status == "sending"))
            .order_by(OutboxMessage.id).limit(limit))
    ids = list(session.execute(stmt).scalars())
    # Rows stuck in `sending` past their lease go back to pending so claim() can take them.
    session.execute(update(OutboxMessage).where(OutboxMessage.id.in_(ids), OutboxMessage.status == "sending")
                    .values(status="pending").execution_options(synchronize_session=False))
    return ids


def reclaim_orphans(session: Session, now: datetime) -> list[int]:
    """Rows still `sending` for a process no longer in the processes table: due again now."""
    orphaned = (select(OutboxMessage.id)
                .where(OPEN, OutboxMessage.status == "sending", OutboxMessage.claimed_by.is_not(None),
                       OutboxMessage.claimed_by.not_in(select(Process.id)))
                .order_by(OutboxMessage.id))
    ids = list(session.execute(orphaned).scalars())
    if ids:
        session.execute(update(OutboxMessage).where(OutboxMessage.id.in_(ids), OutboxMessage.status == "sending")
                        .values(status="pending", next_attempt_at=now, claimed_by=None)
                        .execution_options(synchronize_session=False))
    return ids


_MARK_SENT = Sql("UPDATE outbox SET status = 'sent', provider_id = :provider_id, sent_at = :now, error = NULL, "
                 "error_code = NULL WHERE id = :id")


def mark_sent(session: Session, outbox_id: int, provider_id: str | None, now: datetime) -> None:
    _MARK_SENT(session, {"provider_id": provider_id, "now": to_db_time(session, now), "id": outbox_id})


def mark_retry(session: Session, outbox_id: int, at: datetime, error: str) -> None:
    session.execute(update(OutboxMessage).where(OutboxMessage.id == outbox_id)
                    .values(status="pending", next_attempt_at=at, error=error[:500]))


def mark_failed(session: Session, outbox_id: int, code: str | None, error: str, status: str = "failed") -> None:
    session.execute(update(OutboxMessage).where(OutboxMessage.id == outbox_id)
                    .values(status=status, error_code=code, error=error[:500]))


def take_pending_for(session: Session, shop_id: int, channel: str, recipient: str, now: datetime) -> Sequence[OutboxMessage]:
    """Hands pending rows to a pull-based channel (the simulator page polls) and marks them sent."""
    rows = session.execute(select(OutboxMessage).where(
        OPEN, OutboxMessage.shop_id == shop_id, OutboxMessage.channel == channel, OutboxMessage.recipient == recipient,
        OutboxMessage.status == "pending").order_by(OutboxMessage.id)).scalars().all()
    if rows:
        session.execute(update(OutboxMessage).where(OutboxMessage.id.in_([r.id for r in rows]))
                        .values(status="sent", sent_at=now).execution_options(synchronize_session=False))
    return rows
