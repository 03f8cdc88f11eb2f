"""Delivery fees the seller quotes ("ongkir menyusul"), and the interface a rates service may fill.

An order to a zone marked `quote`, or beyond the zones where the shop allows it, is placed
`awaiting_quote`: its stock is reserved, nothing is owed yet and no payment clock runs. The
seller (or a rates service) quotes the fee: the order becomes `quoted`, with its total and, for
a bank transfer, its unique code, so the customer sees the exact amount. The customer accepts:
the order becomes `pending_payment`, its `pay_by` starts then and the books enter the receivable
then. Whoever must act next does so by `quote_by` (the shop's quote_window_minutes), else the
order expires and its stock goes back (scheduler.jobs_quotes). Every move is the lifecycle's
compare-and-set, so a quote racing the sweep or a cancel ends one way only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from sqlalchemy.orm import Session

from orders.lifecycle import Action, Moved, move
from orders.payments import assign_unique_code
from orders.placing import payment_deadline, quote_deadline
from shops.profile import ShopProfile
from storage import orders as orders_db
from storage import shops as shops_db
from storage.models import Order


def quote(session: Session, order_id: int, fee: int, courier: str | None, actor: str, now: datetime,
          profile: ShopProfile) -> Moved:
    """Sets the delivery fee (and the courier, when named); raises lifecycle.IllegalMove unless
    the order waits for a quote (or was quoted and not yet accepted: a corrected quote)."""
    if fee < 0:
        raise ValueError("a delivery fee is never negative")
    order = orders_db.fetch_order(session, order_id)
    shops_db.lock_shop(session, order.shop_id)  # transfer codes are picked one at a time per shop

    def values(current: Order) -> dict[str, Any]:
        unique = current.unique_code
        if current.payment_method == "bank_transfer" and not unique:
            unique = assign_unique_code(session, current.shop_id)
        return {"delivery_fee": fee, "courier": (courier or current.courier or None), "unique_code": unique,
                "total": current.subtotal - current.discount + fee + unique,
                "quote_by": quote_deadline(now, profile), "quote_reminded_at": None}

    return move(session, order.id, Action.QUOTE, actor, now, extra=values)


def accept(session: Session, order_id: int, actor: str, now: datetime, window_minutes: float) -> Moved:
    """The customer agrees to the quoted total: the order waits for payment from now on."""
    def values(current: Order) -> dict[str, Any]:
        return {"pay_by": payment_deadline(now, current.payment_method, window_minutes), "quote_by": None,
                "reminded_at": None}

    return move(session, order_id, Action.ACCEPT_QUOTE, actor, now, extra=values)


@dataclass(frozen=True)
class RateRequest:
    """What a rates service would need to price a delivery."""

    shop_id: int
    order_code: str
    origin: str  # the shop's address (or pickup address)
    destination: str
    latitude: float | None
    longitude: float | None
    items: tuple[tuple[str, int], ...]  # (sku, qty)


@dataclass(frozen=True)
class RateQuote:
    fee: int
    courier: str | None = None


class RatesService(Protocol):
    """A courier rates service that may price a delivery at once (an adapter for a real service
    would live in adapters/); None leaves the quote to the seller."""

    def quote(self, request: RateRequest) -> RateQuote | None: ...


class NoRates:
    """The default: no rates service, every quote is the seller's. Calls nothing outside."""

    def quote(self, request: RateRequest) -> RateQuote | None:
        return None
