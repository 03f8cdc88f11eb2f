"""products: the catalog reads on the message path (plain SQL, see storage.fastsql), stock
taken and returned by conditional updates (two buyers of the last unit never both win), and
the seller's conditional changes to one product."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import Row, delete, exists, select, update
from sqlalchemy.orm import Session

from storage.fastsql import Sql
from storage.models import OrderItem, Product


_PRODUCTS = ("SELECT p.id, p.sku, p.name, p.category_id, c.name AS category, p.price, p.stock, p.description, "
             "p.image_url, p.visible, p.family_id, p.option_label, p.option_kind, "
             "p.daily_quota, p.sold_out_on, p.po_closes, p.po_delivery, p.po_days "
             "FROM products p LEFT JOIN categories c ON c.id = p.category_id ")


_VISIBLE = Sql(_PRODUCTS + "WHERE p.shop_id = :shop_id AND p.visible = :yes ORDER BY c.position, p.name, p.id")


_ALL = Sql(_PRODUCTS + "WHERE p.shop_id = :shop_id ORDER BY c.position, p.name, p.id")


# A category page and the category's size: ix_products_category_page serves the filter and the
# order of the one and covers the other, so a page costs the same in a category of ten or of
# ten thousand. (One statement with COUNT(*) OVER () reads the whole category and sorts it.)
# A product with options is listed once, by its first visible option (the lead): a product
# without options (family_id NULL) is its own lead and costs no extra look-up.
_LEAD = ("(p.family_id IS NULL OR NOT EXISTS (SELECT 1 FROM products q WHERE q.family_id = p.family_id "
         "AND q.visible = :yes AND q.id < p.id))")
_CATEGORY_SLICE = Sql(_PRODUCTS + "WHERE p.shop_id = :shop_id AND p.category_id = :category_id AND p.visible = :yes "
                      f"AND {_LEAD} ORDER BY p.name, p.id LIMIT :limit OFFSET :offset")


_CATEGORY_SIZE = Sql("SELECT COUNT(*) FROM products p WHERE p.shop_id = :shop_id AND p.category_id = :category_id "
                     f"AND p.visible = :yes AND {_LEAD}")


def _products_where(session: Session, shop_id: int, column: str, values: Sequence[object]) -> Sequence[Row]:
    """Products whose column is one of values; the IN list is built per length, values stay bound."""
    if not values:
        return []
    names = {f"v{i}": v for i, v in enumerate(values)}
    sql = _in_sql(column, len(values))
    return sql(session, {"shop_id": shop_id, **names}).all()


@lru_cache(maxsize=64)
def _in_sql(column: str, count: int) -> Sql:
    marks = ", ".join(f":v{i}" for i in range(count))
    return Sql(_PRODUCTS + f"WHERE p.shop_id = :shop_id AND p.{column} IN ({marks})")


def fetch_products(session: Session, shop_id: int, *, visible_only: bool = True) -> Sequence[Row]:
    if visible_only:
        return _VISIBLE(session, {"shop_id": shop_id, "yes": True}).all()
    return _ALL(session, {"shop_id": shop_id}).all()


@lru_cache(maxsize=None)
def _ranked_sql(tail: str, in_category: bool) -> Sql:
    """Visible rows of a shop, or of one of its categories, with `tail` (an order and a limit, or a price)."""
    return Sql(_PRODUCTS + "WHERE p.shop_id = :shop_id AND p.visible = :yes "
               + ("AND p.category_id = :category_id " if in_category else "") + tail)


def fetch_at_price(session: Session, shop_id: int, price: int, category_id: int | None = None) -> Sequence[Row]:
    sql = _ranked_sql("AND p.price = :price ORDER BY p.id", category_id is not None)
    return sql(session, {"shop_id": shop_id, "yes": True, "price": price, "category_id": category_id}).all()


def fetch_by_price(session: Session, shop_id: int, *, cheapest: bool, limit: int,
                   category_id: int | None = None) -> Sequence[Row]:
    """Visible rows by price, `limit` of them: one sort of the shop's rows in SQL (~3 ms at 10,000)
    where reading them all to rank them in Python took ~150 ms of the message's transaction."""
    sql = _ranked_sql(f"ORDER BY p.price{'' if cheapest else ' DESC'}, p.id LIMIT :limit", category_id is not None)
    return sql(session, {"shop_id": shop_id, "yes": True, "limit": limit, "category_id": category_id}).all()


