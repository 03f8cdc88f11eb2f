"""The search indexes kept across shops are bounded (adapters.catalog.DOCS_KEPT): an install
hosting many shops drops the least recently searched shop's index, and builds it again at its
next search, rather than holding every shop's for ever."""

from __future__ import annotations

from adapters.catalog import IndexCache
from storage import shops as shops_db
from storage.db import make_engine, session_factory, unit_of_work
from tests.shops_support import seed


def test_the_least_recently_searched_shop_s_index_is_dropped_first(sqlite_url):
    seed(sqlite_url)  # two shops of one product each
    with unit_of_work(session_factory(make_engine(sqlite_url))) as s:
        a, b = (shops_db.fetch_open_shop_for_slug(s, slug).id for slug in ("batik-sekar", "kue-ani"))
        cache = IndexCache(docs_kept=2)
        a1, b1 = cache.entry(s, a), cache.entry(s, b)
        assert cache.entry(s, a) is a1 and cache.entry(s, b) is b1  # two products: both kept
        assert cache.entry(s, a) is a1  # a is now the most recently searched
        cache.entry(s, a, include_hidden=True)  # a seller's search: a third product's worth
        assert cache.entry(s, a) is a1
        b2 = cache.entry(s, b)  # dropped, built again: the same answers
        assert b2 is not b1 and [m.id for m in b2.index.search("lapis")] == [m.id for m in b1.index.search("lapis")]
        assert b2.index.search("lapis")

        alone = IndexCache(docs_kept=0)  # a shop larger than the bound is still kept, alone
        a_only = alone.entry(s, a)
        assert alone.entry(s, a) is a_only
        alone.entry(s, b)
        assert alone.entry(s, a) is not a_only
