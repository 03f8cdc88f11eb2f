"""daily_sales: units of a quota product taken per shop-local day. A day's row is made once
(INSERT ... ON CONFLICT DO NOTHING) and then raised by one conditional UPDATE that names the
quota, in the order's transaction after the product row is locked (storage.products.take_stock),
so two buyers of the last portion never both win, on SQLite or PostgreSQL."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.orm import Session

from storage.fastsql import Sql

_ENSURE = Sql("INSERT INTO daily_sales (shop_id, product_id, day, sold) VALUES (:shop_id, :product_id, :day, 0) "
              "ON CONFLICT (product_id, day) DO NOTHING")

_TAKE = Sql("UPDATE daily_sales SET sold = sold + :qty WHERE product_id = :product_id AND day = :day "
            "AND sold + :qty <= (SELECT daily_quota FROM products WHERE id = :product_id)")

_GIVE_BACK = Sql("UPDATE daily_sales SET sold = CASE WHEN sold > :qty THEN sold - :qty ELSE 0 END "
                 "WHERE product_id = :product_id AND day = :day")


def take(session: Session, shop_id: int, product_id: int, day: str, qty: int) -> bool:
    """Counts qty units against the product's quota for `day`; False (nothing counted) past it."""
    params = {"shop_id": shop_id, "product_id": product_id, "day": day, "qty": qty}
    _ENSURE(session, params)
    return _TAKE(session, params).rowcount == 1


def give_back(session: Session, product_id: int, day: str, qty: int) -> None:
    _GIVE_BACK(session, {"product_id": product_id, "day": day, "qty": qty})


def sold(session: Session, product_ids: Sequence[int], days: Sequence[str]) -> dict[tuple[int, str], int]:
    """{(product id, day): units taken} for these products on these days (absent: none)."""
    ids, wanted = list(dict.fromkeys(product_ids)), list(dict.fromkeys(days))
    if not ids or not wanted:
        return {}
    marks = ", ".join(f":p{i}" for i in range(len(ids)))
    day_marks = ", ".join(f":d{i}" for i in range(len(wanted)))
    params = {**{f"p{i}": v for i, v in enumerate(ids)}, **{f"d{i}": v for i, v in enumerate(wanted)}}
    rows = Sql(f"SELECT product_id, day, sold FROM daily_sales WHERE product_id IN ({marks}) AND day IN ({day_marks})")(
        session, params).all()
    return {(r.product_id, r.day): r.sold for r in rows}