_IN_CATEGORY = Sql(_PRODUCTS + "WHERE p.shop_id = :shop_id AND p.category_id = :category_id AND p.visible = :yes "
                   "ORDER BY p.name, p.id")


def fetch_in_categories(session: Session, shop_id: int, category_ids: Sequence[int]) -> list[Row]:
    """Every visible row (option) of these categories, each category's by name."""
    return [r for category_id in dict.fromkeys(category_ids)
            for r in _IN_CATEGORY(session, {"shop_id": shop_id, "category_id": category_id, "yes": True}).all()]


def fetch_category_slice(session: Session, shop_id: int, category_id: int, offset: int, limit: int) -> Sequence[Row]:
    """Visible products of a category by name, `limit` of them from `offset`."""
    return _CATEGORY_SLICE(session, {"shop_id": shop_id, "category_id": category_id, "yes": True,
                                     "offset": offset, "limit": limit}).all()


def count_in_category(session: Session, shop_id: int, category_id: int) -> int:
    return _CATEGORY_SIZE(session, {"shop_id": shop_id, "category_id": category_id, "yes": True}).scalar_one()


def fetch_products_by_sku(session: Session, shop_id: int, skus: Sequence[str]) -> Sequence[Row]:
    return _products_where(session, shop_id, "sku", list(dict.fromkeys(skus)))


def fetch_products_by_id(session: Session, shop_id: int, ids: Sequence[int]) -> Sequence[Row]:
    return _products_where(session, shop_id, "id", list(dict.fromkeys(ids)))


# The ids come from two index look-ups (the primary key, ix_products_family) joined by UNION:
# written as `p.id IN (...) OR p.family_id IN (...)` next to `p.shop_id = ...`, SQLite's planner
# chose ix_products_shop_id and read every product of the shop, 1.5 ms a search at 10,000
# products (every search message made that read; docs/PERFORMANCE.md) against 0.02 ms.
@lru_cache(maxsize=64)
def _family_sql(count: int, visible_only: bool) -> Sql:
    marks = ", ".join(f":v{i}" for i in range(count))
    visible = "AND p.visible = :yes " if visible_only else ""
    return Sql(_PRODUCTS + f"WHERE p.shop_id = :shop_id {visible}AND p.id IN (SELECT id FROM products WHERE id IN ({marks}) "
               f"UNION SELECT id FROM products WHERE family_id IN ({marks})) ORDER BY p.id")


def fetch_families(session: Session, shop_id: int, families: Sequence[int], *, visible_only: bool = True) -> Sequence[Row]:
    """Every row (option) of these products, by family key (a product's own id when it has no options)."""
    keys = list(dict.fromkeys(families))
    if not keys:
        return []
    params = {"shop_id": shop_id, "yes": True, **{f"v{i}": v for i, v in enumerate(keys)}}
    return _family_sql(len(keys), visible_only)(session, params).all()


# A product made to order (a daily quota or a pre-order) keeps no stock: its limit is the quota.
MADE_TO_ORDER = "(daily_quota IS NOT NULL OR po_delivery IS NOT NULL OR po_days IS NOT NULL)"

_TAKE = Sql(f"UPDATE products SET stock = CASE WHEN {MADE_TO_ORDER} THEN stock ELSE stock - :qty END "
            f"WHERE id = :id AND (sold_out_on IS NULL OR sold_out_on <> :day) AND ({MADE_TO_ORDER} OR stock >= :qty)")

_RETURN = Sql(f"UPDATE products SET stock = CASE WHEN {MADE_TO_ORDER} THEN stock ELSE stock + :qty END WHERE id = :id")


def take_stock(session: Session, product_id: int, qty: int, day: str = "") -> bool:
    """Take qty units if that many are left and the product is not sold out for `day` (the
    shop-local day the order is made for); one conditional UPDATE, so two buyers of the last
    unit cannot both win on SQLite or PostgreSQL. It also locks the row: a quota product's
    day count (storage.daily_sales) is raised after it, in the same product-id order."""
    return _TAKE(session, {"id": product_id, "qty": qty, "day": day}).rowcount == 1


def return_stock(session: Session, product_id: int, qty: int) -> None:
    _RETURN(session, {"id": product_id, "qty": qty})


def upsert_product(session: Session, shop_id: int, sku: str, fields: dict[str, object]) -> bool:
    """Updates the product with this sku or creates it; True when created."""
    product = session.execute(select(Product).where(Product.shop_id == shop_id, Product.sku == sku)).scalar_one_or_none()
    if product is None:
        session.add(Product(shop_id=shop_id, sku=sku, **fields))
        return True
    for key, value in fields.items():
        setattr(product, key, value)
    return False


