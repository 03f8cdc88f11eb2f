"""Placing an order: stock taken atomically in product-id order, totals in whole Rupiah,
a customer-facing code, a payment deadline. All shortages are reported together."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from books import posting
from catalog.model import display_name
from shops.profile import ShopProfile
from marketing import pricing
from orders import making
from orders.payments import assign_unique_code
from storage import daily_sales as daily_sales_db
from storage import orders as orders_db
from storage import products as products_db
from storage import shops as shops_db
from storage.models import Order, OrderItem


@dataclass(frozen=True)
class Line:
    sku: str
    qty: int


@dataclass(frozen=True)
class Shortage:
    name: str
    stock: int
    qty: int


class OutOfStock(Exception):
    def __init__(self, shortages: list[Shortage]):
        super().__init__(", ".join(s.name for s in shortages))
        self.shortages = shortages


@dataclass(frozen=True)
class OrderRequest:
    shop_id: int
    customer_id: int
    channel: str
    customer_name: str
    fulfilment: str
    payment_method: str
    lines: tuple[Line, ...]
    address: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    zone_id: str | None = None
    note: str | None = None
    promo_codes: tuple[str, ...] = ()
    expected_discount: int | None = None  # what the customer was shown; None: do not check
    outside: bool = False  # delivered beyond the zones, where the shop allows it (ShopProfile.outside_zones)
    deliver_on: str | None = None  # a shop-local day the customer asked for ("po bolu pandan untuk besok")
    handle_at: datetime | None = None  # taken while the shop is closed: handled at its next opening


def label(row: object) -> str:
    """An order line's name: "Nastar Keju — 500g" for an option (catalog.model.display_name)."""
    return display_name(row.name, row.option_label)  # type: ignore[attr-defined]


def order_code(prefix: str, number: int) -> str:
    return f"{prefix}-{number:04d}"


def payment_deadline(now: datetime, method: str, window_minutes: float) -> datetime | None:
    """Cash on delivery is paid at the door, so only prepaid methods get a deadline."""
    return None if method == "cod" else now + timedelta(minutes=window_minutes)


def quote_deadline(now: datetime, profile: ShopProfile) -> datetime:
    """When whoever must act on a quoted delivery fee (seller, then customer) must have done so."""
    return now + timedelta(minutes=profile.quote_window_minutes)


@dataclass(frozen=True)
class Delivery:
    """Where a delivered order goes and what it costs: `quote` when the seller sets the fee later."""

    where: str | None
    fee: int
    quote: bool


def delivery(profile: ShopProfile, req: OrderRequest) -> Delivery:
    if req.fulfilment != "delivery":
        return Delivery(None, 0, False)
    zone = profile.zone(req.zone_id or "")
    if zone is not None:
        return Delivery(zone.name, 0 if zone.quote else zone.fee, zone.quote)
    outside = profile.outside_zones
    if req.outside and outside.allowed:
        return Delivery(outside.name, outside.fee or 0, outside.quote)
    return Delivery(None, 0, False)


