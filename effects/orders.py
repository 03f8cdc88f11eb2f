"""Order effects, applied inside the message's transaction: placing an order, a customer's proof
or cancel, a seller's order command. Every order is looked up again here, scoped to the shop
and (for customers) to the customer, whatever the conversation believed. Each applier returns
an outcome for the flow to word, and adds the notices for the shop's sellers."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from adapters.orders import summary_of
from conversations.base import Button, Reply
from conversations.customer.placing import DiscountChanged, OrderPlaced, PlaceOrder, StockShort
from conversations.customer.preorder import WHEN, NotTaken
from conversations.customer.payment import AttachProof, CancelOrder, CancelRefused, NotTheirs, OrderCancelled, ProofTaken
from conversations.seller.orders import OrderCommand, OrderReply, ReasonNeeded, ShowOrder, button_value
from effects.env import Env
from effects.notices import to_customer, to_sellers
from effects.order_actions import Request, describe, perform, quoted_message
from effects.outbox import Outbound
from effects.stock_alerts import order_taken, stock_alerts
from language.dates import show_day
from language.money import local_time, rupiah
from marketing.pricing import PromoChanged
from orders import quotes
from orders.lifecycle import Action, IllegalMove, Status, move
from orders.payments import ProofOutcome, ProofResult, attach_proof
from orders.making import PreorderProblem, ShopClosed
from orders.placing import Line, OrderRequest, OutOfStock, place_order
from storage import orders as orders_db
from storage import sellers as sellers_db
from storage.models import Customer, Order, Seller
from texts.id import customer as customer_texts
from texts.id import preorders as preorder_texts
from texts.id import quotes as quote_texts
from texts.id import seller_orders as seller_order_texts


def place(env: Env, effect: PlaceOrder) -> OrderPlaced | StockShort | DiscountChanged | NotTaken:
    """Places the order, or reports every short line / a promo that changed; tells the sellers."""
    who, ctx = env.who, env.ctx
    request = OrderRequest(
        shop_id=who.shop_id, customer_id=who.customer_id, channel=who.channel,
        customer_name=effect.customer_name, fulfilment=effect.fulfilment, payment_method=effect.payment_method,
        lines=tuple(Line(ln.sku, ln.qty) for ln in effect.lines), address=effect.address,
        latitude=effect.latitude, longitude=effect.longitude, zone_id=effect.zone_id, note=effect.note,
        promo_codes=effect.promo_codes, expected_discount=effect.discount, outside=effect.outside,
        deliver_on=effect.deliver_on,
    )
    try:
        order = place_order(env.session, ctx.shop, request, ctx.now, who.window_minutes, actor=f"customer:{who.customer_id}")
    except OutOfStock as exc:
        return StockShort(tuple((s.name, s.stock, s.qty) for s in exc.shortages))
    except PromoChanged:
        return DiscountChanged()
    except PreorderProblem as exc:
        return NotTaken(exc.kind, exc.name, exc.day)
    except ShopClosed as exc:
        return NotTaken("shop_closed", when=local_time(exc.opening, ctx.tz, WHEN))
    if order.status == Status.AWAITING_QUOTE and (rated := rate(env, order)) is not None:
        order = rated
        env.notices += to_customer(env.session, order, quoted_message(order, ctx.tz))
    env.notices += seller_notices(env.session, who.shop_id, order, ctx.tz) + low_stock_notices(env.session, who.shop_id, order)
    return OrderPlaced(summary_of(order))


def rate(env: Env, order: Order) -> Order | None:
    """A rates service's fee for an order that waits for one, quoted at once (None: the seller quotes)."""
    items = orders_db.fetch_items(env.session, [order.id])[order.id]
    shop = env.ctx.shop
    found = env.rates.quote(quotes.RateRequest(order.shop_id, order.code, shop.pickup_address or shop.address,
                                               order.address or "", order.latitude, order.longitude,
                                               tuple((i.sku, i.qty) for i in items)))
    if found is None:
        return None
    return quotes.quote(env.session, order.id, found.fee, found.courier, "system:rates", env.ctx.now, shop).order


