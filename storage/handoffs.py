"""handoffs: customers handed to the shop's sellers, the queue, and what the timeout sweep reads."""

from __future__ import annotations

from datetime import datetime

from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from storage.fastsql import Sql
from storage.person_models import Handoff

ACTIVE = ("waiting", "open")
LOG_KEPT = 10


def open_handoff(session: Session, shop_id: int, customer_id: int, channel: str, address: str, kind: str,
                 question: str, order_code: str | None, now: datetime) -> Handoff:
    row = Handoff(shop_id=shop_id, customer_id=customer_id, channel=channel, address=address, kind=kind,
                  status="waiting", order_code=order_code, question=question, log=[["c", question]] if question else [],
                  opened_at=now, last_at=now)
    session.add(row)
    session.flush()
    return row


def fetch(session: Session, shop_id: int, handoff_id: int) -> Handoff | None:
    return session.scalars(select(Handoff).where(Handoff.shop_id == shop_id, Handoff.id == handoff_id)).one_or_none()


def fetch_active(session: Session, shop_id: int, customer_id: int) -> Handoff | None:
    return session.scalars(select(Handoff).where(Handoff.shop_id == shop_id, Handoff.customer_id == customer_id,
                                                 Handoff.status.in_(ACTIVE)).order_by(Handoff.id.desc()).limit(1)).first()


# Every customer message asks whether its customer is handed over: plain SQL (storage.fastsql),
# which leaves the message's ORM Session untouched; through the ORM it was ~0.6 ms a message.
_ACTIVE_BRIEF = Sql("SELECT id, status, kind, customer_id, address, question, seller_id, order_code FROM handoffs "
                    "WHERE shop_id = :shop_id AND customer_id = :customer_id AND status IN (:waiting, :open) "
                    "ORDER BY id DESC LIMIT 1")


def fetch_active_brief(session: Session, shop_id: int, customer_id: int) -> Any:
    """fetch_active's row as plain columns (id, status, kind, customer_id, address, question,
    seller_id, order_code), or None: for reading, not changing."""
    return _ACTIVE_BRIEF(session, {"shop_id": shop_id, "customer_id": customer_id,
                                   "waiting": ACTIVE[0], "open": ACTIVE[1]}).first()


def fetch_queue(session: Session, shop_id: int) -> list[Handoff]:
    """Every handoff not closed, oldest first: the waiting ones are the queue."""
    return list(session.scalars(select(Handoff).where(Handoff.shop_id == shop_id, Handoff.status.in_(ACTIVE))
                                .order_by(Handoff.id)))


def position(session: Session, shop_id: int, handoff_id: int) -> int:
    """1 for the first in the queue of waiting customers."""
    return int(session.scalar(select(func.count()).select_from(Handoff).where(
        Handoff.shop_id == shop_id, Handoff.status == "waiting", Handoff.id <= handoff_id)) or 0)


def take(session: Session, shop_id: int, handoff_id: int, seller_id: int, now: datetime) -> bool:
    """The seller takes a waiting customer (or comes back to their own open chat); False when
    another seller took them first or it closed."""
    mine = (Handoff.status == "waiting") | ((Handoff.status == "open") & (Handoff.seller_id == seller_id))
    return session.execute(update(Handoff).where(Handoff.shop_id == shop_id, Handoff.id == handoff_id, mine)
                           .values(status="open", seller_id=seller_id, taken_at=now, last_at=now)).rowcount > 0


def note(row: Handoff, who: str, text: str, now: datetime) -> None:
    """Keeps the last messages (for the seller who takes the customer) and the time of the last one."""
    if text:
        row.log = [*(row.log or []), [who, text[:500]]][-LOG_KEPT:]
    row.last_at = now


def close(session: Session, shop_id: int, handoff_id: int, now: datetime) -> Handoff | None:
    row = fetch(session, shop_id, handoff_id)
    if row is None or row.status == "closed":
        return None
    row.status, row.closed_at = "closed", now
    session.flush()
    return row


def fetch_held_by(session: Session, shop_id: int, seller_id: int) -> list[Handoff]:
    """The open chats a seller has taken (a seller being removed gives them back)."""
    return list(session.scalars(select(Handoff).where(Handoff.shop_id == shop_id, Handoff.seller_id == seller_id,
                                                      Handoff.status == "open").order_by(Handoff.id)))


def give_back(session: Session, row: Handoff, now: datetime) -> None:
    """An open chat back in the queue, in its first place (the queue is by id): its customer asked
    before those who came since. The log stays, for whoever takes it next. The wait starts again
    now (opened_at), with a late notice of its own: counted from the first ask, the sweep would tell
    a customer who had just been answered that nobody had answered yet."""
    row.status, row.seller_id, row.taken_at, row.last_at = "waiting", None, None, now
    row.opened_at, row.told_late_at = now, None
    session.flush()


def fetch_idle(session: Session, before: datetime) -> list[Handoff]:
    """Open handoffs with nothing said since `before`: the sweep closes them."""
    return list(session.scalars(select(Handoff).where(Handoff.status == "open", Handoff.last_at < before)))


def fetch_unanswered(session: Session, before: datetime) -> list[Handoff]:
    """Waiting since before `before` and not yet told when to expect an answer."""
    return list(session.scalars(select(Handoff).where(Handoff.status == "waiting", Handoff.opened_at < before,
                                                      Handoff.told_late_at.is_(None))))


def count_open_complaints(session: Session, shop_id: int) -> int:
    return int(session.scalar(select(func.count()).select_from(Handoff).where(
        Handoff.shop_id == shop_id, Handoff.kind == "complaint", Handoff.status.in_(ACTIVE))) or 0)
