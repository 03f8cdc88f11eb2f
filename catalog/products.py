"""Catalog read model: plain product data and the reader port the conversations use."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from catalog.search import Resolution, SearchDoc, SearchIndex


@dataclass(frozen=True)
class ProductInfo:
    id: int
    sku: str
    name: str
    category_id: int | None
    category: str
    price: int
    stock: int
    description: str = ""
    image_url: str | None = None
    visible: bool = True


@dataclass(frozen=True)
class CategoryInfo:
    id: int
    name: str
    count: int


class CatalogReader(Protocol):
    """What a conversation may ask about the catalog; visible products only."""

    def categories(self) -> list[CategoryInfo]: ...

    def category_slice(self, category_id: int, offset: int, limit: int) -> tuple[list[ProductInfo], int]:
        """Up to `limit` of the category's products from `offset`, by name, and how many it
        has (0 when `offset` is past its end)."""
        ...

    def by_sku(self, sku: str) -> ProductInfo | None: ...

    def by_skus(self, skus: Sequence[str]) -> dict[str, ProductInfo]: ...

    def resolve(self, query: str) -> tuple[ProductInfo | None, list[ProductInfo]]: ...


def build_index(products: Sequence[ProductInfo]) -> SearchIndex:
    return SearchIndex([SearchDoc(id=p.id, name=p.name, category=p.category) for p in products])


def pick(found: Resolution, by_id: dict[int, ProductInfo]) -> tuple[ProductInfo | None, list[ProductInfo]]:
    """The best product if clearly best, else up to three near-ties to choose from."""
    best = by_id.get(found.best) if found.best is not None else None
    return best, [by_id[i] for i in found.candidates if i in by_id]


class MemoryCatalog:
    """An in-memory CatalogReader for flow tests and for a snapshot of the database."""

    def __init__(self, products: Sequence[ProductInfo], index: SearchIndex | None = None):
        self._products = [p for p in products if p.visible]
        self._by_sku = {p.sku: p for p in self._products}
        self._by_id = {p.id: p for p in self._products}
        self._index = index or build_index(self._products)

    def categories(self) -> list[CategoryInfo]:
        seen: dict[int, CategoryInfo] = {}
        for p in self._products:
            if p.category_id is None:
                continue
            c = seen.get(p.category_id)
            seen[p.category_id] = CategoryInfo(p.category_id, p.category, (c.count if c else 0) + 1)
        return list(seen.values())

    def category_slice(self, category_id: int, offset: int, limit: int) -> tuple[list[ProductInfo], int]:
        products = sorted((p for p in self._products if p.category_id == category_id), key=lambda p: (p.name, p.id))
        shown = products[offset:offset + limit]
        return shown, len(products) if shown else 0

    def by_sku(self, sku: str) -> ProductInfo | None:
        return self._by_sku.get(sku)

    def by_skus(self, skus: Sequence[str]) -> dict[str, ProductInfo]:
        return {s: self._by_sku[s] for s in skus if s in self._by_sku}

    def resolve(self, query: str) -> tuple[ProductInfo | None, list[ProductInfo]]:
        return pick(self._index.resolve(query), self._by_id)