def seller_notices(session: Session, shop_id: int, order: Order, tz: ZoneInfo = ZoneInfo("Asia/Jakarta")) -> list[Outbound]:
    """Tells every seller of the shop about a new order, on the channel they registered; one
    whose delivery fee they are to quote comes with the command and a button for it."""
    items = orders_db.fetch_items(session, [order.id])[order.id]
    total = rupiah(order.total)
    text = customer_texts.SELLER_NEW_ORDER.format(
        code=order.code, total=quote_texts.SUMMARY_TOTAL_QUOTE.format(total=total) if order.status == Status.AWAITING_QUOTE else total, payment=customer_texts.PAYMENT_LABELS[order.payment_method],
        lines="\n".join(customer_texts.SUMMARY_LINE.format(qty=i.qty, name=i.name, total=rupiah(i.line_total)) for i in items),
        name=order.customer_name, phone=buyer_contact(session, order),
        fulfilment=(customer_texts.SUMMARY_DELIVERY.format(address=order.address) if order.fulfilment == "delivery"
                    else customer_texts.SUMMARY_PICKUP.format(address="toko")),
        note=customer_texts.SUMMARY_NOTE.format(note=order.note) if order.note else "",
    )
    if order.deliver_on:
        text += preorder_texts.SELLER_DELIVER_ON.format(day=show_day(order.deliver_on, weekday=True))
    if order.handle_at is not None:
        text += preorder_texts.SELLER_HANDLE_AT.format(when=local_time(order.handle_at, tz, WHEN))
    if order.status == Status.AWAITING_QUOTE:
        text += quote_texts.SELLER_QUOTE_NEEDED.format(zone=order.zone or "-", code=order.code,
                                                       quote_by=local_time(order.quote_by, tz) if order.quote_by else "-")
        buttons = [Button(quote_texts.BTN_QUOTE.format(code=order.code), button_value(Action.QUOTE, order.code))]
        return to_sellers(session, shop_id, Reply(text, buttons))
    if order.payment_method == "bank_transfer" and not order.unique_code and order.status == Status.PENDING:
        text += seller_order_texts.NEW_ORDER_NO_UNIQUE  # all 999 codes are held by open orders
    return to_sellers(session, shop_id, Reply(text))


def buyer_contact(session: Session, order: Order) -> str:
    """The buyer's number for the seller (a courier needs one): the customer's phone (WhatsApp's
    sender, or a contact shared on Telegram), with a WhatsApp link; else where they chat."""
    customer = session.get(Customer, order.customer_id)
    if customer is not None and customer.phone:
        digits = customer.phone.lstrip("+")
        return customer_texts.SELLER_BUYER_PHONE.format(phone=customer.phone, wa=f"https://wa.me/{digits}")
    return customer_texts.SELLER_BUYER_CHANNEL.format(channel=order.channel)


def low_stock_notices(session: Session, shop_id: int, order: Order) -> list[Outbound]:
    """Tells the sellers when this order took a product down to its low-stock threshold or to zero."""
    taken = order_taken((i.product_id, i.qty) for i in orders_db.fetch_items(session, [order.id])[order.id])
    return stock_alerts(session, shop_id, taken)


def attach(env: Env, effect: AttachProof) -> NotTheirs | ProofTaken:
    """Records the proof on the customer's own order; the sellers get it when it needs a look."""
    session, who = env.session, env.who
    order = orders_db.fetch_order_by_code(session, who.shop_id, effect.code, customer_id=who.customer_id)
    if order is None:
        return NotTheirs(effect.code)
    result = attach_proof(session, order, who.customer_id, effect.media_ref, effect.content_type, effect.text, env.ctx.now)
    if result.outcome in (ProofOutcome.ATTACHED, ProofOutcome.LATE):
        env.notices += to_sellers(session, who.shop_id, proof_notice(session, result, effect))
    return ProofTaken(summary_of(result.order), result.outcome)


