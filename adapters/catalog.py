"""CatalogReader over the database, with the search index cached per catalog version; and the
shop's own products as examples (conversations.examples), cached for a minute."""

from __future__ import annotations

import functools
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from sqlalchemy import Row
from sqlalchemy.orm import Session

from catalog import families as fam
from catalog.families import Family, Found
from catalog.products import CategoryInfo, ProductInfo
from catalog.search import SearchIndex
from language.text import normalize
from orders import making
from storage import categories as categories_db
from storage import daily_sales as daily_sales_db
from storage import orders as orders_db
from storage import products as products_db
from storage import shops as shops_db


def to_product(row: Row) -> ProductInfo:
    return ProductInfo(
        id=row.id, sku=row.sku, name=row.name, category_id=row.category_id,
        category=row.category or "", price=row.price, stock=row.stock,
        description=row.description or "", image_url=row.image_url, visible=bool(row.visible),
        family_id=row.family_id, option=row.option_label, option_kind=row.option_kind,
        daily_quota=row.daily_quota, sold_out_on=row.sold_out_on, po_closes=row.po_closes,
        po_delivery=row.po_delivery, po_days=row.po_days,
    )


def fit_to_day(session: Session, products: list[ProductInfo], today: str | None) -> list[ProductInfo]:
    """Each product's stock as what a customer can order today: a quota's rest (one read for
    the quota products), nothing while "habis hari ini" or after a pre-order closed."""
    if today is None or not any(p.made_to_order or p.sold_out_on for p in products):
        return products
    quota = [p for p in products if p.daily_quota is not None]
    sold = daily_sales_db.sold(session, [p.id for p in quota], sorted({making.display_day(p, today) for p in quota}))
    return [replace(p, stock=making.available(p, p.stock, today, sold)) for p in products]


@dataclass(frozen=True)
class Indexed:
    """What a catalog version gives the message path: the search index (a document per
    product, its options as keywords) and the shop's size numbers."""

    index: SearchIndex
    sizes: frozenset[int]


SIZES_KEPT = 10_000  # category sizes remembered, across shops
# Products whose search indexes are kept, across shops, the least recently searched dropped first:
# an index holds ~1.4 KB a product, so an install hosting a thousand shops of a hundred products
# would otherwise grow by ~140 MB as their customers come. A dropped shop's next search builds its
# index again (~12 ms for a hundred products); one shop larger than this is still kept, alone.
DOCS_KEPT = 30_000
KEYS_PER_READ = 1_000  # products per IN list: each key is bound twice, well under any driver's limit


