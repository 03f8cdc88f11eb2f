"""broadcasts, broadcast_runs and broadcast_recipients: definitions, due runs, the audience,
and recipients claimed one by one so a crash resumes and never repeats a send."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Row, and_, exists, func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from storage.fastsql import Sql, from_db_json, from_db_time, to_db_time
from storage.models import Category, Customer, Identity, Order, OrderItem, Product, Seller
from storage.promo_models import Broadcast, BroadcastRecipient, BroadcastRun


NOT_BOUGHT = ("cancelled", "expired")


CHUNK = 500


def _chunks(ids: Sequence[int]) -> Iterator[list[int]]:
    ids = list(ids)
    for i in range(0, len(ids), CHUNK):
        yield ids[i:i + CHUNK]


def _pg(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"


def add_broadcast(session: Session, fields: dict[str, Any]) -> Broadcast:
    b = Broadcast(**fields)
    session.add(b)
    session.flush()
    return b


def fetch_broadcasts(session: Session, shop_id: int, limit: int = 20) -> Sequence[Broadcast]:
    return session.execute(select(Broadcast).where(Broadcast.shop_id == shop_id)
                           .order_by(Broadcast.id.desc()).limit(limit)).scalars().all()


def fetch_broadcast(session: Session, shop_id: int, broadcast_id: int) -> Broadcast | None:
    return session.execute(select(Broadcast).where(Broadcast.shop_id == shop_id, Broadcast.id == broadcast_id)).scalar_one_or_none()


def cancel_broadcast(session: Session, shop_id: int, broadcast_id: int, now: datetime) -> bool:
    """Stops future runs and the unsent rest of a run in progress."""
    done = session.execute(update(Broadcast).where(Broadcast.shop_id == shop_id, Broadcast.id == broadcast_id,
                                                   Broadcast.status == "active")
                           .values(status="cancelled", next_due_at=None)).rowcount == 1
    runs = select(BroadcastRun.id).where(BroadcastRun.broadcast_id == broadcast_id, BroadcastRun.status == "sending")
    session.execute(update(BroadcastRecipient).where(BroadcastRecipient.run_id.in_(runs), BroadcastRecipient.status == "pending")
                    .values(status="cancelled").execution_options(synchronize_session=False))
    stopped = session.execute(update(BroadcastRun).where(BroadcastRun.broadcast_id == broadcast_id, BroadcastRun.status == "sending")
                              .values(status="cancelled", finished_at=now).execution_options(synchronize_session=False)).rowcount
    return done or stopped > 0


def due_broadcasts(session: Session, now: datetime, limit: int = 20) -> Sequence[Broadcast]:
    stmt = (select(Broadcast).where(Broadcast.status == "active", Broadcast.next_due_at <= now)
            .order_by(Broadcast.next_due_at).limit(limit))
    if _pg(session):  # a second scheduler skips what the first is materialising
        stmt = stmt.with_for_update(skip_locked=True)
    return session.execute(stmt).scalars().all()


def add_run(session: Session, shop_id: int, broadcast_id: int, due_at: datetime, status: str, now: datetime) -> int | None:
    """The run for this due time, or None when another process made it already."""
    dialect = postgresql if _pg(session) else sqlite
    stmt = (dialect.insert(BroadcastRun)
            .values(shop_id=shop_id, broadcast_id=broadcast_id, due_at=due_at, status=status, started_at=now,
                    finished_at=now if status != "sending" else None)
            .on_conflict_do_nothing(index_elements=["broadcast_id", "due_at"]).returning(BroadcastRun.id))
    return session.execute(stmt).scalar_one_or_none()


def advance(session: Session, broadcast_id: int, next_due_at: datetime | None) -> None:
    values: dict[str, Any] = {"next_due_at": next_due_at}
    if next_due_at is None:
        values["status"] = "done"
    session.execute(update(Broadcast).where(Broadcast.id == broadcast_id).values(**values))


def audience(session: Session, shop_id: int, *, skus: Sequence[str] = (), categories: Sequence[str] = (),
             active_since: datetime | None = None, channel: str | None = None,
             lapsed_since: datetime | None = None) -> Sequence[Row]:
    """Customers matching every given filter: (id, name, promo_consent). The shop's own sellers,
    who are customers too as far as the engine knows, are never an audience. lapsed_since: of
    those who bought the skus/categories, only who bought none of them since then."""
    seller = (select(Seller.id).join(Identity, and_(Identity.channel == Seller.channel, Identity.external_id == Seller.external_id))
              .where(Seller.shop_id == shop_id, Identity.shop_id == shop_id, Identity.customer_id == Customer.id))
    stmt = select(Customer.id, Customer.name, Customer.promo_consent).where(Customer.shop_id == shop_id, ~exists(seller))
    if skus or categories:
        bought = (select(OrderItem.id).join(Order, Order.id == OrderItem.order_id)
                  .outerjoin(Product, Product.id == OrderItem.product_id)
                  .outerjoin(Category, Category.id == Product.category_id)
                  .where(Order.customer_id == Customer.id, Order.status.notin_(NOT_BOUGHT)))
        wanted = []
        if skus:
            wanted.append(OrderItem.sku.in_(list(skus)))
        if categories:
            wanted.append(func.lower(Category.name).in_([c.lower() for c in categories]))
        which = wanted[0] if len(wanted) == 1 else wanted[0] | wanted[1]
        stmt = stmt.where(exists(bought.where(which)))
        if lapsed_since is not None:
            stmt = stmt.where(~exists(bought.where(which, Order.created_at >= lapsed_since)))
    if active_since is not None:
        recent = select(Order.id).where(Order.customer_id == Customer.id, Order.created_at >= active_since,
                                        Order.status.notin_(NOT_BOUGHT))
        stmt = stmt.where(~exists(recent))
    if channel:
        stmt = stmt.where(exists(select(Identity.id).where(Identity.customer_id == Customer.id, Identity.channel == channel)))
    return session.execute(stmt.order_by(Customer.id)).all()


def identities(session: Session, customer_ids: Sequence[int], channel: str | None = None) -> list[Row]:
    out: list[Row] = []
    for chunk in _chunks(customer_ids):
        stmt = select(Identity.customer_id, Identity.channel, Identity.external_id, Identity.reachable,
                      Identity.last_inbound_at, Identity.profile_name).where(Identity.customer_id.in_(chunk))
        if channel:
            stmt = stmt.where(Identity.channel == channel)
        out.extend(session.execute(stmt.order_by(Identity.id)).all())
    return out


def last_products(session: Session, shop_id: int, customer_ids: Sequence[int]) -> dict[int, str]:
    """The first item of each customer's latest order (by when it was placed)."""
    out: dict[int, str] = {}
    for chunk in _chunks(customer_ids):
        rank = func.row_number().over(partition_by=Order.customer_id, order_by=(Order.created_at.desc(), Order.id.desc()))
        ranked = (select(Order.customer_id, Order.id.label("order_id"), rank.label("rank"))
                  .where(Order.shop_id == shop_id, Order.customer_id.in_(chunk), Order.status.notin_(NOT_BOUGHT))
                  .subquery())
        rows = session.execute(select(ranked.c.customer_id, OrderItem.name)
                               .join(OrderItem, OrderItem.order_id == ranked.c.order_id)
                               .where(ranked.c.rank == 1).order_by(OrderItem.id)).all()
        for customer_id, name in rows:
            out.setdefault(customer_id, name)
    return out


