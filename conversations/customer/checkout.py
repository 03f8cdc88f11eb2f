"""Checkout flow: name -> delivery or pickup -> address and zone -> note -> payment -> confirm.

The draft lives in `data["co"]`. Confirming asks the world to PlaceOrder; the order is placed
(or not) in the message's transaction and `on_order_outcome` below words how the checkout
ended: placed (then the promo consent question, once), sold out meanwhile, or the promo changed.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from language import places
from language.money import local_time, rupiah
from language.names import addressed
from language.questions import payment_named
from language.words import NO_NOTE, PLACE_ORDER, is_yes
from shops.profile import PaymentMethod
from conversations.customer import cart as cart_flow
from conversations.customer import promo_cart
from conversations.base import Button, Ctx, Reply, Step, Turn, say
from conversations.choice import Choice
from conversations.customer import ask_seller, consent, known_address, preorder
from conversations.customer.pay_how import payment_instructions
from conversations.customer.placing import (DiscountChanged, DraftLine, OrderPlaced, PlaceOrder,  # noqa: F401 (re-exported)
                                            SetCustomerName, StockShort)
from conversations.customer.browsing import Browse, main_menu
from conversations.ports import OrderSummary
from texts.id import cod as cod_texts
from texts.id import customer as t
from texts.id import promo as promo_texts
from texts.id import quotes as quote_texts

DELIVERY_WORDS = {"antar", "diantar", "kirim", "dikirim", "delivery", "anter", "dianter", "ojol"}
PICKUP_WORDS = {"ambil", "ambil sendiri", "diambil", "pickup", "pick up", "jemput", "ke toko"}

FULFILMENT = Choice("ful", str)  # delivery | pickup
ZONE = Choice("zone", str)  # a delivery zone's id
OUTSIDE = Choice("zone_out")  # an address no zone covers ("luar kota"), where the shop allows it
SKIP = Choice("skip")  # no note
PAY = Choice("pay", str)  # a payment method's kind
CONFIRM = Choice("confirm")  # place the order
ANSWERS = (FULFILMENT, ZONE, OUTSIDE, SKIP, PAY, CONFIRM, known_address.USE, known_address.OTHER)


class Checkout(StrEnum):
    NAME = "checkout:name"
    FULFILMENT = "checkout:fulfilment"
    ADDRESS = "checkout:address"
    ZONE = "checkout:zone"
    NOTE = "checkout:note"
    PAYMENT = "checkout:payment"
    CONFIRM = "checkout:confirm"


def draft(data: dict[str, Any]) -> dict[str, Any]:
    return dict(data.get("co") or {})


def with_draft(data: dict[str, Any], co: dict[str, Any]) -> dict[str, Any]:
    return {**data, "co": co}


def start(data: dict[str, Any], ctx: Ctx) -> Step:
    """checks the cart against stock, then asks for the name unless it is remembered."""
    cart, notes, _ = cart_flow.reconcile(ctx, cart_flow.items(data))
    data = cart_flow.with_cart(data, cart)
    if notes or not cart:
        return cart_flow.view(data, ctx)
    co: dict[str, Any] = {}
    if ctx.customer.name:
        co["name"] = ctx.customer.name
        return ask_fulfilment(with_draft(data, co), ctx)
    step = say(Checkout.NAME, with_draft(data, co), Reply(t.ASK_NAME, [Button(t.BTN_CANCEL, "batal")]))
    if not ctx.customer.phone:  # the seller (and a courier) need a number: asked once, answering optional
        step.replies.insert(0, Reply(t.ASK_CONTACT, ask_contact=True))  # the name question stays last
    return step


def on_name(data: dict[str, Any], ctx: Ctx, turn: Turn) -> Step:
    """stores the name (remembered for next time) and asks delivery or pickup."""
    name = " ".join(turn.text.split())
    if not (2 <= len(name) <= 60) or not any(ch.isalpha() for ch in name):
        return say(Checkout.NAME, data, Reply(t.NAME_INVALID, [Button(t.BTN_CANCEL, "batal")]))
    step = ask_fulfilment(with_draft(data, {**draft(data), "name": name}), ctx)
    step.effects.append(SetCustomerName(name))
    return step


def ask_fulfilment(data: dict[str, Any], ctx: Ctx) -> Step:
    """asks delivery or pickup (straight to the address when the shop has no pickup)."""
    if not ctx.shop.pickup:
        return ask_address(with_draft(data, {**draft(data), "fulfilment": "delivery"}), ctx)
    buttons = [Button(t.BTN_DELIVERY, FULFILMENT.pack("delivery")), Button(t.BTN_PICKUP, FULFILMENT.pack("pickup")),
               Button(t.BTN_CANCEL, "batal")]
    return say(Checkout.FULFILMENT, data, Reply(t.ASK_FULFILMENT, buttons))


def on_fulfilment(data: dict[str, Any], ctx: Ctx, turn: Turn) -> Step:
    """takes delivery (asks the address) or pickup (asks the note)."""
    word = FULFILMENT.one(turn.choice) or turn.text.lower().strip()
    if word in DELIVERY_WORDS or word == "delivery":
        return ask_address(with_draft(data, {**draft(data), "fulfilment": "delivery"}), ctx)
    if word in PICKUP_WORDS or word == "pickup":
        co = {**draft(data), "fulfilment": "pickup", "zone": None, "address": None}
        return ask_note(with_draft(data, co), ctx)
    return say(Checkout.FULFILMENT, data, Reply(t.FULFILMENT_INVALID, ask_fulfilment(data, ctx).replies[0].buttons))


def ask_address(data: dict[str, Any], ctx: Ctx, offer: bool = True) -> Step:
    """offers the address said earlier or last delivered to (known_address), else asks for one."""
    if offer and (known := known_address.known(data, ctx)) is not None:
        return say(Checkout.ADDRESS, with_draft(data, {**draft(data), "offered": known}), known_address.offer(known))
    co = {k: v for k, v in draft(data).items() if k != "offered"}
    return say(Checkout.ADDRESS, with_draft(data, co), Reply(t.ASK_ADDRESS, [Button(t.BTN_CANCEL, "batal")]))


def on_address(data: dict[str, Any], ctx: Ctx, turn: Turn) -> Step:
    """stores a typed address, the one offered ("ya") or a shared location, then finds or asks the zone."""
    co = draft(data)
    offered = co.pop("offered", None)
    if known_address.OTHER.matches(turn.choice):
        return ask_address(data, ctx, offer=False)
    if offered and (known_address.USE.matches(turn.choice) or (not turn.choice and is_yes(turn.text))):
        turn = Turn(text=offered)
    if turn.latitude is not None and turn.longitude is not None:
        co.update(latitude=turn.latitude, longitude=turn.longitude,
                  address=turn.address or f"📍 {turn.latitude:.5f}, {turn.longitude:.5f}")
    else:
        address = places.address_said(turn.text)
        if len(address) < 10:
            return say(Checkout.ADDRESS, data, Reply(t.ADDRESS_TOO_SHORT, [Button(t.BTN_CANCEL, "batal")]))
        co.update(address=address, latitude=None, longitude=None)
    zone = ctx.shop.zone_for_address(co["address"])
    if zone is None:  # never put in a zone it does not name: the zones, "luar kota" or pickup
        return ask_zone(with_draft(data, {**co, "zone": None, "outside": False}), ctx, quote_texts.ASK_ZONE_UNMATCHED)
    return zone_chosen(with_draft(data, co), ctx, zone.id)


def zone_buttons(ctx: Ctx) -> list[Button]:
    return [Button(quote_texts.BTN_ZONE_QUOTE.format(name=z.name) if z.quote else
                   t.BTN_ZONE.format(name=z.name, fee=rupiah(z.fee)), ZONE.pack(z.id)) for z in ctx.shop.delivery_zones]


def ask_zone(data: dict[str, Any], ctx: Ctx, text: str = t.ASK_ZONE) -> Step:
    """the zones as buttons, and for an address beyond them "luar kota" or pickup, as the shop allows."""
    outside, buttons = ctx.shop.outside_zones, zone_buttons(ctx)
    if outside.allowed:
        fee = rupiah(outside.fee or 0)
        text += (quote_texts.OUTSIDE_OFFER.format(name=outside.name) if outside.quote
                 else quote_texts.OUTSIDE_OFFER_FEE.format(name=outside.name, fee=fee))
        buttons.append(Button(quote_texts.BTN_OUTSIDE_QUOTE.format(name=outside.name) if outside.quote
                              else quote_texts.BTN_OUTSIDE_FEE.format(name=outside.name, fee=fee), OUTSIDE.pack()))
    elif ctx.shop.pickup:
        text += quote_texts.OUTSIDE_REFUSED.format(address=ctx.shop.pickup_address or ctx.shop.address or "toko")
        buttons.append(Button(t.BTN_PICKUP, FULFILMENT.pack("pickup")))
    else:
        text += quote_texts.OUTSIDE_REFUSED_NO_PICKUP
    return say(Checkout.ZONE, data, Reply(text, buttons + [Button(t.BTN_CANCEL, "batal")]))


def zone_chosen(data: dict[str, Any], ctx: Ctx, zone_id: str | None) -> Step:
    """stores the zone (or "luar kota" when zone_id is None), says the fee, and asks for a note."""
    co = {**draft(data), "zone": zone_id, "outside": zone_id is None}
    step = ask_note(with_draft(data, co), ctx)
    zone, outside = ctx.shop.zone(zone_id or ""), ctx.shop.outside_zones
    if zone is not None:
        said = (quote_texts.ZONE_SET_QUOTE.format(zone=zone.name) if zone.quote
                else t.ZONE_SET.format(zone=zone.name, fee=rupiah(zone.fee)))
    else:
        said = (quote_texts.OUTSIDE_SET.format(name=outside.name) if outside.quote
                else quote_texts.OUTSIDE_SET_FEE.format(name=outside.name, fee=rupiah(outside.fee or 0)))
    step.replies[0].text = said + "\n" + step.replies[0].text
    return step


def on_zone(data: dict[str, Any], ctx: Ctx, turn: Turn) -> Step:
    """stores the chosen zone, or "luar kota", or turns to pickup, and asks for a note."""
    if FULFILMENT.one(turn.choice) == "pickup" or (not turn.choice and turn.text.lower().strip() in PICKUP_WORDS):
        return ask_note(with_draft(data, {**draft(data), "fulfilment": "pickup", "zone": None, "outside": False,
                                          "address": None}), ctx)
    outside = ctx.shop.outside_zones
    text = turn.text.lower()
    if outside.allowed and (OUTSIDE.matches(turn.choice) or (not turn.choice and (
            outside.name.lower() in text or "luar kota" in text or "luar area" in text))):
        return zone_chosen(data, ctx, None)
    zone = ctx.shop.zone(ZONE.one(turn.choice) or "") if turn.choice else None
    if zone is None and turn.text:
        zone = next((z for z in ctx.shop.delivery_zones if z.name.lower() in text), None)
    if zone is None:
        return ask_zone(data, ctx, t.ZONE_INVALID)
    return zone_chosen(data, ctx, zone.id)


def ask_note(data: dict[str, Any], ctx: Ctx) -> Step:
    return say(Checkout.NOTE, data, Reply(t.ASK_NOTE, [Button(t.BTN_SKIP, SKIP.pack()), Button(t.BTN_CANCEL, "batal")]))


def on_note(data: dict[str, Any], ctx: Ctx, turn: Turn) -> Step:
    """stores the note (or none) and asks the payment method."""
    text = " ".join(turn.text.split())
    bare = not any(ch.isalnum() for ch in text)  # "-", "👍", "🙏": no note
    note = None if SKIP.matches(turn.choice) or text.lower() in NO_NOTE or bare else text[:500]
    return ask_payment(with_draft(data, {**draft(data), "note": note}), ctx)


def payment_label(m: PaymentMethod) -> str:
    return m.label or {"bank_transfer": t.BTN_PAY_BANK, "qris": t.BTN_PAY_QRIS, "cod": t.BTN_PAY_COD}[m.kind]


def methods(ctx: Ctx, co: dict[str, Any]) -> list[PaymentMethod]:
    """What this order may be paid with: COD only where the shop collects the cash itself
    (ShopProfile.cod_for)."""
    return ctx.shop.methods_for(co.get("fulfilment"), co.get("zone"))


def ask_payment(data: dict[str, Any], ctx: Ctx, text: str = t.ASK_PAYMENT) -> Step:
    co = draft(data)
    methods_ = methods(ctx, co)
    if not ctx.shop.payment_methods:
        return say(Browse.HOME, data, Reply(t.NO_PAYMENT_METHODS, [ask_seller.button(ask_seller.PAY), *main_menu()]))
    if not ctx.shop.cod_for(co.get("fulfilment"), co.get("zone")) and ctx.shop.payment("cod") is not None:
        text = cod_texts.COD_NOT_HERE.format(where=delivery_name(ctx, co), areas=cod_areas(ctx)) + "\n" + text
        if not methods_:  # COD was the shop's only way: pickup (or another address) is the way on
            return say(Checkout.PAYMENT, data, Reply(cod_texts.COD_ONLY_WAY, [
                Button(t.BTN_EDIT, "checkout"), Button(t.BTN_CANCEL, "batal")]))
    buttons = [Button(payment_label(m), PAY.pack(m.kind)) for m in methods_]
    return say(Checkout.PAYMENT, data, Reply(text, buttons + [Button(t.BTN_CANCEL, "batal")]))


def delivery_name(ctx: Ctx, co: dict[str, Any]) -> str:
    zone = ctx.shop.zone(co.get("zone") or "")
    return zone.name if zone is not None else ctx.shop.outside_zones.name


def cod_areas(ctx: Ctx) -> str:
    """Where COD is taken, in words: the zones that allow it, and pickup."""
    shop = ctx.shop
    return ", ".join([z.name for z in shop.delivery_zones if z.cod] + ([cod_texts.COD_PICKUP] if shop.pickup else []))


def on_payment(data: dict[str, Any], ctx: Ctx, turn: Turn) -> Step:
    """stores the payment method and shows the summary to confirm."""
    kind = PAY.one(turn.choice) or ("" if turn.choice else payment_named(turn.text))
    allowed = methods(ctx, draft(data))
    if not kind and not turn.choice and len(allowed) == 1 and is_yes(turn.text):  # one way left: "ya", "ok"
        kind = allowed[0].kind
    if all(m.kind != kind for m in allowed):
        return ask_payment(data, ctx, t.PAYMENT_INVALID)
    return summary(with_draft(data, {**draft(data), "payment": kind}), ctx)


def delivery(ctx: Ctx, co: dict[str, Any]) -> tuple[str, int | None] | None:
    """(where, fee) of a delivered order, the fee None when the seller quotes it; None for pickup."""
    if co.get("fulfilment") != "delivery":
        return None
    zone, outside = ctx.shop.zone(co.get("zone") or ""), ctx.shop.outside_zones
    if zone is not None:
        return zone.name, None if zone.quote else zone.fee
    if co.get("outside") and outside.allowed:
        return outside.name, outside.fee
    return None


def totals(ctx: Ctx, data: dict[str, Any]) -> tuple[list[str], int, int]:
    cart = cart_flow.items(data)
    products = ctx.catalog.by_skus(list(cart))
    lines = [t.SUMMARY_LINE.format(qty=q, name=products[s].label, total=rupiah(products[s].price * q))
             for s, q in cart.items() if s in products]
    where = delivery(ctx, draft(data))
    return lines, cart_flow.subtotal(ctx, cart), (where[1] or 0) if where else 0


def summary(data: dict[str, Any], ctx: Ctx) -> Step:
    """shows lines, subtotal, fee and total, and asks to confirm."""
    co = draft(data)
    lines, subtotal, fee = totals(ctx, data)
    where = delivery(ctx, co)
    priced = promo_cart.price_cart(data, ctx)  # the order re-prices and must arrive at the same discount
    data = with_draft(data, {**co, "discount": priced.discount})
    fee_line = ("" if where is None else quote_texts.SUMMARY_FEE_QUOTE.format(zone=where[0]) if where[1] is None
                else t.SUMMARY_FEE.format(zone=where[0], fee=rupiah(fee)))
    total = rupiah(subtotal - priced.discount + fee)
    text = t.SUMMARY.format(
        lines="\n".join(lines), subtotal=rupiah(subtotal),
        fee_line=promo_cart.discount_text(priced) + fee_line,
        total=quote_texts.SUMMARY_TOTAL_QUOTE.format(total=total) if where and where[1] is None else total,
        name=co.get("name"),
        fulfilment=(t.SUMMARY_DELIVERY.format(address=co.get("address")) if co.get("fulfilment") == "delivery"
                    else t.SUMMARY_PICKUP.format(address=ctx.shop.pickup_address or ctx.shop.address)),
        note=t.SUMMARY_NOTE.format(note=co["note"]) if co.get("note") else "",
        payment=t.PAYMENT_LABELS[co["payment"]],
    ) + preorder.summary_note(data, ctx)
    buttons = [Button(t.BTN_CONFIRM, CONFIRM.pack()), Button(t.BTN_EDIT, "checkout"), Button(t.BTN_CANCEL, "batal")]
    return say(Checkout.CONFIRM, data, Reply(text, buttons))


def on_confirm(data: dict[str, Any], ctx: Ctx, turn: Turn) -> Step:
    """asks the world to place the order; on_order_outcome words what happened."""
    if not CONFIRM.matches(turn.choice) and not is_yes(turn.text, PLACE_ORDER):  # "iya kak", "ya pesan"
        kind = "" if turn.choice else payment_named(turn.text)
        if kind and kind != draft(data).get("payment") and any(m.kind == kind for m in methods(ctx, draft(data))):
            return summary(with_draft(data, {**draft(data), "payment": kind}), ctx)  # "eh ganti cod aja"
        if kind == "cod" and ctx.shop.payment("cod") is not None:  # COD, but not for where this goes
            again = summary(data, ctx)
            again.replies[0].text = cod_texts.COD_NOT_HERE.format(
                where=delivery_name(ctx, draft(data)), areas=cod_areas(ctx)) + "\n\n" + again.replies[0].text
            return again
        return say(Checkout.CONFIRM, data, Reply(t.CONFIRM_INVALID, summary(data, ctx).replies[0].buttons))
    co = draft(data)
    lines = tuple(DraftLine(s, q) for s, q in cart_flow.items(data).items())
    effect = PlaceOrder(
        lines=lines, customer_name=co["name"], fulfilment=co["fulfilment"], payment_method=co["payment"],
        address=co.get("address"), latitude=co.get("latitude"), longitude=co.get("longitude"),
        zone_id=co.get("zone"), note=co.get("note"),
        promo_codes=tuple(promo_cart.codes(data)), discount=co.get("discount"),
        outside=bool(co.get("outside")) and co.get("fulfilment") == "delivery", deliver_on=data.get("deliver_on"),
    )
    return Step(Checkout.CONFIRM, data, [], [effect], then=on_order_outcome)


def on_order_outcome(step: Step, outcomes: list[Any], ctx: Ctx) -> Step:
    """ends the checkout: placed (the code is spent, the consent question comes once), sold
    out meanwhile (the cart again), or the promo changed (the new summary, to confirm again)."""
    outcome = outcomes[0]
    if isinstance(outcome, StockShort):
        return shortage(step.data, ctx, list(outcome.lines))
    if isinstance(outcome, preorder.NotTaken):
        return preorder.not_taken(step.data, ctx, outcome)
    if isinstance(outcome, DiscountChanged):
        fresh = summary(step.data, ctx)
        fresh.replies[0].text = promo_texts.PROMO_CHANGED + "\n\n" + fresh.replies[0].text
        return fresh
    ended = placed(step.data, ctx, outcome.order)
    return consent.after_order(Step(ended.state, promo_cart.forget_code(ended.data), ended.replies))


def placed(data: dict[str, Any], ctx: Ctx, order: OrderSummary) -> Step:
    """empties the cart and tells the code, total and how to pay."""
    out = {k: v for k, v in cart_flow.with_cart(data, {}).items() if k not in ("co", "deliver_on", known_address.KEY)}
    if order.status in ("awaiting_quote", "quoted"):  # the fee is quoted first; paying comes after the customer agrees
        quote_by = local_time(order.quote_by, ctx.tz) if order.quote_by else "-"
        template = quote_texts.ORDER_PLACED if order.status == "awaiting_quote" else quote_texts.ORDER_PLACED_RATED
        return say(Browse.HOME, out, Reply(template.format(
            kak=addressed(order.customer_name), code=order.code, total=rupiah(order.total), quote_by=quote_by), main_menu()))
    head = Reply(t.ORDER_PLACED.format(kak=addressed(order.customer_name), code=order.code, total=rupiah(order.total))
                 + preorder.placed_note(order, ctx))
    return say(Browse.HOME, out, head, payment_instructions(ctx, order))


def shortage(data: dict[str, Any], ctx: Ctx, short: list[tuple[str, int, int]]) -> Step:
    """names what ran out since the cart was filled; the order is not created."""
    lines = "\n".join(t.SHORTAGE_LINE.format(name=n, stock=s, qty=q) for n, s, q in short)
    return cart_flow.view(data, ctx, note=t.SOLD_OUT_AT_CONFIRM.format(lines=lines))


STEPS = {
    Checkout.NAME: on_name,
    Checkout.FULFILMENT: on_fulfilment,
    Checkout.ADDRESS: on_address,
    Checkout.ZONE: on_zone,
    Checkout.NOTE: on_note,
    Checkout.PAYMENT: on_payment,
    Checkout.CONFIRM: on_confirm,
}
