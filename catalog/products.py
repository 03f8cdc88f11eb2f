"""Catalog read model: plain product data and the reader port the conversations use."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol

from catalog import families as fam
from catalog.families import Family, Found
from catalog.model import CategoryInfo, ProductInfo, display_name
from catalog.search import Resolution, SearchIndex

__all__ = ["CatalogReader", "CategoryInfo", "Family", "Found", "MemoryCatalog", "ProductInfo", "build_index",
           "display_name", "pick"]


class CatalogReader(Protocol):
    """What a conversation may ask about the catalog; visible products only.

    A product with options is a Family of rows, one per option, each with its own sku, price
    and stock. Lists and searches speak of families; carts and orders of the rows (skus)."""

    def categories(self) -> list[CategoryInfo]: ...

    def category_slice(self, category_id: int, offset: int, limit: int) -> tuple[list[Family], int]:
        """Up to `limit` of the category's products (each once, with its options) from `offset`,
        by name, and how many it has (0 when `offset` is past its end)."""
        ...

    def by_sku(self, sku: str) -> ProductInfo | None: ...

    def by_skus(self, skus: Sequence[str]) -> dict[str, ProductInfo]: ...

    def family_of(self, sku: str) -> Family | None:
        """The product this sku belongs to, with every visible option, price and stock (for a
        product without options: a family of one). None when the sku is not on sale."""
        ...

    def families_of(self, skus: Sequence[str]) -> dict[str, Family]:
        """family_of for several skus at once (two reads, not two per sku); skus not on sale left out."""
        ...

    def find(self, query: str) -> Found:
        """The product the words mean and which of its options they name, else near-ties."""
        ...

    def sizes(self) -> frozenset[int]:
        """The shop's size numbers (500 of "500g"): part of a product's name, never a quantity."""
        ...

    def resolve(self, query: str) -> tuple[ProductInfo | None, list[ProductInfo]]:
        """`find`, flattened: the one row meant, else the rows to choose from."""
        ...

    def products(self) -> list[ProductInfo]:
        """Every visible row (option), with today's stock: a ranking over the shop ("yg paling murah")."""
        ...

    def in_categories(self, category_ids: Sequence[int]) -> list[Family]:
        """Every visible product of these categories, with its options and today's stock."""
        ...

    def naming(self, words: Sequence[str]) -> list[Family]:
        """The visible products whose name or options have each of these words (or a typo of a word
        of more than three letters), with their options and today's stock."""
        ...

    def having(self, test: Callable[[str], bool]) -> list[Family]:
        """The visible products with a word in their name or options that passes `test` (words as
        language.text.normalize leaves them), with their options and today's stock."""
        ...

    def units_sold(self, skus: Sequence[str]) -> dict[str, int]:
        """Units of these rows in paid orders (a cancelled order's do not count); rows never sold are left out."""
        ...

    def at_price(self, price: int, category_id: int | None = None) -> list[ProductInfo]:
        """Every visible row at this price (of the shop, or of one category), with today's stock,
        oldest first: a ranking's tie."""
        ...

    def leading(self, by: str, limit: int, category_id: int | None = None) -> list[ProductInfo]:
        """At most `limit` visible rows (of the shop, or of one category), with today's stock, first
        by `by`: "cheap" (lowest price), "dear" (highest) or "sold" (most units in paid orders;
        never-sold rows left out). A ranking reads these instead of every row; sold-out rows are
        among them."""
        ...


def build_index(products: Sequence[ProductInfo]) -> SearchIndex:
    """The search index of these rows: one document per product (its options as keywords)."""
    return fam.index_of(fam.group(products))


def pick(found: Resolution, by_id: dict[int, ProductInfo]) -> tuple[ProductInfo | None, list[ProductInfo]]:
    """The best product if clearly best, else up to three near-ties to choose from (an index
    over rows without options, whose documents are the rows themselves)."""
    best = by_id.get(found.best) if found.best is not None else None
    return best, [by_id[i] for i in found.candidates if i in by_id]


class MemoryCatalog:
    """An in-memory CatalogReader for flow tests and for a snapshot of the database."""

    def __init__(self, products: Sequence[ProductInfo], index: SearchIndex | None = None,
                 sold: dict[str, int] | None = None):
        self._products = [p for p in products if p.visible]
        self._sold = dict(sold or {})
        self._by_sku = {p.sku: p for p in self._products}
        self._families = {f.id: f for f in fam.group(self._products)}
        self._index = index or fam.index_of(list(self._families.values()))
        self._sizes = fam.sizes_of(self._products)

    def categories(self) -> list[CategoryInfo]:
        seen: dict[int, CategoryInfo] = {}
        for f in self._families.values():
            if f.category_id is None:
                continue
            c = seen.get(f.category_id)
            seen[f.category_id] = CategoryInfo(f.category_id, f.category, (c.count if c else 0) + 1)
        return list(seen.values())

    def category_slice(self, category_id: int, offset: int, limit: int) -> tuple[list[Family], int]:
        shown_all = sorted((f for f in self._families.values() if f.category_id == category_id),
                           key=lambda f: (f.name, min(o.id for o in f.options)))
        shown = shown_all[offset:offset + limit]
        return shown, len(shown_all) if shown else 0

    def by_sku(self, sku: str) -> ProductInfo | None:
        return self._by_sku.get(sku)

    def by_skus(self, skus: Sequence[str]) -> dict[str, ProductInfo]:
        return {s: self._by_sku[s] for s in skus if s in self._by_sku}

    def families_of(self, skus: Sequence[str]) -> dict[str, Family]:
        return {s: f for s in skus if (f := self.family_of(s)) is not None}

    def family_of(self, sku: str) -> Family | None:
        p = self._by_sku.get(sku)
        return self._families.get(p.family) if p is not None else None

    def find(self, query: str) -> Found:
        return fam.resolve(self._index.resolve(query), self._families, query, self._sizes)

    def sizes(self) -> frozenset[int]:
        return self._sizes

    def resolve(self, query: str) -> tuple[ProductInfo | None, list[ProductInfo]]:
        return fam.flat(self.find(query))

    def products(self) -> list[ProductInfo]:
        return list(self._products)

    def in_categories(self, category_ids: Sequence[int]) -> list[Family]:
        return [f for f in self._families.values() if f.category_id in category_ids]

    def naming(self, words: Sequence[str]) -> list[Family]:
        return [self._families[i] for i in self._index.naming(words) if i in self._families]

    def having(self, test: Callable[[str], bool]) -> list[Family]:
        return [self._families[i] for i in self._index.having(test) if i in self._families]

    def units_sold(self, skus: Sequence[str]) -> dict[str, int]:
        return {s: self._sold[s] for s in skus if self._sold.get(s, 0) > 0}

    def at_price(self, price: int, category_id: int | None = None) -> list[ProductInfo]:
        return sorted((p for p in self._in(category_id) if p.price == price), key=lambda p: p.id)

    def leading(self, by: str, limit: int, category_id: int | None = None) -> list[ProductInfo]:
        rows = self._in(category_id)
        if by == "sold":
            sold = self.units_sold([p.sku for p in rows])
            return sorted((p for p in rows if p.sku in sold), key=lambda p: (-sold[p.sku], p.id))[:limit]
        sign = 1 if by == "cheap" else -1
        return sorted(rows, key=lambda p: (sign * p.price, p.id))[:limit]

    def _in(self, category_id: int | None) -> list[ProductInfo]:
        return self._products if category_id is None else [p for p in self._products if p.category_id == category_id]