def proof_notice(session: Session, result: ProofResult, effect: AttachProof) -> Reply:
    """The proof for the sellers: who, what was ordered, the exact amount to look for, and buttons."""
    o = result.order
    items = orders_db.fetch_items(session, [o.id])[o.id]
    is_image = bool(effect.media_ref) and (effect.content_type or "image/").startswith("image/")
    proof = ""
    if effect.media_ref and not is_image:
        proof += seller_order_texts.PROOF_DOCUMENT.format(content_type=effect.content_type or "file")
    if effect.text:
        proof += (seller_order_texts.PROOF_CAPTION if effect.media_ref else seller_order_texts.PROOF_WORDS).format(text=effect.text)
    if result.outcome == ProofOutcome.LATE:
        proof = seller_order_texts.PROOF_FORWARD_LATE.format(status=customer_texts.STATUS_LABELS.get(o.status, o.status)) + proof
    unique = (seller_order_texts.PROOF_UNIQUE.format(unique=o.unique_code) if o.unique_code
              else seller_order_texts.PROOF_NO_UNIQUE if o.payment_method == "bank_transfer" else "")
    text = seller_order_texts.PROOF_FORWARD.format(
        code=o.code, name=o.customer_name, expected=rupiah(o.total), unique=unique,
        lines="".join(seller_order_texts.LINE.format(qty=i.qty, name=i.name, total=rupiah(i.line_total)) for i in items),
        payment=customer_texts.PAYMENT_LABELS.get(o.payment_method, o.payment_method), proof=proof)
    buttons = [] if result.outcome == ProofOutcome.LATE else [
        Button(seller_order_texts.BTN_CONFIRM.format(code=o.code), button_value(Action.CONFIRM, o.code)),
        Button(seller_order_texts.BTN_REJECT.format(code=o.code), button_value(Action.REJECT_PROOF, o.code))]
    return Reply(text, buttons, image_url=effect.media_ref if is_image else None)


def cancel(env: Env, effect: CancelOrder) -> NotTheirs | CancelRefused | OrderCancelled:
    """Cancels the customer's own unpaid order (its stock goes back) and tells the sellers."""
    session, who = env.session, env.who
    order = orders_db.fetch_order_by_code(session, who.shop_id, effect.code, customer_id=who.customer_id)
    if order is None:
        return NotTheirs(effect.code)
    try:
        moved = move(session, order.id, Action.CANCEL_BY_CUSTOMER, f"customer:{who.customer_id}", env.ctx.now)
    except IllegalMove:
        return CancelRefused(summary_of(orders_db.fetch_order(session, order.id)))
    told = Reply(seller_order_texts.CUSTOMER_CANCELLED.format(code=order.code, name=order.customer_name, total=rupiah(order.total)))
    env.notices += to_sellers(session, who.shop_id, told)
    return OrderCancelled(summary_of(moved.order))


def _seller(env: Env) -> Seller:
    who = env.who
    seller = sellers_db.fetch_seller(env.session, who.shop_id, who.channel, who.sender)
    if seller is None:  # only the seller routing emits these; anything else is a bug, not a permission
        raise PermissionError(f"{who.channel}:{who.sender} is not a seller of shop {who.shop_id}")
    return seller


def command(env: Env, effect: OrderCommand) -> ReasonNeeded | OrderReply:
    """A seller's move on an order, worded for the seller, the customer and the other sellers."""
    session, who, ctx = env.session, env.who, env.ctx
    seller = _seller(env)
    if effect.action == Action.REJECT_PROOF and effect.reason is None:
        order = orders_db.fetch_order_by_code(session, who.shop_id, effect.code)
        if order is not None and order.proof_submitted_at is not None and order.status == "pending_payment":
            return ReasonNeeded(order.code)
    req = Request(effect.code, effect.action, f"seller:{seller.id}", seller.name or "Penjual", effect.reason,
                  effect.courier, effect.tracking_no, actor_address=(seller.channel, seller.external_id), fee=effect.fee)
    result = perform(session, who.shop_id, ctx.shop, ctx.tz, req, ctx.now)
    env.notices += result.notices
    return OrderReply(result.reply)


def show(env: Env, effect: ShowOrder) -> OrderReply:
    _seller(env)
    return OrderReply(describe(env.session, env.who.shop_id, effect.code, env.ctx.tz))


APPLIERS = {PlaceOrder: place, AttachProof: attach, CancelOrder: cancel, OrderCommand: command, ShowOrder: show}
