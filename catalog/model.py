"""A product as plain data: one sellable row with its own sku, price and stock. A product with
options (sizes, colours, levels, weights) is several rows sharing a family (catalog.families);
each row is one option and carries the option's label."""

from __future__ import annotations

from dataclasses import dataclass

# Between a product's name and its option in every line a person reads: "Nastar Keju — 500g".
OPTION_SEPARATOR = " — "


def display_name(name: str, option: str | None) -> str:
    """How one option is named on carts, orders, receipts and seller lists."""
    return f"{name}{OPTION_SEPARATOR}{option}" if option else name


@dataclass(frozen=True)
class ProductInfo:
    id: int
    sku: str
    name: str  # the product's name; every option of a product has the same one
    category_id: int | None
    category: str
    price: int
    stock: int
    description: str = ""
    image_url: str | None = None
    visible: bool = True
    family_id: int | None = None  # rows with the same family are the options of one product
    option: str | None = None  # the option's label ("500g", "XL", "Level 5"); None without options
    option_kind: str | None = None  # size | weight | volume | level | variant
    # Made to order (orders.making): units per shop-local day, sold out for one local day ("habis
    # hari ini"), a pre-order window (last day to order, delivery day; ISO dates) or days ahead.
    daily_quota: int | None = None
    sold_out_on: str | None = None
    po_closes: str | None = None
    po_delivery: str | None = None
    po_days: int | None = None

    @property
    def made_to_order(self) -> bool:
        """Its stock is not used: a quota, or a pre-order, limits what can be ordered."""
        return self.daily_quota is not None or self.preorder

    @property
    def preorder(self) -> bool:
        return self.po_delivery is not None or self.po_days is not None

    @property
    def family(self) -> int:
        """The key every option of this product shares (a product without options is its own)."""
        return self.family_id or self.id

    @property
    def label(self) -> str:
        """"Nastar Keju — 500g" for an option, the name for a product without options."""
        return display_name(self.name, self.option)


@dataclass(frozen=True)
class CategoryInfo:
    id: int
    name: str
    count: int
