"""A category page is read one page at a time, in name order, with the category's size, on
SQLite and PostgreSQL; the index serves it without reading the rest of the shop."""

from __future__ import annotations

import pytest
from sqlalchemy import select, text, update

from catalog.db_catalog import DbCatalog, IndexCache
from storage import catalog_queries as q
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
        s.execute(update(Product).where(Product.name == names[0]).values(visible=False))
        shown, total = catalog.category_slice(keripik, 0, 4)
        assert [p.name for p in shown] == names[1:5] and total == 5
        s.rollback()


@pytest.mark.parametrize("statement", [q._CATEGORY_SLICE, q._CATEGORY_SIZE], ids=["page", "count"])
def test_a_page_and_its_count_are_found_through_the_category_page_index(db_url, statement):
    _, sessions = seeded_engine(db_url)
    params = {"shop_id": 1, "category_id": 1, "yes": True, "offset": 0, "limit": 8}
    with sessions() as s:
        if s.get_bind().dialect.name == "postgresql":
            if statement is q._CATEGORY_SIZE:  # on a few rows any index of the shop's costs the same to it
                pytest.skip("PostgreSQL's choice between equal-cost indexes on a tiny table says nothing")
            s.execute(text("SET LOCAL enable_seqscan = off"))  # a few rows: ask whether it *can* use the index
            plan = " | ".join(r[0] for r in s.execute(text("EXPLAIN " + statement.sqlite), params))
        else:
            plan = " | ".join(str(r[-1]) for r in s.execute(text("EXPLAIN QUERY PLAN " + statement.sqlite), params))
            assert "TEMP B-TREE" not in plan, plan  # the index gives the order; nothing is sorted
        assert "ix_products_category_page" in plan, plan