def add_recipients(session: Session, rows: Sequence[dict[str, Any]]) -> None:
    for i in range(0, len(rows), CHUNK):
        session.execute(BroadcastRecipient.__table__.insert(), list(rows[i:i + CHUNK]))


def open_runs(session: Session) -> Sequence[Row]:
    return session.execute(select(BroadcastRun.id, BroadcastRun.shop_id, BroadcastRun.broadcast_id)
                           .where(BroadcastRun.status == "sending").order_by(BroadcastRun.id)).all()


def pending_ids(session: Session, run_id: int, now: datetime, limit: int) -> list[int]:
    return list(session.execute(select(BroadcastRecipient.id).where(
        BroadcastRecipient.run_id == run_id, BroadcastRecipient.status == "pending",
        BroadcastRecipient.next_attempt_at <= now).order_by(BroadcastRecipient.id).limit(limit)).scalars())


# Claim and settle run once per recipient: plain SQL (storage.fastsql), no ORM statement building.
_CLAIM = Sql(
    "UPDATE broadcast_recipients SET status = 'sending', claimed_at = :now, attempts = attempts + 1 "
    "WHERE id = :id AND status = 'pending' "
    "RETURNING id, run_id, shop_id, customer_id, channel, external_id, fields, attempts")


_GATE = Sql(
    "SELECT c.promo_consent, i.reachable, i.last_inbound_at FROM customers c "
    "LEFT JOIN identities i ON i.shop_id = :shop_id AND i.channel = :channel AND i.external_id = :external_id "
    "WHERE c.id = :customer_id")


