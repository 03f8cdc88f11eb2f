"""A seller's (or the CLI's) action on an order: the move, the words back, the notices out.

Shared by the seller chat commands (conversations.seller.orders, applied by effects.orders)
and `kedai orders confirm|...`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from language.money import local_time, rupiah
from language.names import addressed
from shops.profile import ShopProfile
from conversations.base import Button, Reply
from conversations.customer import ask_seller, order_status
from conversations.seller.orders import button_value
from effects.notices import to_customer, to_sellers
from effects.outbox import Outbound
from orders import quotes
from orders.lifecycle import Action, Facts, IllegalMove, Moved, Status, move, possible_actions
from storage import orders as orders_db
from storage.models import Order
from texts.id import customer as customer_texts
from texts.id import payment as payment_texts
from texts.id import quotes as quote_texts
from texts.id import seller_orders as t

# No button cancels: that one is typed out (`batal KD-0042`), so it is never pressed by accident.
BUTTONS = {Action.CONFIRM: t.BTN_CONFIRM, Action.REJECT_PROOF: t.BTN_REJECT, Action.PROCESS: t.BTN_PROCESS,
           Action.SHIP: t.BTN_SHIP, Action.COMPLETE: t.BTN_COMPLETE, Action.QUOTE: t.BTN_QUOTE}



@dataclass
class ActionResult:
    ok: bool
    reply: Reply
    notices: list[Outbound] = field(default_factory=list)
    order: Order | None = None


@dataclass(frozen=True)
class Request:
    code: str
    action: Action
    actor: str  # "seller:3" or "cli"
    actor_name: str = "Penjual"
    reason: str | None = None
    courier: str | None = None
    tracking_no: str | None = None
    actor_address: tuple[str, str] | None = None  # (channel, id) of a seller, not told twice
    fee: int | None = None  # Action.QUOTE: the delivery fee


def perform(session: Session, shop_id: int, profile: ShopProfile, tz: ZoneInfo, req: Request, now: datetime) -> ActionResult:
    order = orders_db.fetch_order_by_code(session, shop_id, req.code)
    if order is None:
        return ActionResult(False, Reply(t.NOT_FOUND.format(code=req.code)))
    if req.action == Action.REJECT_PROOF and order.status == Status.PENDING and order.proof_submitted_at is None:
        return ActionResult(False, Reply(t.NO_PROOF.format(code=order.code)), order=order)
    try:
        if req.action == Action.QUOTE:
            moved = quotes.quote(session, order.id, req.fee or 0, req.courier, req.actor, now, profile)
        else:
            moved = move(session, order.id, req.action, req.actor, now, note=req.reason,
                         courier=req.courier, tracking_no=req.tracking_no)
    except IllegalMove as exc:
        return ActionResult(False, refusal(order, exc, req, tz), order=order)
    notices = to_customer(session, moved.order, customer_message(session, moved, req, profile, tz))
    if req.action in (Action.CONFIRM, Action.REJECT_PROOF):
        what = t.WHAT_CONFIRM if req.action == Action.CONFIRM else t.WHAT_REJECT.format(reason=req.reason)
        info = Reply(t.OTHER_SELLER_DONE.format(who=req.actor_name, code=order.code, what=what))
        notices += to_sellers(session, shop_id, info, skip=req.actor_address)
    return ActionResult(True, Reply(done_text(moved, req), next_buttons(moved)), notices, moved.order)


def describe(session: Session, shop_id: int, code: str, tz: ZoneInfo) -> Reply:
    """An order as the shop sees it: who, what, how much, where it stands, and what can be done."""
    order = orders_db.fetch_order_by_code(session, shop_id, code)
    if order is None:
        return Reply(t.NOT_FOUND.format(code=code))
    items = orders_db.fetch_items(session, [order.id])[order.id]
    facts = ""
    if order.status == Status.PENDING and order.pay_by:
        facts += t.ORDER_PAY_BY.format(pay_by=local_time(order.pay_by, tz))
    if order.quote_by and order.status in (Status.AWAITING_QUOTE, Status.QUOTED):
        facts += "\n" + (quote_texts.SELLER_QUOTE_NEEDED.format(zone=order.zone or "-", code=order.code,
                                                                 quote_by=local_time(order.quote_by, tz)).strip()
                         if order.status == Status.AWAITING_QUOTE else quote_texts.NEXT_QUOTED.format(
                             fee=rupiah(order.delivery_fee), total=rupiah(order.total), quote_by=local_time(order.quote_by, tz)))
    if order.proof_submitted_at and order.status == Status.PENDING:
        facts += t.ORDER_PROOF
    if order.paid_at:
        facts += t.ORDER_PAID.format(paid_at=local_time(order.paid_at, tz))
    if order.courier or order.tracking_no:
        facts += t.ORDER_SHIPPING.format(shipping=" ".join(p for p in (order.courier, order.tracking_no) if p))
    possible = possible_actions(Facts.of(order), "seller")
    return Reply(t.ORDER_VIEW.format(
        code=order.code, status=customer_texts.STATUS_LABELS.get(order.status, order.status), name=order.customer_name,
        lines="".join(t.LINE.format(qty=i.qty, name=i.name, total=rupiah(i.line_total)) for i in items),
        total=rupiah(order.total), unique=t.PROOF_UNIQUE.format(unique=order.unique_code) if order.unique_code else "",
        payment=customer_texts.PAYMENT_LABELS.get(order.payment_method, order.payment_method),
        fulfilment=(customer_texts.SUMMARY_DELIVERY.format(address=order.address) if order.fulfilment == "delivery"
                    else customer_texts.SUMMARY_PICKUP.format(address="toko")),
        facts=facts, possible=possible_text(order, possible)), action_buttons(order.code, possible))


def possible_text(order: Order, possible: list[Action]) -> str:
    commands = [t.COMMANDS[a].format(code=order.code) for a in possible if a in t.COMMANDS]
    return t.POSSIBLE.format(commands=", ".join(commands)) if commands else t.POSSIBLE_NONE


def refusal(order: Order, exc: IllegalMove, req: Request, tz: ZoneInfo) -> Reply:
    """Says why not, and what is possible now, with buttons for it."""
    possible = possible_text(order, exc.possible)
    buttons = action_buttons(order.code, exc.possible)
    if req.action == Action.CONFIRM and exc.facts.paid and order.paid_at:
        return Reply(t.ALREADY_PAID.format(code=order.code, paid_at=local_time(order.paid_at, tz), possible=possible), buttons)
    status = customer_texts.STATUS_LABELS.get(exc.facts.status, exc.facts.status)
    return Reply(t.ILLEGAL.format(code=order.code, status=status, command=t.COMMAND_WORDS[req.action], possible=possible),
                 buttons)


def action_buttons(code: str, possible: list[Action]) -> list[Button]:
    return [Button(BUTTONS[a].format(code=code), button_value(a, code)) for a in possible if a in BUTTONS]


def next_buttons(moved: Moved) -> list[Button]:
    return action_buttons(moved.order.code, possible_actions(Facts.of(moved.order), "seller"))


def done_text(moved: Moved, req: Request) -> str:
    o = moved.order
    fields = {"code": o.code, "total": rupiah(o.total), "name": o.customer_name}
    if moved.action == Action.QUOTE:
        return quote_texts.DONE_QUOTE.format(kak=addressed(o.customer_name), fee=rupiah(o.delivery_fee), via=f" ({o.courier})" if o.courier else "", **fields)
    if moved.action == Action.CONFIRM:
        return (t.DONE_CONFIRM if moved.before == Status.PENDING else t.DONE_CONFIRM_COD).format(**fields)
    if moved.action == Action.REJECT_PROOF:
        return t.DONE_REJECT.format(**fields)
    if moved.action == Action.PROCESS:
        return t.DONE_PROCESS.format(**fields)
    if moved.action == Action.SHIP:
        via = " ".join(p for p in (o.courier, o.tracking_no) if p)
        return t.DONE_SHIP.format(via=f" ({via})" if via else "", **fields)
    if moved.action == Action.COMPLETE:
        cash = t.DONE_COMPLETE_CASH if o.payment_method == "cod" and moved.before != Status.PAID else ""
        return t.DONE_COMPLETE.format(cash=cash, **fields)
    refund = t.DONE_CANCEL_REFUND if o.paid_at and o.payment_method != "cod" else ""
    return t.DONE_CANCEL.format(refund=refund, **fields)


def customer_message(session: Session, moved: Moved, req: Request, profile: ShopProfile, tz: ZoneInfo) -> Reply:
    """What the customer is told: a receipt when paid, then each step of the way."""
    o = moved.order
    if moved.action == Action.QUOTE:
        return quoted_message(o, tz)
    if moved.action == Action.CONFIRM:
        return receipt(session, o, tz)
    if moved.action == Action.REJECT_PROOF:
        # Not numbered: a notice's choices are not remembered, so on WhatsApp "ketik: Tanya penjual" is the way.
        return Reply(payment_texts.PROOF_REJECTED.format(code=o.code, reason=req.reason or "-", total=rupiah(o.total),
                                              pay_by=local_time(o.pay_by, tz) if o.pay_by else "-"),
                     [ask_seller.button(ask_seller.PROOF, o.code)], numbered=False)
    if moved.action == Action.PROCESS:
        when = payment_texts.NEXT_PROCESSING_DELIVERY if o.fulfilment == "delivery" else payment_texts.NEXT_PROCESSING_PICKUP
        return Reply(payment_texts.PROCESSING.format(code=o.code, when=when))
    if moved.action == Action.SHIP:
        if o.fulfilment == "pickup":
            return Reply(payment_texts.SHIPPED_PICKUP.format(code=o.code, address=profile.pickup_address or profile.address))
        via = payment_texts.NEXT_SHIPPED_VIA.format(courier=o.courier) if o.courier else ""
        tracking = payment_texts.NEXT_SHIPPED_TRACKING.format(tracking=o.tracking_no) if o.tracking_no else ""
        return Reply(payment_texts.SHIPPED.format(code=o.code, via=via, tracking=tracking))
    if moved.action == Action.COMPLETE:
        return Reply(payment_texts.COMPLETED.format(code=o.code))
    reason = payment_texts.CANCELLED_REASON.format(reason=req.reason) if req.reason else ""
    refund = payment_texts.CANCELLED_REFUND if o.paid_at and o.payment_method != "cod" else ""
    return Reply(payment_texts.CANCELLED_BY_SELLER.format(code=o.code, reason=reason, refund=refund))


def quoted_message(o: Order, tz: ZoneInfo) -> Reply:
    """The quoted delivery fee and the exact total (with its transfer code), to accept or refuse."""
    text = quote_texts.QUOTED.format(
        code=o.code, fee=rupiah(o.delivery_fee), via=quote_texts.QUOTED_VIA.format(courier=o.courier) if o.courier else "",
        subtotal=rupiah(o.subtotal), discount=quote_texts.QUOTED_DISCOUNT.format(discount=rupiah(o.discount)) if o.discount else "",
        unique=quote_texts.QUOTED_UNIQUE.format(unique=rupiah(o.unique_code)) if o.unique_code else "",
        total=rupiah(o.total), quote_by=local_time(o.quote_by, tz) if o.quote_by else "-")
    return Reply(text, [Button(quote_texts.BTN_ACCEPT, order_status.ACCEPT_QUOTE.pack(o.code)),
                        Button(quote_texts.BTN_REFUSE, order_status.CANCEL.pack(o.code))])


def receipt(session: Session, order: Order, tz: ZoneInfo) -> Reply:
    items = orders_db.fetch_items(session, [order.id])[order.id]
    lines = "".join(payment_texts.ORDER_LINE.format(qty=i.qty, name=i.name, total=rupiah(i.line_total)) for i in items)
    return Reply(payment_texts.RECEIPT.format(
        code=order.code, lines=lines, subtotal=rupiah(order.subtotal),
        fee=payment_texts.RECEIPT_FEE.format(fee=rupiah(order.delivery_fee)) if order.delivery_fee else "",
        unique=payment_texts.RECEIPT_UNIQUE.format(unique=rupiah(order.unique_code)) if order.unique_code else "",
        total=rupiah(order.total), payment=customer_texts.PAYMENT_LABELS.get(order.payment_method, order.payment_method),
        paid_at=local_time(order.paid_at, tz) if order.paid_at else "-"))
