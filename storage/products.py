"""Catalog reads and the stock updates that must be atomic on every backend."""

from __future__ import annotations

from collections.abc import Sequence

from functools import lru_cache

from sqlalchemy import Row, select, update
from sqlalchemy.orm import Session

from storage.fastsql import Sql
from storage.models import Category, Product, Shop

_PRODUCTS = ("SELECT p.id, p.sku, p.name, p.category_id, c.name AS category, p.price, p.stock, p.description, "
             "p.image_url, p.visible FROM products p LEFT JOIN categories c ON c.id = p.category_id ")
_VISIBLE = Sql(_PRODUCTS + "WHERE p.shop_id = :shop_id AND p.visible = :yes ORDER BY c.position, p.name")
_ALL = Sql(_PRODUCTS + "WHERE p.shop_id = :shop_id ORDER BY c.position, p.name")
# A category page and the category's size: ix_products_category_page serves the filter and the
# order of the one and covers the other, so a page costs the same in a category of ten or of
# ten thousand. (One statement with COUNT(*) OVER () reads the whole category and sorts it.)
_CATEGORY_SLICE = Sql(_PRODUCTS + "WHERE p.shop_id = :shop_id AND p.category_id = :category_id AND p.visible = :yes "
                      "ORDER BY p.name, p.id LIMIT :limit OFFSET :offset")
_CATEGORY_SIZE = Sql("SELECT COUNT(*) FROM products WHERE shop_id = :shop_id AND category_id = :category_id "
                     "AND visible = :yes")
_CATEGORIES = Sql(
    "SELECT c.id, c.name, COUNT(p.id) AS count FROM categories c "
    "JOIN products p ON p.category_id = c.id AND p.visible = :yes "
    "WHERE c.shop_id = :shop_id GROUP BY c.id, c.name, c.position ORDER BY c.position, c.name"
)
_VERSION = Sql("SELECT catalog_version FROM shops WHERE id = :shop_id")


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


def fetch_categories(session: Session, shop_id: int) -> Sequence[Row]:
    return _CATEGORIES(session, {"shop_id": shop_id, "yes": True}).all()


def fetch_catalog_version(session: Session, shop_id: int) -> int:
    return _VERSION(session, {"shop_id": shop_id}).scalar_one()


def bump_catalog_version(session: Session, shop_id: int) -> None:
    session.execute(update(Shop).where(Shop.id == shop_id).values(catalog_version=Shop.catalog_version + 1))


def take_stock(session: Session, product_id: int, qty: int) -> bool:
    """Take qty units if that many are left; one conditional UPDATE, so two buyers of
    the last unit cannot both win on SQLite or PostgreSQL."""
    result = session.execute(
        update(Product)
        .where(Product.id == product_id, Product.stock >= qty)
        .values(stock=Product.stock - qty)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount == 1


def return_stock(session: Session, product_id: int, qty: int) -> None:
    session.execute(
        update(Product).where(Product.id == product_id).values(stock=Product.stock + qty)
        .execution_options(synchronize_session=False)
    )


def ensure_categories(session: Session, shop_id: int, names: Sequence[str]) -> dict[str, int]:
    existing = {c.name: c for c in session.execute(select(Category).where(Category.shop_id == shop_id)).scalars()}
    position = max((c.position for c in existing.values()), default=0)
    for name in dict.fromkeys(names):
        if name not in existing:
            position += 1
            existing[name] = Category(shop_id=shop_id, name=name, position=position)
            session.add(existing[name])
    session.flush()
    return {name: c.id for name, c in existing.items()}


def upsert_product(session: Session, shop_id: int, sku: str, fields: dict[str, object]) -> bool:
    """Updates the product with this sku or creates it; True when created."""
    product = session.execute(select(Product).where(Product.shop_id == shop_id, Product.sku == sku)).scalar_one_or_none()
    if product is None:
        session.add(Product(shop_id=shop_id, sku=sku, **fields))
        return True
    for key, value in fields.items():
        setattr(product, key, value)
    return False