_SETTLE = Sql(
    "UPDATE broadcast_recipients SET status = :status, sent_at = :sent_at, provider_id = :provider_id, error = :error, "
    "next_attempt_at = COALESCE(:next_attempt_at, next_attempt_at) WHERE id = :id AND status = 'sending'")


@dataclass(frozen=True)
class Claimed:
    id: int
    run_id: int
    shop_id: int
    customer_id: int
    channel: str
    external_id: str
    fields: dict[str, Any]
    attempts: int
    promo_consent: bool | None
    reachable: bool | None  # None: the identity is gone
    last_inbound_at: datetime | None


def claim(session: Session, recipient_id: int, now: datetime) -> Claimed | None:
    """pending -> sending, with what the send-time checks need; None if someone else took it."""
    row = _CLAIM(session, {"id": recipient_id, "now": to_db_time(session, now)}).first()
    if row is None:
        return None
    gate = _GATE(session, {"shop_id": row.shop_id, "channel": row.channel, "external_id": row.external_id,
                           "customer_id": row.customer_id}).first()
    return Claimed(row.id, row.run_id, row.shop_id, row.customer_id, row.channel, row.external_id,
                   from_db_json(row.fields) or {}, row.attempts, _bool(gate.promo_consent), _bool(gate.reachable),
                   from_db_time(gate.last_inbound_at))


def _bool(value: Any) -> bool | None:
    return None if value is None else bool(value)


def settle(session: Session, recipient_id: int, status: str, now: datetime, *, provider_id: str | None = None,
           error: str | None = None, next_attempt_at: datetime | None = None) -> None:
    """Records how a claimed send ended (sent, failed, skipped_*, or back to pending for later)."""
    _SETTLE(session, {"id": recipient_id, "status": status, "provider_id": provider_id, "error": error,
                      "sent_at": to_db_time(session, now) if status == "sent" else None,
                      "next_attempt_at": to_db_time(session, next_attempt_at) if next_attempt_at else None})


def resolve_stale(session: Session, run_id: int, before: datetime) -> int:
    """Rows a dead worker left in `sending`: they may have gone out, so they are never resent."""
    return session.execute(update(BroadcastRecipient).where(
        BroadcastRecipient.run_id == run_id, BroadcastRecipient.status == "sending", BroadcastRecipient.claimed_at < before)
        .values(status="unknown", error="interrupted while sending").execution_options(synchronize_session=False)).rowcount


def run_counts(session: Session, run_id: int) -> dict[str, int]:
    rows = session.execute(select(BroadcastRecipient.status, func.count()).where(BroadcastRecipient.run_id == run_id)
                           .group_by(BroadcastRecipient.status)).all()
    return {status: n for status, n in rows}


def opted_out_since(session: Session, run_id: int) -> int:
    """Recipients of this run (in its audience when it started) who now say no to promos."""
    return session.execute(select(func.count()).select_from(BroadcastRecipient)
                           .join(Customer, Customer.id == BroadcastRecipient.customer_id)
                           .where(BroadcastRecipient.run_id == run_id, Customer.promo_consent.is_(False),
                                  BroadcastRecipient.status.notin_(("skipped_consent",))
                                  | BroadcastRecipient.claimed_at.is_not(None))).scalar_one()


def finish_run(session: Session, run_id: int, now: datetime) -> bool:
    """Closes the run once nothing is pending or in flight; True only for the closer."""
    busy = exists(select(BroadcastRecipient.id).where(BroadcastRecipient.run_id == run_id,
                                                      BroadcastRecipient.status.in_(("pending", "sending"))))
    return session.execute(update(BroadcastRun).where(BroadcastRun.id == run_id, BroadcastRun.status == "sending", ~busy)
                           .values(status="done", finished_at=now).execution_options(synchronize_session=False)).rowcount == 1


def fetch_runs(session: Session, broadcast_id: int, limit: int = 10) -> Sequence[BroadcastRun]:
    return session.execute(select(BroadcastRun).where(BroadcastRun.broadcast_id == broadcast_id)
                           .order_by(BroadcastRun.id.desc()).limit(limit)).scalars().all()


def fetch_run(session: Session, run_id: int) -> BroadcastRun | None:
    return session.get(BroadcastRun, run_id)
