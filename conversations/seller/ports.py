"""What seller commands may read, as plain data: the seller, their desk (the port), SellerCtx.

A seller command is a pure step `(state, data, turn, ctx) -> Step | None` like a customer
step; for sellers the engine hands in a SellerCtx: the usual Ctx plus who is talking and
a desk that sees the whole shop (hidden products, every order, the recap figures). The
database-backed desk is adapters.desk.DbDesk.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol

from books.periods import Period
from catalog import families as fam
from catalog.model import ProductInfo, display_name
from catalog.search import Resolution
from conversations.base import Ctx
from conversations.seller.money_changes import MoneyEntry


@dataclass(frozen=True)
class SellerView:
    id: int
    role: str  # owner | staff
    name: str | None
    channel: str
    external_id: str

    @property
    def is_owner(self) -> bool:
        return self.role == "owner"

    @property
    def label(self) -> str:
        """How the audit trail names this person."""
        return f"{self.name or self.external_id} ({self.role}, {self.channel}:{self.external_id})"


@dataclass(frozen=True)
class SellerProduct:
    id: int
    sku: str
    name: str
    category: str
    price: int
    stock: int
    visible: bool = True
    image_url: str | None = None
    threshold: int = 5
    family_id: int | None = None  # options of one product share it (catalog.families)
    option: str | None = None  # "500g", "XL"; None for a product without options
    # Made to order (orders.making): shop-local ISO days, as products hold them.
    daily_quota: int | None = None
    sold_out_on: str | None = None
    po_closes: str | None = None
    po_delivery: str | None = None
    po_days: int | None = None

    @property
    def low(self) -> bool:
        return self.stock <= self.threshold

    @property
    def label(self) -> str:
        """"Kemeja Batik Parang — XL" for an option, the name otherwise."""
        return display_name(self.name, self.option)


def resolve_among(found: Resolution, products: Sequence[SellerProduct], query: str,
                  sizes: frozenset[int]) -> tuple[SellerProduct | None, list[SellerProduct]]:
    """The search's answer over products (families) read down to the option the words name:
    the one option meant, else the options (or products) to choose from."""
    infos = [ProductInfo(p.id, p.sku, p.name, None, p.category, p.price, p.stock, visible=p.visible,
                         family_id=p.family_id, option=p.option) for p in products]
    families = {f.id: f for f in fam.group(infos)}
    best, candidates = fam.flat(fam.resolve(found, families, query, sizes))
    by_id = {p.id: p for p in products}
    return (by_id[best.id] if best is not None else None), [by_id[c.id] for c in candidates]


@dataclass(frozen=True)
class OrderBrief:
    code: str
    status: str
    total: int
    customer_name: str
    payment_method: str
    fulfilment: str
    created_at: datetime
    items: tuple[tuple[str, int], ...] = ()


@dataclass(frozen=True)
class RecapFigures:
    orders: int
    items: int
    revenue: int  # omzet: goods paid for in the period, less discounts and refunds (docs/BOOKS.md)
    unpaid_orders: int
    unpaid_total: int
    low_stock: tuple[tuple[str, int], ...] = ()
    open_complaints: int = 0  # complaints whose handoff is not closed yet


class SellerDesk(Protocol):
    def resolve(self, query: str) -> tuple[SellerProduct | None, list[SellerProduct]]:
        """The product (the option, for a product with options) the words mean, else the ones to choose from."""
        ...

    def sizes(self) -> frozenset[int]:
        """The shop's size numbers: "stok kastengel 500 sisa 4" is the 500g one, four left."""
        ...

    def product(self, product_id: int) -> SellerProduct | None: ...

    def products(self) -> list[SellerProduct]: ...

    def categories(self) -> list[str]: ...

    def orders(self, which: str, start: datetime, end: datetime) -> list[OrderBrief]: ...

    def recap(self, start: datetime, end: datetime) -> RecapFigures: ...

    def staff(self) -> list[SellerView]: ...

    def batch(self, first: str, last: str | None) -> list[tuple[str, str, int]]:
        """What to make: (shop-local day, product, units) of open orders from `first` to `last`
        (None: every later day), by day then product."""
        ...

    def money_entries(self, limit: int) -> list[MoneyEntry]:
        """The seller's own money entries still standing, newest first (conversations.seller.money_list)."""
        ...

    def daily_sales(self, period: Period) -> list[tuple[date, int]]:
        """Net sales per local day of the period, zeros included (books.figures.daily_sales)."""
        ...


@dataclass(frozen=True)
class SellerCtx(Ctx):
    seller: SellerView
    desk: SellerDesk
