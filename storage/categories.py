"""categories: a shop's product categories, in their order."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Row, select
from sqlalchemy.orm import Session

from storage.fastsql import Sql
from storage.models import Category


_CATEGORIES = Sql(
    "SELECT c.id, c.name, COUNT(DISTINCT COALESCE(p.family_id, p.id)) AS count FROM categories c "
    "JOIN products p ON p.category_id = c.id AND p.visible = :yes "
    "WHERE c.shop_id = :shop_id GROUP BY c.id, c.name, c.position ORDER BY c.position, c.name"
)


def fetch_categories(session: Session, shop_id: int) -> Sequence[Row]:
    return _CATEGORIES(session, {"shop_id": shop_id, "yes": True}).all()


def ensure_categories(session: Session, shop_id: int, names: Sequence[str]) -> dict[str, int]:
    """{name: id} of every category named, adding the ones the shop lacks. A name differing only
    in capitals is the category the shop has ("kemeja" is "Kemeja"): never a second one."""
    existing = {c.name: c for c in session.execute(select(Category).where(Category.shop_id == shop_id)).scalars()}
    by_lower = {name.lower(): c for name, c in existing.items()}
    position = max((c.position for c in existing.values()), default=0)
    for name in dict.fromkeys(names):
        if name not in existing and name.lower() in by_lower:
            existing[name] = by_lower[name.lower()]
        elif name not in existing:
            position += 1
            existing[name] = by_lower[name.lower()] = Category(shop_id=shop_id, name=name, position=position)
            session.add(existing[name])
    session.flush()
    return {name: c.id for name, c in existing.items()}


def fetch_category_names(session: Session, shop_id: int) -> list[str]:
    return list(session.execute(select(Category.name).where(Category.shop_id == shop_id)
                                .order_by(Category.position, Category.name)).scalars())
