"""An order as its customer sees it: status, and what happens next."""

from __future__ import annotations

import re
from typing import Any

from language.money import local_time, rupiah
from conversations.base import Button, Ctx, Reply, Step, say
from conversations.choice import Choice
from conversations.customer.browsing import Browse, main_menu
from conversations.ports import OrderSummary
from orders.lifecycle import Action, Facts, Status, possible_actions
from texts.id import customer as customer_texts
from texts.id import payment as t
from texts.id import quotes as quote_texts


DETAIL = Choice("ord", str)  # one of the customer's orders: its code
HOW_TO_PAY = Choice("payhow", str)
CANCEL = Choice("ocancel", str)
ACCEPT_QUOTE = Choice("qok", str)  # the customer agrees to a quoted delivery fee: the order's code


def facts(order: OrderSummary) -> Facts:
    return Facts(Status(order.status), order.payment_method, order.fulfilment, order.paid_at is not None,
                 order.proof_pending)


def when_cod(order: OrderSummary) -> str:
    return customer_texts.COD_DELIVERY if order.fulfilment == "delivery" else customer_texts.COD_PICKUP


def next_step(order: OrderSummary, ctx: Ctx) -> str:
    """One sentence: what the order waits for, or what it became."""
    total = rupiah(order.total)
    status = Status(order.status)
    if status == Status.PENDING:
        if order.payment_method == "cod":
            return t.NEXT_COD.format(total=total, when=when_cod(order))
        if order.proof_pending:
            return t.NEXT_PROOF_CHECKING
        return t.NEXT_PAY.format(total=total, pay_by=local_time(order.pay_by, ctx.tz) if order.pay_by else "-")
    if status == Status.PAID:
        return t.NEXT_PAID.format(paid_at=local_time(order.paid_at, ctx.tz) if order.paid_at else "-")
    if status == Status.PROCESSING:
        return t.NEXT_PROCESSING.format(when=t.NEXT_PROCESSING_DELIVERY if order.fulfilment == "delivery"
                                        else t.NEXT_PROCESSING_PICKUP)
    if status == Status.SHIPPED:
        via = t.NEXT_SHIPPED_VIA.format(courier=order.courier) if order.courier else ""
        via += t.NEXT_SHIPPED_TRACKING.format(tracking=order.tracking_no) if order.tracking_no else ""
        return t.NEXT_SHIPPED.format(via=via, code=order.code)
    if status == Status.AWAITING_QUOTE:
        return quote_texts.NEXT_AWAITING_QUOTE.format(quote_by=local_time(order.quote_by, ctx.tz) if order.quote_by else "-")
    if status == Status.QUOTED:
        return quote_texts.NEXT_QUOTED.format(fee=rupiah(order.delivery_fee), total=total,
                                              quote_by=local_time(order.quote_by, ctx.tz) if order.quote_by else "-")
    if status == Status.COMPLETED:
        return t.NEXT_COMPLETED
    if status == Status.EXPIRED:
        return t.NEXT_EXPIRED.format(pay_by=local_time(order.pay_by, ctx.tz) if order.pay_by else "-")
    return t.NEXT_CANCELLED


CANCEL_WORDS = re.compile(r"^(batal|batalkan|batalin|cancel|gajadi|ga jadi|gak jadi)\b")
ORDER_WORDS = re.compile(r"\b(pesanan|pesananku|order|orderan)\b")


def cancels_order(words: str, code: str | None) -> bool:
    """Whether normalised words ask to cancel an order: "batalkan pesanan", "batal KD-0042"."""
    return bool(CANCEL_WORDS.match(words) and (code or ORDER_WORDS.search(words)))


def can_cancel(order: OrderSummary) -> bool:
    return Action.CANCEL_BY_CUSTOMER in possible_actions(facts(order), "customer")


def detail_buttons(order: OrderSummary) -> list[Button]:
    buttons = []
    if order.status == Status.QUOTED:
        buttons.append(Button(quote_texts.BTN_ACCEPT, ACCEPT_QUOTE.pack(order.code)))
    if order.status == Status.PENDING and order.payment_method != "cod" and not order.proof_pending:
        buttons.append(Button(t.BTN_HOW_TO_PAY, HOW_TO_PAY.pack(order.code)))
    if can_cancel(order):
        buttons.append(Button(t.BTN_CANCEL_ORDER, CANCEL.pack(order.code)))
    return buttons + [Button(customer_texts.BTN_MY_ORDERS, "orders"), Button(customer_texts.BTN_MENU, "menu")]


def detail(data: dict[str, Any], ctx: Ctx, code: str) -> Step:
    """shows one of the customer's own orders: items, total, status and what happens next."""
    order = ctx.orders.find(ctx.customer.id, code)
    if order is None:
        return say(Browse.HOME, data, Reply(t.ORDER_NOT_FOUND.format(code=code), main_menu()))
    lines = "".join(t.ORDER_LINE.format(qty=q, name=n, total=rupiah(tot)) for q, n, tot in order.lines)
    text = t.ORDER_DETAIL.format(
        code=order.code, status=customer_texts.STATUS_LABELS.get(order.status, order.status), lines=lines,
        total=rupiah(order.total), payment=customer_texts.PAYMENT_LABELS.get(order.payment_method, order.payment_method),
        created=local_time(order.created_at, ctx.tz), next=next_step(order, ctx))
    return say(Browse.HOME, data, Reply(text, detail_buttons(order)))
