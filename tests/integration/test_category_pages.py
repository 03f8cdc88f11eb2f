"""A category page is read one page at a time, in name order, with the category's size, on
SQLite and PostgreSQL; the index serves it without reading the rest of the shop."""

from __future__ import annotations

from sqlalchemy import select, text, update

from adapters.catalog import DbCatalog, IndexCache
from storage import products as products_db
from storage import shops as shops_db
from storage.models import Category, Product
from tests.support import seeded_engine


def test_pages_come_in_name_order_with_the_visible_total(db_url):
    _, sessions = seeded_engine(db_url)
    with sessions() as s:
        keripik = s.execute(select(Category.id).where(Category.name == "Keripik")).scalar_one()
        names = sorted(s.execute(select(Product.name).where(Product.category_id == keripik)).scalars())
        catalog = DbCatalog(s, 1, IndexCache())
        first, total = catalog.category_slice(keripik, 0, 4)
        rest, again = catalog.category_slice(keripik, 4, 4)
        assert [p.name for p in first + rest] == names and total == again == len(names) == 6
        assert catalog.category_slice(keripik, 8, 4) == ([], 0)  # past the end
        # Hidden as the seller's change hides it (effects.catalog): the version moves with it, and
        # the category's size, remembered per version, is counted again.
        s.execute(update(Product).where(Product.name == names[0]).values(visible=False))
        shops_db.bump_catalog_version(s, 1)
        shown, total = catalog.category_slice(keripik, 0, 4)
        assert [p.name for p in shown] == names[1:5] and total == 5
        s.rollback()


PAGE = {"shop_id": 1, "category_id": 1, "yes": True, "offset": 0, "limit": 8}


def sqlite_plan(sessions, statement) -> str:
    with sessions() as s:
        return " | ".join(str(r[-1]) for r in s.execute(text("EXPLAIN QUERY PLAN " + statement.sqlite), PAGE))


def test_a_page_is_found_through_the_category_page_index(db_url):
    _, sessions = seeded_engine(db_url)
    if db_url.startswith("sqlite"):
        plan = sqlite_plan(sessions, products_db._CATEGORY_SLICE)
        assert "TEMP B-TREE" not in plan, plan  # the index gives the order; nothing is sorted
    else:
        with sessions() as s:
            s.execute(text("SET LOCAL enable_seqscan = off"))  # a few rows: ask whether it *can* use the index
            plan = " | ".join(r[0] for r in s.execute(text("EXPLAIN " + products_db._CATEGORY_SLICE.sqlite), PAGE))
    assert "ix_products_category_page" in plan, plan


def test_a_category_is_counted_from_the_index_alone(sqlite_url):
    _, sessions = seeded_engine(sqlite_url)
    assert "COVERING INDEX ix_products_category_page" in sqlite_plan(sessions, products_db._CATEGORY_SIZE)
