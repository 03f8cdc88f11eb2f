"""What checkout asks the world for (effects.customers, effects.orders apply them), and what can
come of placing the order; conversations.customer.checkout words the outcome."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SetCustomerName:
    name: str


@dataclass(frozen=True)
class DraftLine:
    sku: str
    qty: int


@dataclass(frozen=True)
class PlaceOrder:
    lines: tuple[DraftLine, ...]
    customer_name: str
    fulfilment: str
    payment_method: str
    address: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    zone_id: str | None = None
    note: str | None = None
    promo_codes: tuple[str, ...] = ()
    discount: int | None = None  # what the summary showed; None: do not check
    outside: bool = False  # delivered beyond the zones ("luar kota"): ShopProfile.outside_zones
    deliver_on: str | None = None  # the day asked ("po bolu pandan untuk besok"): conversations.customer.preorder


# ...and what can come of placing the order.
@dataclass(frozen=True)
class OrderPlaced:
    order: OrderSummary


@dataclass(frozen=True)
class StockShort:
    lines: tuple[tuple[str, int, int], ...]  # (name, stock left, quantity wanted) of every short line


@dataclass(frozen=True)
class DiscountChanged:
    """A promo ran out (limit, period) between the summary and the confirmation."""