def place_order(session: Session, profile: ShopProfile, req: OrderRequest, now: datetime,
                window_minutes: float, actor: str) -> Order:
    """Creates the order or raises OutOfStock naming every short line; nothing is kept on failure."""
    rows = {r.sku: r for r in products_db.fetch_products_by_sku(session, req.shop_id, [ln.sku for ln in req.lines])}
    missing = [Shortage(ln.sku, 0, ln.qty) for ln in req.lines if ln.sku not in rows or not rows[ln.sku].visible]
    if missing:
        raise OutOfStock(missing)
    ordered = sorted(req.lines, key=lambda ln: rows[ln.sku].id)  # one lock order for every buyer
    promo = pricing.quote(session, req.shop_id, req.customer_id, rows, {ln.sku: ln.qty for ln in req.lines},
                                req.promo_codes, req.expected_discount, now)
    tz = ZoneInfo(profile.timezone)
    today = making.local_day(now, tz)
    deliver_on = making.delivery_day([rows[ln.sku] for ln in ordered], today, req.deliver_on)  # or PreorderProblem
    handle_at = req.handle_at or making.closed_until(profile.hours(), now, tz)
    if handle_at is not None and req.handle_at is None and profile.outside_hours == "refuse":
        raise making.ShopClosed(handle_at)
    make_day = deliver_on or (making.local_day(handle_at, tz) if handle_at else today)
    savepoint = session.begin_nested()
    short = [ln for ln in ordered if not _take(session, req.shop_id, rows[ln.sku], ln.qty, make_day)]
    if short:
        savepoint.rollback()
        raise OutOfStock(_shortages(session, req.shop_id, rows, short, make_day))
    try:
        pricing.claim(session, req.customer_id, promo, now)
    except pricing.PromoChanged:
        savepoint.rollback()
        raise
    savepoint.commit()

    items = [OrderItem(product_id=rows[ln.sku].id, sku=ln.sku, name=label(rows[ln.sku]), qty=ln.qty,
                       unit_price=rows[ln.sku].price, line_total=rows[ln.sku].price * ln.qty) for ln in req.lines]
    subtotal = sum(i.line_total for i in items)
    to = delivery(profile, req)
    number = shops_db.next_order_number(session, req.shop_id)  # locks the shop row: codes are picked one at a time
    # A quoted fee's order gets its transfer code with the quote (orders.quotes), and its deadline once accepted.
    # Transfers and QRIS carry a unique code in the amount, so two equal payments can be told apart.
    coded = req.payment_method in ("bank_transfer", "qris") and not to.quote
    unique = assign_unique_code(session, req.shop_id) if coded else 0
    window = window_minutes if profile.payment_window_minutes is None else profile.payment_window_minutes
    order = Order(
        shop_id=req.shop_id, code=order_code(profile.order_prefix, number), customer_id=req.customer_id,
        channel=req.channel, status="awaiting_quote" if to.quote else "pending_payment", customer_name=req.customer_name,
        fulfilment=req.fulfilment, address=req.address, latitude=req.latitude, longitude=req.longitude,
        zone=to.where, note=req.note, payment_method=req.payment_method,
        subtotal=subtotal, discount=promo.discount, delivery_fee=to.fee, unique_code=unique,
        total=subtotal - promo.discount + to.fee + unique,
        pay_by=None if to.quote else payment_deadline(now, req.payment_method, window),
        quote_by=quote_deadline(now, profile) if to.quote else None,
        created_at=now, updated_at=now, make_day=make_day, deliver_on=deliver_on, handle_at=handle_at,
    )
    order = orders_db.add_order(session, order, items, actor, now)
    posting.post_placed(session, order, actor, now)
    pricing.record(session, req.shop_id, req.customer_id, order.id, promo, now)
    return order


def _take(session: Session, shop_id: int, row: object, qty: int, day: str) -> bool:
    """Takes the units (the product row locked first), then a quota product's day count."""
    if not products_db.take_stock(session, row.id, qty, day):  # type: ignore[attr-defined]
        return False
    if row.daily_quota is None:  # type: ignore[attr-defined]
        return True
    return daily_sales_db.take(session, shop_id, row.id, day, qty)  # type: ignore[attr-defined]


def _shortages(session: Session, shop_id: int, rows: dict[str, object], short: list[Line], day: str) -> list[Shortage]:
    """What is left of each short line for that day, read again after the failed take."""
    fresh = {r.sku: r for r in products_db.fetch_products_by_sku(session, shop_id, [ln.sku for ln in short])}
    sold = daily_sales_db.sold(session, [r.id for r in fresh.values()], [day])
    left = {sku: 0 if r.sold_out_on == day else
            max(r.daily_quota - sold.get((r.id, day), 0), 0) if r.daily_quota is not None else r.stock
            for sku, r in fresh.items()}
    return [Shortage(label(rows[ln.sku]), left.get(ln.sku, 0), ln.qty) for ln in short]