# Product columns a seller may change by chat, and nothing else.
CHANGEABLE = ("stock", "price", "visible", "image_url", "low_stock_threshold", "daily_quota", "sold_out_on",
              "po_closes", "po_delivery", "po_days")


_DESK_PRODUCTS = ("SELECT p.id, p.sku, p.name, c.name AS category, p.price, p.stock, p.visible, p.image_url, "
             "p.low_stock_threshold, p.family_id, p.option_label, p.daily_quota, p.sold_out_on, p.po_closes, "
             "p.po_delivery, p.po_days FROM products p "
             "LEFT JOIN categories c ON c.id = p.category_id WHERE p.shop_id = :shop_id ")


_ALL_DESK_PRODUCTS = Sql(_DESK_PRODUCTS + "ORDER BY p.name, p.id")


_CHANGE = {field: Sql(f"UPDATE products SET {field} = :after WHERE id = :id AND shop_id = :shop_id "
                      f"AND {field} IS :before",
                      f"UPDATE products SET {field} = :after WHERE id = :id AND shop_id = :shop_id "
                      f"AND {field} IS NOT DISTINCT FROM :before")
           for field in CHANGEABLE}


@lru_cache(maxsize=32)
def _products_in(count: int) -> Sql:
    return Sql(_DESK_PRODUCTS + f"AND p.id IN ({', '.join(f':v{i}' for i in range(count))}) ORDER BY p.name, p.id")


@lru_cache(maxsize=32)
def _desk_families(count: int) -> Sql:
    marks = ", ".join(f":v{i}" for i in range(count))
    return Sql(_DESK_PRODUCTS + f"AND (p.id IN ({marks}) OR p.family_id IN ({marks})) ORDER BY p.name, p.id")


def fetch_seller_families(session: Session, shop_id: int, families: Sequence[int]) -> Sequence[Row]:
    """Every option of these products as a seller sees them (hidden ones too), by family key."""
    keys = list(dict.fromkeys(families))
    if not keys:
        return []
    return _desk_families(len(keys))(session, {"shop_id": shop_id, **{f"v{i}": v for i, v in enumerate(keys)}}).all()


def fetch_seller_products(session: Session, shop_id: int, ids: Sequence[int] | None = None) -> Sequence[Row]:
    """Products as a seller sees them, hidden ones included; all of them unless ids are given."""
    if ids is None:
        return _ALL_DESK_PRODUCTS(session, {"shop_id": shop_id}).all()
    unique = list(dict.fromkeys(ids))
    if not unique:
        return []
    return _products_in(len(unique))(session, {"shop_id": shop_id, **{f"v{i}": v for i, v in enumerate(unique)}}).all()


def change_product(session: Session, shop_id: int, product_id: int, field: str, before: Any, after: Any) -> bool:
    """Sets one field from `before` to `after` in one conditional UPDATE; False when it no longer was `before`."""
    params = {"id": product_id, "shop_id": shop_id, "before": before, "after": after}
    return _CHANGE[field](session, params).rowcount == 1


def fetch_skus(session: Session, shop_id: int, prefix: str) -> set[str]:
    return set(session.execute(select(Product.sku).where(Product.shop_id == shop_id,
                                                         Product.sku.startswith(prefix))).scalars())


def add_product(session: Session, shop_id: int, sku: str, name: str, category_id: int, price: int, stock: int,
                now: datetime, image_url: str | None = None, *, family_id: int | None = None,
                option: str | None = None, option_kind: str | None = None) -> int:
    product = Product(shop_id=shop_id, sku=sku, name=name, category_id=category_id, price=price, stock=stock,
                      description="", visible=True, image_url=image_url, created_at=now, updated_at=now,
                      family_id=family_id, option_label=option, option_kind=option_kind)
    session.add(product)
    session.flush()
    if option is not None and family_id is None:  # the first option: the product's family is named after it
        product.family_id = product.id
        session.flush()
    return product.id


def set_family(session: Session, shop_id: int, product_id: int, family_id: int | None, option: str | None,
               option_kind: str | None) -> None:
    session.execute(update(Product).where(Product.id == product_id, Product.shop_id == shop_id)
                    .values(family_id=family_id, option_label=option, option_kind=option_kind)
                    .execution_options(synchronize_session=False))


