"""Applies what a step asked for, inside the message's transaction, and words the outcome."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

from sqlalchemy.orm import Session

from language.money import rupiah
from conversations.customer import checkout
from conversations.base import Ctx, PlaceOrder, Reply, SetCustomerName, Step
from effects import marketing as promo_effects
from effects.stock_alerts import order_taken, stock_alerts
from orders.placing import Line, OrderRequest, OutOfStock, place_order
from marketing.pricing import PromoChanged
from storage import message_queries as mq
from storage.models import Order
from storage.order_queries import fetch_items
from texts.id import customer as t
from texts.id import seller_orders as ts


@dataclass(frozen=True)
class Notice:
    """A message for someone other than the sender, e.g. the shop's sellers."""

    channel: str
    recipient: str
    reply: Reply


@dataclass
class Applied:
    step: Step
    notices: list[Notice] = field(default_factory=list)


@dataclass(frozen=True)
class Who:
    shop_id: int
    customer_id: int
    channel: str
    sender: str
    window_minutes: float


@runtime_checkable
class SelfApplying(Protocol):
    """An effect that brings its own way of being applied (the seller changes do)."""

    def apply(self, session: Session, ctx: Ctx, who: Who, applied: Applied) -> Applied: ...


def apply_effects(session: Session, ctx: Ctx, who: Who, step: Step) -> Applied:
    from effects import orders as order_effects  # it builds on Notice/Applied/Who defined here

    applied = Applied(step)
    for effect in step.effects:
        if isinstance(effect, SetCustomerName):
            mq.set_customer_name(session, who.customer_id, effect.name)
        elif isinstance(effect, PlaceOrder):
            applied = _place(session, ctx, who, applied.step, effect)
        elif promo_effects.handles(effect):
            applied = Applied(promo_effects.apply(session, ctx, who, applied.step, effect), applied.notices)
        elif isinstance(effect, SelfApplying):
            applied = effect.apply(session, ctx, who, applied)
        elif isinstance(effect, order_effects.EFFECTS):
            applied = order_effects.apply(session, ctx, who, applied, effect)
        else:
            raise TypeError(f"unknown effect {effect!r}")
    return applied


def _place(session: Session, ctx: Ctx, who: Who, step: Step, effect: PlaceOrder) -> Applied:
    request = OrderRequest(
        shop_id=who.shop_id, customer_id=who.customer_id, channel=who.channel,
        customer_name=effect.customer_name, fulfilment=effect.fulfilment, payment_method=effect.payment_method,
        lines=tuple(Line(ln.sku, ln.qty) for ln in effect.lines), address=effect.address,
        latitude=effect.latitude, longitude=effect.longitude, zone_id=effect.zone_id, note=effect.note,
        promo_codes=effect.promo_codes, expected_discount=effect.discount,
    )
    try:
        order = place_order(session, ctx.shop, request, ctx.now, who.window_minutes, actor=f"customer:{who.customer_id}")
    except OutOfStock as exc:
        return Applied(checkout.shortage(step.data, ctx, [(s.name, s.stock, s.qty) for s in exc.shortages]))
    except PromoChanged:
        return Applied(promo_effects.promo_changed(step, ctx))
    placed = promo_effects.after_order(session, ctx, who, checkout.placed(step.data, ctx, order))
    return Applied(placed, seller_notices(session, who.shop_id, order) + low_stock_notices(session, who.shop_id, order))


def seller_notices(session: Session, shop_id: int, order: Order) -> list[Notice]:
    """Tells every seller of the shop about a new order, on the channel they registered."""
    items = fetch_items(session, [order.id])[order.id]
    text = t.SELLER_NEW_ORDER.format(
        code=order.code, total=rupiah(order.total), payment=t.PAYMENT_LABELS[order.payment_method],
        lines="\n".join(t.SUMMARY_LINE.format(qty=i.qty, name=i.name, total=rupiah(i.line_total)) for i in items),
        name=order.customer_name, phone="",
        fulfilment=(t.SUMMARY_DELIVERY.format(address=order.address) if order.fulfilment == "delivery"
                    else t.SUMMARY_PICKUP.format(address="toko")),
        note=t.SUMMARY_NOTE.format(note=order.note) if order.note else "",
    )
    if order.payment_method == "bank_transfer" and not order.unique_code:
        text += ts.NEW_ORDER_NO_UNIQUE  # all 999 codes are held by open orders
    return [Notice(s.channel, s.external_id, Reply(text)) for s in mq.fetch_sellers(session, shop_id)]


def low_stock_notices(session: Session, shop_id: int, order: Order) -> list[Notice]:
    """Tells the sellers when this order took a product down to its low-stock threshold or to zero."""
    taken = order_taken((i.product_id, i.qty) for i in fetch_items(session, [order.id])[order.id])
    return [Notice(*alert) for alert in stock_alerts(session, shop_id, taken)]
