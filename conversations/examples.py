"""Examples the bot shows ("pesan 2 … sama 1 …", "stok … 20") taken from the shop's own catalog:
its best sellers and a product low on stock, never another shop's. A shop with no products gets
words that fit any shop (texts.id.examples). The database reader is adapters.catalog.DbExamples;
it is read only when a text needs it."""

from __future__ import annotations

from typing import Protocol

from texts.id import examples as t


def short_name(name: str) -> str:
    """A name short enough for an example command: "Rendang Sapi 500g (beku)" -> "rendang sapi"."""
    kept = [w for w in name.lower().split() if w.isalpha()]
    return " ".join(kept[:2]) or name.lower()


class ExampleReader(Protocol):
    def best_sellers(self) -> list[str]:
        """Names of the visible products that sold most (or, before any sale, the first ones), best first."""
        ...

    def low_stock(self) -> str | None:
        """The name of a visible product at or under its low-stock threshold, if any."""
        ...


class NoExamples:
    """A shop with no products yet (and the default for flow tests that need none)."""

    def best_sellers(self) -> list[str]:
        return []

    def low_stock(self) -> str | None:
        return None


class ListedExamples:
    """Examples from plain names, for flow tests."""

    def __init__(self, names: list[str], low: str | None = None):
        self.names, self.low = names, low

    def best_sellers(self) -> list[str]:
        return list(self.names)

    def low_stock(self) -> str | None:
        return self.low


def words(reader: ExampleReader) -> dict[str, str]:
    """The placeholders example texts use: {product}, {product2} (another one) and {low}."""
    names = [short_name(n) for n in reader.best_sellers()]
    names = list(dict.fromkeys(names))
    first = names[0] if names else t.PRODUCT
    second = names[1] if len(names) > 1 else t.PRODUCT2
    low = reader.low_stock()
    return {"product": first, "product2": second, "low": short_name(low) if low else first}


def fill(template: str, reader: ExampleReader, **fields: object) -> str:
    return template.format(**words(reader), **fields)
