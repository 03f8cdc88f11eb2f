"""A search reads only the rows of the products it found: at 10,000 products a read that walked
the shop's every product cost 1.5 ms a search message, inside the write-locked transaction.
(Which rows come back, options and hidden ones included, is tests/integration/test_options_db.py's.)"""

from __future__ import annotations

import sqlite3

from storage import products as products_db


def test_a_familys_rows_are_found_by_key_not_by_reading_the_whole_shop(sqlite_url):
    statement = products_db._family_sql(3, True).sqlite
    with sqlite3.connect(sqlite_url.split("///", 1)[1]) as db:
        plan = [row[-1] for row in db.execute("EXPLAIN QUERY PLAN " + statement,
                                               {"shop_id": 1, "yes": True, "v0": 1, "v1": 2, "v2": 3})]
    assert not any(step.startswith("SCAN") for step in plan), plan
    assert any("PRIMARY KEY" in step for step in plan) and any("ix_products_family" in step for step in plan), plan
    # the shop's own index, if used at all, is narrowed to the ids found (shop_id=? AND rowid=?)
    assert all("rowid=?" in step for step in plan if "ix_products_shop_id" in step), plan