class IndexCache:
    """Search indexes by shop, rebuilt only when names or visibility change (catalog_version)."""

    EXAMPLES_TTL = 60.0  # best sellers move slowly; a greeting need not query them each time

    def __init__(self, docs_kept: int = DOCS_KEPT) -> None:
        self._lock = threading.Lock()
        self._docs_kept = docs_kept
        self._entries: OrderedDict[tuple[int, bool], tuple[int, Indexed]] = OrderedDict()  # least recent first
        self._examples: dict[int, tuple[float, int, list[str], str | None]] = {}
        self._categories: dict[int, tuple[int, list[CategoryInfo]]] = {}
        self._sizes: dict[tuple[int, int], tuple[int, int]] = {}

    def examples(self, session: Session, shop_id: int) -> tuple[list[str], str | None]:
        """(best sellers, a few so that two examples can name two different products; a product
        low on stock) of the shop: re-read when the catalog changed (a new shop's first products
        show at once) or sales may have moved them (a minute)."""
        version = shops_db.fetch_catalog_version(session, shop_id)
        hit = self._examples.get(shop_id)
        if hit and hit[1] == version and time.monotonic() - hit[0] < self.EXAMPLES_TTL:
            return hit[2], hit[3]
        best = products_db.fetch_best_sellers(session, shop_id)
        low = next((r.name for r in products_db.fetch_low_stock(session, shop_id)), None)
        self._examples[shop_id] = (time.monotonic(), version, best, low)
        return best, low

    def categories(self, session: Session, shop_id: int) -> list[CategoryInfo]:
        """The shop's categories with their counts of visible products, counted again only when the
        catalog changed: at 10,000 products the count is ~10 ms inside the message's transaction,
        and every "catalog" press asked for it (docs/PERFORMANCE.md)."""
        version = shops_db.fetch_catalog_version(session, shop_id)
        hit = self._categories.get(shop_id)
        if hit and hit[0] == version:
            return list(hit[1])
        found = [CategoryInfo(r.id, r.name, r.count) for r in categories_db.fetch_categories(session, shop_id)]
        self._categories[shop_id] = (version, found)
        return list(found)

    def category_size(self, session: Session, shop_id: int, category_id: int) -> int:
        """How many products a category page lists in all, counted again only when the catalog
        changed: at 10,000 products the count walked the category's ~2,000 rows, ~0.14 ms of a
        page press against ~0.01 ms for the version (docs/PERFORMANCE.md, branch `cpu`)."""
        version = shops_db.fetch_catalog_version(session, shop_id)
        hit = self._sizes.get((shop_id, category_id))
        if hit and hit[0] == version:
            return hit[1]
        size = products_db.count_in_category(session, shop_id, category_id)
        if len(self._sizes) >= SIZES_KEPT:
            self._sizes.clear()
        self._sizes[(shop_id, category_id)] = (version, size)
        return size

    def entry(self, session: Session, shop_id: int, *, include_hidden: bool = False) -> Indexed:
        version = shops_db.fetch_catalog_version(session, shop_id)
        key = (shop_id, include_hidden)
        with self._lock:
            cached = self._entries.get(key)
            if cached and cached[0] == version:
                self._entries.move_to_end(key)
                return cached[1]
        products = [to_product(r) for r in products_db.fetch_products(session, shop_id, visible_only=not include_hidden)]
        normalized = functools.lru_cache(maxsize=None)(normalize)  # each name once, for both
        built = Indexed(fam.index_of(fam.group(products), normalized), fam.sizes_of(products, normalized))
        with self._lock:
            self._entries[key] = (version, built)
            self._entries.move_to_end(key)
            held = sum(len(entry.index) for _, entry in self._entries.values())
            while held > self._docs_kept and len(self._entries) > 1:
                _, (_, dropped) = self._entries.popitem(last=False)
                held -= len(dropped.index)
        return built

    def get(self, session: Session, shop_id: int, *, include_hidden: bool = False) -> SearchIndex:
        """The shop's index; sellers search hidden products too (to show them again)."""
        return self.entry(session, shop_id, include_hidden=include_hidden).index


