"""Applies the payment and order effects inside the message's transaction: a customer's
proof or cancel, a seller's order command. Every order is looked up again here, scoped to
the shop and (for customers) to the customer, whatever the conversation believed."""

from __future__ import annotations

from sqlalchemy.orm import Session

from language.money import rupiah
from conversations.customer import payment
from conversations.base import Button, Ctx, Reply, say
from conversations.customer.browsing import Browse, main_menu
from effects import notices as notify
from effects.registry import Applied, Who
from effects.order_actions import Request, describe, perform
from adapters.orders import summary_of
from conversations.seller import orders as seller_orders
from conversations.seller.orders import OrderCommand, ShowOrder
from orders.lifecycle import Action, IllegalMove, move
from orders.payments import ProofOutcome, ProofResult, attach_proof
from storage import lifecycle_queries as lq
from storage import message_queries as mq
from storage import order_queries as oq
from storage.models import Seller
from texts.id import customer as tc
from texts.id import payment as tp
from texts.id import seller_orders as ts

EFFECTS = (payment.AttachProof, payment.CancelOrder, OrderCommand, ShowOrder)


def apply(session: Session, ctx: Ctx, who: Who, applied: Applied, effect: object) -> Applied:
    if isinstance(effect, payment.AttachProof):
        return _proof(session, ctx, who, applied, effect)
    if isinstance(effect, payment.CancelOrder):
        return _cancel(session, ctx, who, applied, effect)
    if isinstance(effect, OrderCommand):
        return _command(session, ctx, who, applied, effect)
    if isinstance(effect, ShowOrder):
        _seller(session, who)
        applied.step.replies = applied.step.replies + [describe(session, who.shop_id, effect.code, ctx.tz)]
        return applied
    raise TypeError(f"not an order effect: {effect!r}")


def _not_theirs(applied: Applied, text: str) -> Applied:
    """Unknown and someone else's read the same, so a code reveals nothing about other customers."""
    return Applied(say(Browse.HOME, applied.step.data, Reply(text, main_menu())), applied.notices)


def _proof(session: Session, ctx: Ctx, who: Who, applied: Applied, effect: payment.AttachProof) -> Applied:
    data = applied.step.data
    order = lq.fetch_order_by_code(session, who.shop_id, effect.code, customer_id=who.customer_id)
    if order is None:
        return _not_theirs(applied, tp.PROOF_UNKNOWN_ORDER.format(code=effect.code))
    result = attach_proof(session, order, who.customer_id, effect.media_ref, effect.content_type, effect.text, ctx.now)
    step = payment.proof_outcome(data, ctx, summary_of(result.order), result.outcome, effect.media_ref is None)
    notices = applied.notices
    if result.outcome in (ProofOutcome.ATTACHED, ProofOutcome.LATE):
        notices = notices + notify.to_sellers(session, who.shop_id, proof_notice(session, result, effect))
    return Applied(step, notices)


def proof_notice(session: Session, result: ProofResult, effect: payment.AttachProof) -> Reply:
    """The proof for the sellers: who, what was ordered, the exact amount to look for, and buttons."""
    o = result.order
    items = oq.fetch_items(session, [o.id])[o.id]
    is_image = bool(effect.media_ref) and (effect.content_type or "image/").startswith("image/")
    proof = ""
    if effect.media_ref and not is_image:
        proof += ts.PROOF_DOCUMENT.format(content_type=effect.content_type or "file")
    if effect.text:
        proof += (ts.PROOF_CAPTION if effect.media_ref else ts.PROOF_WORDS).format(text=effect.text)
    if result.outcome == ProofOutcome.LATE:
        proof = ts.PROOF_FORWARD_LATE.format(status=tc.STATUS_LABELS.get(o.status, o.status)) + proof
    unique = (ts.PROOF_UNIQUE.format(unique=o.unique_code) if o.unique_code
              else ts.PROOF_NO_UNIQUE if o.payment_method == "bank_transfer" else "")
    text = ts.PROOF_FORWARD.format(
        code=o.code, name=o.customer_name, expected=rupiah(o.total), unique=unique,
        lines="".join(ts.LINE.format(qty=i.qty, name=i.name, total=rupiah(i.line_total)) for i in items),
        payment=tc.PAYMENT_LABELS.get(o.payment_method, o.payment_method), proof=proof)
    buttons = [] if result.outcome == ProofOutcome.LATE else [
        Button(ts.BTN_CONFIRM.format(code=o.code), f"lunas:{o.code}"),
        Button(ts.BTN_REJECT.format(code=o.code), f"tolak:{o.code}")]
    return Reply(text, buttons, image_url=effect.media_ref if is_image else None)


def _cancel(session: Session, ctx: Ctx, who: Who, applied: Applied, effect: payment.CancelOrder) -> Applied:
    data = applied.step.data
    order = lq.fetch_order_by_code(session, who.shop_id, effect.code, customer_id=who.customer_id)
    if order is None:
        return _not_theirs(applied, tp.ORDER_NOT_FOUND.format(code=effect.code))
    try:
        moved = move(session, order.id, Action.CANCEL_BY_CUSTOMER, f"customer:{who.customer_id}", ctx.now)
    except IllegalMove:
        return Applied(payment.cancel_refused(data, ctx, summary_of(lq.fetch_order(session, order.id))), applied.notices)
    told = Reply(ts.CUSTOMER_CANCELLED.format(code=order.code, name=order.customer_name, total=rupiah(order.total)))
    return Applied(payment.cancelled(data, ctx, summary_of(moved.order)),
                   applied.notices + notify.to_sellers(session, who.shop_id, told))


def _seller(session: Session, who: Who) -> Seller:
    seller = mq.fetch_seller(session, who.shop_id, who.channel, who.sender)
    if seller is None:  # only the seller routing emits these; anything else is a bug, not a permission
        raise PermissionError(f"{who.channel}:{who.sender} is not a seller of shop {who.shop_id}")
    return seller


def _command(session: Session, ctx: Ctx, who: Who, applied: Applied, effect: OrderCommand) -> Applied:
    seller = _seller(session, who)
    if effect.action == Action.REJECT_PROOF and effect.reason is None:
        order = lq.fetch_order_by_code(session, who.shop_id, effect.code)
        if order is not None and order.proof_submitted_at is not None and order.status == "pending_payment":
            return Applied(seller_orders.ask_reason(applied.step.state, applied.step.data, order.code), applied.notices)
    req = Request(effect.code, effect.action, f"seller:{seller.id}", seller.name or "Penjual", effect.reason,
                  effect.courier, effect.tracking_no, actor_address=(seller.channel, seller.external_id))
    result = perform(session, who.shop_id, ctx.shop, ctx.tz, req, ctx.now)
    step = applied.step
    step.replies = step.replies + [result.reply]
    return Applied(step, applied.notices + result.notices)
