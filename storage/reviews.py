"""reviews: one row per completed order; asked once, rated once, replied to once (each a
compare-and-set on the column that records it)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from storage.fastsql import Sql
from storage.models import Order
from storage.regular_models import Review


def schedule(session: Session, order: Order, due_at: datetime) -> None:
    """The review of a just-completed order, to be asked at `due_at` (once: the order completes once)."""
    if session.execute(select(Review.id).where(Review.order_id == order.id)).first() is None:
        session.add(Review(shop_id=order.shop_id, order_id=order.id, customer_id=order.customer_id, due_at=due_at,
                           complaint=False))
        session.flush()


def fetch_due(session: Session, now: datetime, limit: int) -> Sequence[Review]:
    stmt = (select(Review).where(Review.asked_at.is_(None), Review.due_at <= now)
            .order_by(Review.due_at, Review.id).limit(limit))
    return session.execute(stmt).scalars().all()


def claim_ask(session: Session, review_id: int, now: datetime) -> bool:
    """True for exactly one of any number of sweeps asking the same review."""
    result = session.execute(update(Review).where(Review.id == review_id, Review.asked_at.is_(None))
                             .values(asked_at=now).execution_options(synchronize_session=False))
    return result.rowcount == 1


def of_order(session: Session, shop_id: int, customer_id: int, code: str) -> tuple[Review, Order] | None:
    row = session.execute(select(Review, Order).join(Order, Order.id == Review.order_id)
                          .where(Order.shop_id == shop_id, Order.code == code, Review.customer_id == customer_id)
                          .execution_options(populate_existing=True)).first()
    return (row[0], row[1]) if row else None


def awaiting(session: Session, shop_id: int, customer_id: int, since: datetime) -> str | None:
    """The code of the customer's latest order asked about since `since` and not rated yet."""
    return session.execute(select(Order.code).join(Review, Review.order_id == Order.id).where(
        Review.shop_id == shop_id, Review.customer_id == customer_id, Review.asked_at >= since,
        Review.rating.is_(None)).order_by(Review.asked_at.desc(), Review.id.desc()).limit(1)).scalar()


def with_order(session: Session, shop_id: int, review_id: int) -> tuple[Review, Order] | None:
    row = session.execute(select(Review, Order).join(Order, Order.id == Review.order_id)
                          .where(Review.id == review_id, Review.shop_id == shop_id)
                          .execution_options(populate_existing=True)).first()
    return (row[0], row[1]) if row else None


def rate(session: Session, review_id: int, stars: int, complaint: bool, now: datetime) -> bool:
    """Records the rating unless one was given already (a second press changes nothing)."""
    result = session.execute(update(Review).where(Review.id == review_id, Review.rating.is_(None))
                             .values(rating=stars, rated_at=now, complaint=complaint)
                             .execution_options(synchronize_session=False))
    return result.rowcount == 1


def add_comment(session: Session, review_id: int, text: str) -> bool:
    result = session.execute(update(Review).where(Review.id == review_id, Review.rating.is_not(None),
                                                  Review.comment.is_(None))
                             .values(comment=text).execution_options(synchronize_session=False))
    return result.rowcount == 1


def add_reply(session: Session, review_id: int, text: str, now: datetime) -> bool:
    result = session.execute(update(Review).where(Review.id == review_id, Review.rating.is_not(None),
                                                  Review.reply.is_(None))
                             .values(reply=text, replied_at=now).execution_options(synchronize_session=False))
    return result.rowcount == 1


@dataclass(frozen=True)
class Stats:
    average: float
    count: int
    comment: str | None  # the latest comment, if any


def product_stats(session: Session, shop_id: int, skus: Sequence[str]) -> Stats | None:
    """The ratings of the orders that held any of these skus: average, how many, the latest comment.

    Plain SQL (storage.fastsql): every product page asks, and the ORM statement with its IN list
    cost ~0.4 ms to build and compile, several times the read itself (docs/PERFORMANCE.md)."""
    keys = list(dict.fromkeys(skus))
    if not keys:
        return None
    params = {"shop_id": shop_id, **{f"v{i}": sku for i, sku in enumerate(keys)}}
    stats, latest = _stats_sql(len(keys))
    avg, count = stats(session, params).first()
    if not count:
        return None
    comment = latest(session, params).scalar_one_or_none()
    return Stats(float(avg), int(count), comment)


@lru_cache(maxsize=32)
def _stats_sql(count: int) -> tuple[Sql, Sql]:
    marks = ", ".join(f":v{i}" for i in range(count))
    rated = ("FROM reviews r WHERE r.shop_id = :shop_id AND r.rating IS NOT NULL AND EXISTS (SELECT 1 FROM order_items i "
             f"WHERE i.order_id = r.order_id AND i.sku IN ({marks}))")
    return (Sql(f"SELECT avg(r.rating) AS average, count(r.id) AS rated {rated}"),
            Sql(f"SELECT r.comment {rated} AND r.comment IS NOT NULL ORDER BY r.rated_at DESC, r.id DESC LIMIT 1"))
