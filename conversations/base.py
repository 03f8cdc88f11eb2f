"""Channel-neutral pieces every flow shares: what comes in (Turn), what goes out (Reply),
what a step returns (Step), and the read-only context a step may consult (Ctx).

A step is a plain function `(state, data, turn, ctx) -> Step`; unit tests call it directly.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from catalog.products import CatalogReader
from shops.profile import ShopProfile
from conversations.marketing import MarketingReader, NoMarketing


@dataclass(frozen=True)
class Button:
    label: str
    value: str


@dataclass
class Reply:
    text: str
    buttons: list[Button] = field(default_factory=list)
    image_url: str | None = None
    # False where a bare number typed next means a quantity, not "the Nth choice".
    numbered: bool = True
    # A page of a list being paged through: a channel that can edit messages may show it in
    # place of the message whose button led here, instead of adding one more to the chat.
    in_place: bool = False


@dataclass(frozen=True)
class Media:
    ref: str  # channel reference: Telegram file_id, or the stored file's path (bot.media_store)
    content_type: str = "image/jpeg"
    # Set when the channel could not keep the file: "type" (not an image or PDF), "too_large", "unavailable".
    rejected: str | None = None


@dataclass(frozen=True)
class Turn:
    """One inbound message as a flow sees it."""

    text: str = ""
    choice: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    address: str | None = None
    phone: str | None = None
    media: tuple[Media, ...] = ()
    start_payload: str | None = None
    edited: bool = False  # a correction of an earlier message, not a new one


@dataclass(frozen=True)
class CustomerView:
    id: int
    name: str | None = None
    phone: str | None = None


@dataclass(frozen=True)
class OrderSummary:
    code: str
    status: str
    total: int
    created_at: datetime
    payment_method: str = ""
    pay_by: datetime | None = None
    fulfilment: str = "delivery"
    unique_code: int = 0
    paid_at: datetime | None = None
    proof_pending: bool = False
    courier: str | None = None
    tracking_no: str | None = None
    customer_name: str = ""
    lines: tuple[tuple[int, str, int], ...] = ()  # (qty, name, line_total), filled by find()


class OrderReader(Protocol):
    def recent(self, customer_id: int, limit: int = 5) -> list[OrderSummary]: ...

    def find(self, customer_id: int, code: str) -> OrderSummary | None:
        """This customer's order with this code; another customer's order is not found."""
        ...

    def awaiting_payment(self, customer_id: int) -> list[OrderSummary]:
        """This customer's orders still waiting for payment, newest first."""
        ...


@dataclass(frozen=True)
class Ctx:
    shop: ShopProfile
    catalog: CatalogReader
    customer: CustomerView
    orders: OrderReader
    now: datetime
    tz: ZoneInfo
    # Keyword-only with a default: contexts built before promotions existed (and subclasses
    # such as handlers.seller_ports.SellerCtx) need not know about it.
    promos: MarketingReader = field(default=NoMarketing(), kw_only=True)


# Effects: what a step asks the world to do; applied by handlers inside the same transaction.
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


Effect = SetCustomerName | PlaceOrder


@dataclass
class Step:
    state: str
    data: dict[str, Any]
    replies: list[Reply] = field(default_factory=list)
    effects: list[Any] = field(default_factory=list)


def say(state: str, data: dict[str, Any], *replies: Reply, effects: list[Any] | None = None) -> Step:
    return Step(state, data, list(replies), effects or [])
