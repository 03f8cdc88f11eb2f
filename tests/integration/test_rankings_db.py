"""A ranking narrowed by words reads only the products the words name (DbCatalog.naming) or
the categories they name (in_categories): on a real database they give what the in-memory
catalog gives over every visible row, hidden products left out, today's stock included."""

from __future__ import annotations

import pytest
from sqlalchemy import update

from adapters import catalog as catalog_adapter
from adapters.catalog import DbCatalog, IndexCache, to_product
from catalog.products import MemoryCatalog
from storage import products as products_db
from storage.db import unit_of_work
from storage.models import Product
from tests.support import seeded_engine


@pytest.fixture
def sessions(db_url):
    _, sessions = seeded_engine(db_url)
    with unit_of_work(sessions) as s:  # a hidden product is never ranked
        s.execute(update(Product).where(Product.sku == "SBL-IJO").values(visible=False))
        s.commit()
    return sessions


def shape(families) -> list[tuple[str, ...]]:
    return sorted(tuple(o.sku for o in f.options) + (str(f.lead.stock),) for f in families)


WORDS = [["sambal"], ["sambal", "bawang"], ["nastr"], ["tempe"], ["ijo"], ["frozen"], ["isi", "10"]]


def test_naming_reads_what_the_whole_catalog_would_name(sessions, monkeypatch):
    monkeypatch.setattr(catalog_adapter, "KEYS_PER_READ", 2)  # several reads, joined in order
    with unit_of_work(sessions) as s:
        db = DbCatalog(s, 1, IndexCache())
        memory = MemoryCatalog([to_product(r) for r in products_db.fetch_products(s, 1)])
        for words in WORDS:  # one database for all: a demo shop loaded per word cost more than the test
            assert shape(db.naming(words)) == shape(memory.naming(words)), words
        assert memory.naming(["ijo"]) == []  # hidden
        assert len(memory.naming(["sambal", "bawang"])) == 2


def test_in_categories_reads_every_visible_product_of_them(sessions):
    with unit_of_work(sessions) as s:
        db = DbCatalog(s, 1, IndexCache())
        memory = MemoryCatalog([to_product(r) for r in products_db.fetch_products(s, 1)])
        ids = [c.id for c in db.categories() if c.name in ("Sambal", "Minuman")]
        assert len(ids) == 2
        assert shape(db.in_categories(ids)) == shape(memory.in_categories(ids))
        assert len(db.in_categories(ids)) == 4 + 4  # Sambal Ijo hidden


def test_the_rows_at_a_price_are_every_visible_one_oldest_first(sessions):
    with unit_of_work(sessions) as s:
        db = DbCatalog(s, 1, IndexCache())
        every = [to_product(r) for r in products_db.fetch_products(s, 1)]
        memory = MemoryCatalog(every)
        for price in {p.price for p in every} | {1}:
            assert [p.sku for p in db.at_price(price)] == [p.sku for p in memory.at_price(price)]
        assert len(db.at_price(18_000)) >= 2 and "SBL-IJO" not in [p.sku for p in db.at_price(18_000)]


def test_a_category_s_first_rows_by_price_and_by_units_sold(sessions):
    from orders.lifecycle import Action
    from tests.integration.orders_support import act, add_customer, place

    buyer = add_customer(sessions, "budi")
    act(sessions, place(sessions, buyer, lines=(("SBL-BWG", 3), ("SBL-ROA", 1), ("KRP-TMP", 5))), Action.CONFIRM)
    with unit_of_work(sessions) as s:
        db = DbCatalog(s, 1, IndexCache())
        memory = MemoryCatalog([to_product(r) for r in products_db.fetch_products(s, 1)],
                               sold=db.units_sold(["SBL-BWG", "SBL-ROA", "KRP-TMP"]))
        sambal = next(c.id for c in db.categories() if c.name == "Sambal")
        for by in ("cheap", "dear", "sold"):
            assert [p.sku for p in db.leading(by, 3, sambal)] == [p.sku for p in memory.leading(by, 3, sambal)], by
        assert [p.sku for p in db.leading("sold", 5, sambal)] == ["SBL-BWG", "SBL-ROA"]  # not the keripik
        assert [p.sku for p in db.at_price(18_000, sambal)] == ["SBL-BWG"]  # Sambal Ijo hidden, kentang not a sambal
