"""The database behind the review port: a product's rating for its page."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.orm import Session

from conversations.ports import Rating
from storage import reviews as reviews_db


class DbReviews:
    def __init__(self, session: Session, shop_id: int):
        self._session = session
        self._shop_id = shop_id

    def rating(self, skus: Sequence[str]) -> Rating | None:
        stats = reviews_db.product_stats(self._session, self._shop_id, skus)
        return Rating(stats.average, stats.count, stats.comment) if stats else None
