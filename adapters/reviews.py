"""The database behind the review port: a product's rating for its page."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from conversations.ports import Rating
from storage import reviews as reviews_db


# A rating typed instead of pressed ("4", "bintang 5") answers an ask at most this old.
ASK_OPEN_FOR = timedelta(days=7)


class DbReviews:
    def __init__(self, session: Session, shop_id: int, now: datetime):
        self._session = session
        self._shop_id = shop_id
        self._now = now

    def awaiting(self, customer_id: int) -> str | None:
        return reviews_db.awaiting(self._session, self._shop_id, customer_id, self._now - ASK_OPEN_FOR)

    def rating(self, skus: Sequence[str]) -> Rating | None:
        stats = reviews_db.product_stats(self._session, self._shop_id, skus)
        return Rating(stats.average, stats.count, stats.comment) if stats else None