class DbCatalog:
    def __init__(self, session: Session, shop_id: int, indexes: IndexCache, today: str | None = None):
        self._session = session
        self._shop_id = shop_id
        self._indexes = indexes
        self._today = today  # the shop-local day: quotas and "habis hari ini" count for it
        self._indexed: Indexed | None = None  # one message's catalog: its version is read once

    def _fit(self, products: list[ProductInfo]) -> list[ProductInfo]:
        return fit_to_day(self._session, products, self._today)

    def _entry(self) -> Indexed:
        if self._indexed is None:
            self._indexed = self._indexes.entry(self._session, self._shop_id)
        return self._indexed

    def categories(self) -> list[CategoryInfo]:
        return self._indexes.categories(self._session, self._shop_id)

    def category_slice(self, category_id: int, offset: int, limit: int) -> tuple[list[Family], int]:
        rows = products_db.fetch_category_slice(self._session, self._shop_id, category_id, offset, limit)
        if not rows:
            return [], 0
        # A short page is the last one, and tells the size itself (most categories fit on one page).
        total = offset + len(rows) if len(rows) < limit else self._indexes.category_size(self._session, self._shop_id, category_id)
        return self._families(self._fit([to_product(r) for r in rows])), total

    def by_sku(self, sku: str) -> ProductInfo | None:
        return self.by_skus([sku]).get(sku)

    def by_skus(self, skus: Sequence[str]) -> dict[str, ProductInfo]:
        rows = products_db.fetch_products_by_sku(self._session, self._shop_id, skus)
        return {p.sku: p for p in self._fit([to_product(r) for r in rows if r.visible])}

    def family_of(self, sku: str) -> Family | None:
        p = self.by_sku(sku)
        if p is None:
            return None
        return self._families([p])[0]

    def families_of(self, skus: Sequence[str]) -> dict[str, Family]:
        rows = self.by_skus(skus)
        return dict(zip(rows, self._families(list(rows.values()))))

    def find(self, query: str) -> Found:
        indexed = self._entry()
        found = indexed.index.resolve(query)
        keys = ([found.best] if found.best is not None else []) + list(found.candidates)
        rows = products_db.fetch_families(self._session, self._shop_id, keys)
        families = {f.id: f for f in fam.group(self._fit([to_product(r) for r in rows]))}
        return fam.resolve(found, families, query, indexed.sizes)

    def sizes(self) -> frozenset[int]:
        return self._entry().sizes

    def resolve(self, query: str) -> tuple[ProductInfo | None, list[ProductInfo]]:
        return fam.flat(self.find(query))

    def products(self) -> list[ProductInfo]:
        # Read only for a ranking question; at 10,000 products one read is ~20 ms, and such
        # questions are rare beside searches (which never read the whole catalog).
        return self._fit([to_product(r) for r in products_db.fetch_products(self._session, self._shop_id)])

    def in_categories(self, category_ids: Sequence[int]) -> list[Family]:
        rows = products_db.fetch_in_categories(self._session, self._shop_id, category_ids)
        return fam.group(self._fit([to_product(r) for r in rows]))

    def naming(self, words: Sequence[str]) -> list[Family]:
        return self._read_families(self._entry().index.naming(words))

    def having(self, test: Callable[[str], bool]) -> list[Family]:
        return self._read_families(self._entry().index.having(test))

    def _read_families(self, keys: list[int]) -> list[Family]:
        rows = [r for start in range(0, len(keys), KEYS_PER_READ)
                for r in products_db.fetch_families(self._session, self._shop_id, keys[start:start + KEYS_PER_READ])]
        return fam.group(self._fit([to_product(r) for r in rows]))

    def units_sold(self, skus: Sequence[str]) -> dict[str, int]:
        return orders_db.fetch_units_sold(self._session, self._shop_id, skus)

    def at_price(self, price: int, category_id: int | None = None) -> list[ProductInfo]:
        rows = products_db.fetch_at_price(self._session, self._shop_id, price, category_id)
        return self._fit([to_product(r) for r in rows])

    def leading(self, by: str, limit: int, category_id: int | None = None) -> list[ProductInfo]:
        if by == "sold":
            skus = orders_db.fetch_best_selling(self._session, self._shop_id, limit, category_id)
            found = self.by_skus(skus)
            return [found[s] for s in skus if s in found]
        rows = products_db.fetch_by_price(self._session, self._shop_id, cheapest=by == "cheap", limit=limit,
                                          category_id=category_id)
        return self._fit([to_product(r) for r in rows])

    def _families(self, leads: list[ProductInfo]) -> list[Family]:
        """Each lead row with its product's other visible options (one read for the rows that have any)."""
        with_options = [p.family for p in leads if p.family_id is not None]
        rows = products_db.fetch_families(self._session, self._shop_id, with_options) if with_options else []
        members = {f.id: f for f in fam.group(self._fit([to_product(r) for r in rows]))}
        return [members.get(p.family) or fam.Family((p,)) for p in leads]


class DbExamples:
    """conversations.examples.ExampleReader over the database: read only when a text uses it."""

    def __init__(self, session: Session, shop_id: int, indexes: IndexCache):
        self._session, self._shop_id, self._indexes = session, shop_id, indexes

    def best_sellers(self) -> list[str]:
        return self._indexes.examples(self._session, self._shop_id)[0]

    def low_stock(self) -> str | None:
        return self._indexes.examples(self._session, self._shop_id)[1]
