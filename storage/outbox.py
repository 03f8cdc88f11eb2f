"""outbox: messages to deliver after commit. One writer (add_outbox; rows built by
effects.outbox), claims by compare-and-set so two workers never send one row twice, a
process's claims given back when it is gone, channels' status callbacks, and messages held
outside WhatsApp's window released when the person writes again."""

from __future__ import annotations

from collections import namedtuple
from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from functools import lru_cache
from typing import Any

from sqlalchemy import Row, func, or_, select, text, update
from sqlalchemy.orm import Session

from storage.fastsql import Sql, from_db_json, to_db_json, to_db_time
from storage.models import OUTBOX_OPEN_SQL, OutboxMessage, Process


# Carried by every query that looks for rows still needing work, so it can use the partial
# index ix_outbox_open (see storage.models.OUTBOX_OPEN_SQL).
OPEN = text(OUTBOX_OPEN_SQL)


# A row left in `sending` this long belongs to a worker that died mid-send.
STUCK_AFTER = timedelta(minutes=2)


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
    # Rows stuck in `sending` past their lease go back to pending so claim() can take them. The
    # lease is checked again here, not only in the select: a row the select saw pending may have
    # been claimed since (the pump, on another db thread), and putting that fresh claim back to
    # pending would leave its send unsettled (settle matches `sending` only) and the row due
    # again once the new lease ran out: sent twice, two minutes apart.
    session.execute(update(OutboxMessage).where(OutboxMessage.id.in_(ids), OutboxMessage.status == "sending",
                                                OutboxMessage.next_attempt_at <= now)
                    .values(status="pending", claimed_by=None).execution_options(synchronize_session=False))
    return ids


def pending_ids_for_shop(session: Session, shop_id: int, channel: str, limit: int) -> list[int]:
    """The shop's rows on a channel still to be sent (a closed shop's last notices, say), oldest first."""
    return list(session.execute(select(OutboxMessage.id).where(
        OutboxMessage.shop_id == shop_id, OutboxMessage.channel == channel, OutboxMessage.status == "pending")
        .order_by(OutboxMessage.id).limit(limit)).scalars())


def sending_for_shop(session: Session, shop_id: int, channel: str) -> int:
    """The shop's rows on a channel claimed and out for sending now (by the delivery pump, say)."""
    return session.execute(select(func.count()).select_from(OutboxMessage).where(
        OutboxMessage.shop_id == shop_id, OutboxMessage.channel == channel,
        OutboxMessage.status == "sending")).scalar_one()


def reclaim_orphans(session: Session, now: datetime) -> list[int]:
    """Rows still `sending` for a process no longer in the processes table: due again now. One
    statement, so that the owner is judged on the row it changes: every process reaps, and a row
    another one put back and the leader claimed again since must stay the leader's claim."""
    orphaned = (update(OutboxMessage)
                .where(OPEN, OutboxMessage.status == "sending", OutboxMessage.claimed_by.is_not(None),
                       OutboxMessage.claimed_by.not_in(select(Process.id)))
                .values(status="pending", next_attempt_at=now, claimed_by=None)
                .returning(OutboxMessage.id).execution_options(synchronize_session=False))
    return sorted(session.execute(orphaned).scalars())


def claim_due(session: Session, channels: Iterable[str], now: datetime, limit: int,
              owner: int | None = None) -> Sequence[Row]:
    """Takes up to `limit` of the oldest pending rows that are due, like claim() does for given ids.
    On PostgreSQL rows another process is claiming at this moment are skipped, not waited for."""
    channels = list(channels)
    if not channels or limit <= 0:
        return []
    channel_list = ", ".join(f":c{n}" for n in range(len(channels)))
    pick = (f"SELECT id FROM outbox WHERE {OUTBOX_OPEN_SQL} AND status = 'pending' AND next_attempt_at <= :now "
            f"AND channel IN ({channel_list}) ORDER BY id LIMIT :limit")
    sql = _claim_due_sql(pick, pick + " FOR UPDATE SKIP LOCKED")
    params = {"now": to_db_time(session, now), "lease": to_db_time(session, now + STUCK_AFTER), "owner": owner,
              "limit": limit, **{f"c{n}": c for n, c in enumerate(channels)}}
    rows = sql(session, params).all()
    return sorted((_CLAIMED(r.id, r.shop_id, r.channel, r.recipient, from_db_json(r.payload), r.attempts) for r in rows),
                  key=lambda r: r.id)


@lru_cache(maxsize=16)
def _claim_due_sql(pick_sqlite: str, pick_pg: str) -> Sql:
    claim_sql = ("UPDATE outbox SET status = 'sending', attempts = attempts + 1, next_attempt_at = :lease, "
                 "claimed_by = :owner WHERE id IN ({pick}) RETURNING id, shop_id, channel, recipient, payload, attempts")
    return Sql(claim_sql.format(pick=pick_sqlite), claim_sql.format(pick=pick_pg))


# What became of claimed rows, written together (one transaction for a batch of sends). Each
# statement names the claim it settles (status `sending` and its attempt number, which every
# claim increments): a row whose lease ran out and that another claim took is left to that one.
_MINE = "WHERE id = :id AND status = 'sending' AND attempts = :attempts"
SETTLE = {
    "sent": f"UPDATE outbox SET status = 'sent', provider_id = :provider_id, sent_at = :now, error = NULL, "
            f"error_code = NULL {_MINE}",
    "retry": f"UPDATE outbox SET status = 'pending', next_attempt_at = :at, error = :error {_MINE}",
    "failed": f"UPDATE outbox SET status = :status, error_code = :code, error = :error {_MINE}",
    # given back unsent (its lease was about to run out): due again now, for whoever claims it
    "release": f"UPDATE outbox SET status = 'pending', next_attempt_at = :now, claimed_by = NULL {_MINE}",
}


def settle(session: Session, outcomes: Sequence[tuple[str, dict[str, Any]]], now: datetime) -> None:
    """Writes outcomes [(kind, params)] of claimed rows (see SETTLE), one executemany per kind."""
    at = to_db_time(session, now)
    by_kind: dict[str, list[dict[str, Any]]] = {}
    for kind, params in outcomes:
        params = {"now": at, **params}
        if "at" in params:
            params["at"] = to_db_time(session, params["at"])
        if "error" in params and params["error"] is not None:
            params["error"] = params["error"][:500]
        if params.get("code") is not None:
            params["code"] = params["code"][:20]
        by_kind.setdefault(kind, []).append(params)
    for kind, many in by_kind.items():
        session.execute(text(SETTLE[kind]), many)


def take_pending_for(session: Session, shop_id: int, channel: str, recipient: str, now: datetime) -> Sequence[OutboxMessage]:
    """Hands pending rows to a pull-based channel (the simulator page polls) and marks them sent."""
    rows = session.execute(select(OutboxMessage).where(
        OPEN, OutboxMessage.shop_id == shop_id, OutboxMessage.channel == channel, OutboxMessage.recipient == recipient,
        OutboxMessage.status == "pending").order_by(OutboxMessage.id)).scalars().all()
    if rows:
        session.execute(update(OutboxMessage).where(OutboxMessage.id.in_([r.id for r in rows]))
                        .values(status="sent", sent_at=now).execution_options(synchronize_session=False))
    return rows


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