def fetch_families_by_name(session: Session, shop_id: int, names: Sequence[str]) -> dict[str, int]:
    """The family of each named product that has options: {name: family key}."""
    if not names:
        return {}
    rows = session.execute(select(Product.name, Product.family_id).where(
        Product.shop_id == shop_id, Product.name.in_(list(names)), Product.family_id.is_not(None))
        .order_by(Product.family_id)).all()
    found: dict[str, int] = {}
    for name, family_id in rows:
        found.setdefault(name, family_id)
    return found


def delete_unsold_products(session: Session, shop_id: int, product_ids: Sequence[int]) -> bool:
    """Deletes products no order mentions (undoing ones just created, every option of one
    product at once); False, deleting nothing, when any of them was sold."""
    ids = list(dict.fromkeys(product_ids))
    sold = session.execute(select(OrderItem.id).where(OrderItem.product_id.in_(ids)).limit(1)).first()
    if sold is not None:
        return False
    result = session.execute(delete(Product).where(Product.id.in_(ids), Product.shop_id == shop_id)
                             .execution_options(synchronize_session=False))
    return result.rowcount == len(ids)


def delete_unsold_product(session: Session, shop_id: int, product_id: int) -> bool:
    """Deletes a product no order mentions (undoing one just created); False otherwise."""
    result = session.execute(
        delete(Product)
        .where(Product.id == product_id, Product.shop_id == shop_id,
               ~exists().where(OrderItem.product_id == Product.id))
        .execution_options(synchronize_session=False)
    )
    return result.rowcount == 1


def fetch_low_stock(session: Session, shop_id: int) -> Sequence[Row]:
    """Visible products at or under their own low-stock threshold, emptiest first."""
    stmt = (select(Product.id, Product.name, Product.option_label, Product.stock, Product.low_stock_threshold)
            .where(Product.shop_id == shop_id, Product.visible.is_(True), Product.stock <= Product.low_stock_threshold)
            .order_by(Product.stock, Product.name))
    return session.execute(stmt).all()


_BEST_SELLERS = Sql(
    "SELECT p.name FROM products p LEFT JOIN (SELECT product_id, SUM(qty) AS sold FROM order_items "
    "WHERE shop_id = :shop_id GROUP BY product_id) s ON s.product_id = p.id "
    "WHERE p.shop_id = :shop_id AND p.visible = :yes AND p.stock > 0 "
    "ORDER BY COALESCE(s.sold, 0) DESC, p.id LIMIT :limit")


def fetch_best_sellers(session: Session, shop_id: int, limit: int = 6) -> list[str]:
    """Names of the visible products in stock that sold most (by units), else the oldest ones; a
    product with options (rows of one name) once."""
    rows = _BEST_SELLERS(session, {"shop_id": shop_id, "yes": True, "limit": limit}).all()
    return list(dict.fromkeys(r[0] for r in rows))


def hide_except(session: Session, shop_id: int, skus: set[str]) -> int:
    """Hides every visible product of the shop whose sku is not in `skus`; returns how many."""
    stmt = update(Product).where(Product.shop_id == shop_id, Product.visible.is_(True))
    if skus:
        stmt = stmt.where(Product.sku.not_in(sorted(skus)))
    return session.execute(stmt.values(visible=False).execution_options(synchronize_session=False)).rowcount


def fetch_product_by_sku(session: Session, shop_id: int, sku: str) -> Product | None:
    return session.execute(select(Product).where(Product.shop_id == shop_id, Product.sku == sku)).scalar_one_or_none()


def fetch_images_outside_store(session: Session, shop_id: int | None = None) -> Sequence[Row]:
    """(id, shop_id, image_url) of products whose picture is no URL and no /media/ path: a server
    path or a Telegram file id kept before the media store (the caller decides which it is)."""
    query = select(Product.id, Product.shop_id, Product.image_url).where(
        Product.image_url.is_not(None), Product.image_url != "", ~Product.image_url.startswith("/media/"),
        ~Product.image_url.startswith("http://"), ~Product.image_url.startswith("https://"))
    if shop_id is not None:
        query = query.where(Product.shop_id == shop_id)
    return session.execute(query.order_by(Product.id)).all()


def set_image(session: Session, product_id: int, ref: str, before: str) -> None:
    """The picture changed only if it is still the one read (a seller may have sent a new one meanwhile)."""
    session.execute(update(Product).where(Product.id == product_id, Product.image_url == before).values(image_url=ref))
