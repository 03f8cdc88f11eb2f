"""Catalog reads and the stock updates that must be atomic on every backend."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Row, func, select, update
from sqlalchemy.orm import Session

from storage.models import Category, Product, Shop

PRODUCT_COLUMNS = (
    Product.id, Product.sku, Product.name, Product.category_id, Category.name.label("category"),
    Product.price, Product.stock, Product.description, Product.image_url, Product.visible,
)


def _products():  # type: ignore[no-untyped-def]
    return select(*PRODUCT_COLUMNS).outerjoin(Category, Category.id == Product.category_id)


def fetch_products(session: Session, shop_id: int, *, visible_only: bool = True) -> Sequence[Row]:
    stmt = _products().where(Product.shop_id == shop_id)
    if visible_only:
        stmt = stmt.where(Product.visible.is_(True))
    return session.execute(stmt.order_by(Category.position, Product.name)).all()


def fetch_products_in_category(session: Session, shop_id: int, category_id: int) -> Sequence[Row]:
    stmt = _products().where(Product.shop_id == shop_id, Product.category_id == category_id,
                             Product.visible.is_(True))
    return session.execute(stmt.order_by(Product.name)).all()


def fetch_products_by_sku(session: Session, shop_id: int, skus: Sequence[str]) -> Sequence[Row]:
    if not skus:
        return []
    stmt = _products().where(Product.shop_id == shop_id, Product.sku.in_(list(skus)))
    return session.execute(stmt).all()


def fetch_products_by_id(session: Session, shop_id: int, ids: Sequence[int]) -> Sequence[Row]:
    if not ids:
        return []
    stmt = _products().where(Product.shop_id == shop_id, Product.id.in_(list(ids)))
    return session.execute(stmt).all()


def fetch_categories(session: Session, shop_id: int) -> Sequence[Row]:
    stmt = (
        select(Category.id, Category.name, func.count(Product.id).label("count"))
        .join(Product, (Product.category_id == Category.id) & Product.visible.is_(True))
        .where(Category.shop_id == shop_id)
        .group_by(Category.id, Category.name, Category.position)
        .order_by(Category.position, Category.name)
    )
    return session.execute(stmt).all()


def fetch_catalog_version(session: Session, shop_id: int) -> int:
    return session.execute(select(Shop.catalog_version).where(Shop.id == shop_id)).scalar_one()


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
