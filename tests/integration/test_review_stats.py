"""A product page's rating (storage.reviews.product_stats, plain SQL) on SQLite and PostgreSQL:
only rated reviews of orders holding one of the product's skus count, the latest comment shows."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from storage import reviews as reviews_db
from storage.db import unit_of_work
from storage.models import Order
from storage.regular_models import Review
from tests.integration.orders_support import add_customer, place
from tests.support import NOW, seeded_engine


def review(sessions, code: str, rating: int | None, comment: str | None, minutes: int) -> None:  # type: ignore[no-untyped-def]
    with unit_of_work(sessions) as s:
        order = s.execute(select(Order).where(Order.code == code)).scalar_one()
        s.add(Review(shop_id=1, order_id=order.id, customer_id=order.customer_id, due_at=NOW, rating=rating,
                     comment=comment, rated_at=NOW + timedelta(minutes=minutes) if rating else None, complaint=False))
        s.commit()


def test_a_products_rating_counts_the_rated_orders_that_held_it_and_shows_the_latest_comment(db_url):
    _, sessions = seeded_engine(db_url)
    siti, budi = add_customer(sessions, "siti"), add_customer(sessions, "budi")
    review(sessions, place(sessions, siti, lines=(("KRP-TMP", 1),)), 5, "renyah", 1)
    review(sessions, place(sessions, budi, lines=(("KRP-TMP", 1), ("SBL-BWG", 1))), 2, None, 3)  # latest, no comment
    review(sessions, place(sessions, budi, lines=(("SBL-BWG", 1),)), 1, "pedas sekali", 5)  # another product
    review(sessions, place(sessions, siti, lines=(("KRP-TMP", 2),)), None, None, 0)  # asked, never rated
    with unit_of_work(sessions) as s:
        assert reviews_db.product_stats(s, 1, ["KRP-TMP"]) == reviews_db.Stats(3.5, 2, "renyah")
        assert reviews_db.product_stats(s, 1, ["KRP-TMP", "SBL-BWG", "KRP-TMP"]) == reviews_db.Stats(8 / 3, 3, "pedas sekali")
        assert reviews_db.product_stats(s, 1, ["NASTAR"]) is None
        assert reviews_db.product_stats(s, 2, ["KRP-TMP"]) is None  # another shop's page
        assert reviews_db.product_stats(s, 1, []) is None
