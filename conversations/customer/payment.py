"""Paying and cancelling, from the customer's side: proofs, "cek KD-0042", "batalkan pesanan".

A photo or PDF, or words like "sudah transfer" / "udah bayar kak", attach a proof to the
customer's own open order (asking which when there are several). Every lookup goes through
`ctx.orders`, which only ever sees this customer's orders. The world is changed by the
AttachProof and CancelOrder effects, and `on_proof_outcome` / `on_cancel_outcome` below word
what happened.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum
from typing import Any

from language.money import local_time, rupiah
from language.text import normalize
from language.words import CANCEL_ORDER_YES, NO
from conversations.customer import ask_seller, checkout, order_status
from conversations.base import Button, Ctx, Media, Reply, Step, Turn, say
from conversations.choice import Choice
from conversations.customer.browsing import Browse, main_menu
from conversations.ports import OrderSummary
from orders.codes import find_code
from orders.lifecycle import Status
from texts.id import customer as customer_texts
from texts.id import payment as t


class Pay(StrEnum):
    WHICH = "payment:which"  # which order a proof is for
    CANCEL_WHICH = "payment:cancel_which"
    CANCEL_CONFIRM = "payment:cancel_confirm"


@dataclass(frozen=True)
class AttachProof:
    code: str
    media_ref: str | None
    content_type: str | None
    text: str | None


@dataclass(frozen=True)
class CancelOrder:
    code: str


# Outcomes. An order that is not this customer's reads the same as one that does not exist.
@dataclass(frozen=True)
class NotTheirs:
    code: str


@dataclass(frozen=True)
class ProofTaken:
    order: OrderSummary
    outcome: str  # orders.payments.ProofOutcome: attached | late | already_paid | not_needed


@dataclass(frozen=True)
class CancelRefused:
    order: OrderSummary


@dataclass(frozen=True)
class OrderCancelled:
    order: OrderSummary


PROOF_WORDS = re.compile(
    r"\b(sudah|sdh|sudh|udah|udh|dah|telah|barusan)\s+(saya\s+|aku\s+|sy\s+|ku\s+|di\s*)?"
    r"(transfer|tf|trf|transper|bayar|byr|dibayar|lunas|kirim uang|qris)(nya)?\b"
    r"|\bbukti\s+(transfer|tf|trf|bayar|pembayaran)(nya)?\b"
)
LATE_PROOF_DAYS = 7

PROOF_FOR = Choice("proof", str)  # the order a waiting proof is for
CANCEL_YES = Choice("ocancel_yes", str)
CANCEL_NO = Choice("ocancel_no", str)


def without_flow(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if k not in ("proof", "ocancel")}


def intercept(state: str, data: dict[str, Any], turn: Turn, ctx: Ctx) -> Step | None:
    """Buttons of this flow, and any photo or document (a proof), before the customer routing."""
    if turn.choice:
        choice, handler = BY_PREFIX.get(turn.choice.partition(":")[0], (None, None))
        if choice is not None and (code := choice.one(turn.choice)):  # without its order code: a stale button
            return handler(without_flow(data), ctx, code, data)
        return None
    if turn.media:
        return proof(without_flow(data), ctx, turn.media[0], turn.text)
    return None


def text_intent(state: str, data: dict[str, Any], turn: Turn, ctx: Ctx) -> Step | None:
    """Proof words, order codes, and "batalkan pesanan", after the global words."""
    if state.startswith("checkout:") or state in STEPS:
        return None  # a checkout answer or this flow's own question takes the text
    words = " ".join(normalize(turn.text).split())
    code = find_code(turn.text, ctx.shop.order_prefix)
    if PROOF_WORDS.search(words):
        return proof(without_flow(data), ctx, None, turn.text, code)
    if order_status.cancels_order(words, code):
        return ask_cancel(without_flow(data), ctx, code)
    if code:
        return order_status.detail(without_flow(data), ctx, code)
    return None


def proof(data: dict[str, Any], ctx: Ctx, media: Media | None, text: str, code: str | None = None) -> Step:
    """takes a photo, a document or words as proof for the customer's open order, asking which if several."""
    if media is not None and (media.rejected or not media.ref):
        unusable = t.PROOF_FILE_UNUSABLE.get(media.rejected or "", t.PROOF_FILE_UNUSABLE["unavailable"])
        return say(Browse.HOME, data, Reply(unusable, main_menu()))
    pending = {"ref": media.ref if media else None, "type": media.content_type if media else None,
               "text": " ".join(text.split())[:500] or None}
    code = code or find_code(text, ctx.shop.order_prefix)
    if code:
        return attach(data, ctx, code, pending)
    waiting = ctx.orders.awaiting_payment(ctx.customer.id)
    prepaid = [o for o in waiting if o.payment_method != "cod"]
    if len(prepaid) == 1:
        return attach(data, ctx, prepaid[0].code, pending)
    if prepaid:
        buttons = [Button(t.BTN_PROOF_FOR.format(code=o.code, total=rupiah(o.total)), PROOF_FOR.pack(o.code)) for o in prepaid]
        return say(Pay.WHICH, {**data, "proof": pending}, Reply(t.PROOF_WHICH, buttons + [Button(customer_texts.BTN_CANCEL, "batal")]))
    if waiting:
        return say(Browse.HOME, data, Reply(t.PROOF_NOT_NEEDED.format(code=waiting[0].code,
                                                                     when=order_status.when_cod(waiting[0])), main_menu()))
    latest = next(iter(ctx.orders.recent(ctx.customer.id, 1)), None)
    if latest and recently_closed(latest, ctx):
        return attach(data, ctx, latest.code, pending)  # paid after the deadline: the seller must know
    if media is not None:  # a photo with nothing to pay: "ada yg model kayak gini?", for the seller to see
        asked = pending["text"] or t.PHOTO_ASKED
        buttons = [ask_seller.question_button(), *main_menu()]
        return say(Browse.HOME, {**data, "asked": asked}, Reply(t.PHOTO_NO_ORDER, buttons))
    return say(Browse.HOME, data, Reply(t.PROOF_NO_OPEN_ORDER, main_menu()))


def recently_closed(order: OrderSummary, ctx: Ctx) -> bool:
    closed_at = order.pay_by or order.created_at
    return (order.status in (Status.EXPIRED, Status.CANCELLED) and order.payment_method != "cod"
            and ctx.now - closed_at <= timedelta(days=LATE_PROOF_DAYS))


def attach(data: dict[str, Any], ctx: Ctx, code: str, pending: dict[str, Any]) -> Step:
    """asks the world to attach the proof to this order of the customer's; on_proof_outcome words it."""
    order = ctx.orders.find(ctx.customer.id, code)
    if order is None:
        return say(Browse.HOME, data, Reply(t.PROOF_UNKNOWN_ORDER.format(code=code), main_menu()))
    effect = AttachProof(order.code, pending.get("ref"), pending.get("type"), pending.get("text"))
    return Step(Browse.HOME, data, [], [effect], then=on_proof_outcome)


def on_proof_outcome(step: Step, outcomes: list[Any], ctx: Ctx) -> Step:
    """words what became of the proof (the sellers were sent it when it needs a look)."""
    outcome = outcomes[0]
    if isinstance(outcome, NotTheirs):
        return say(Browse.HOME, step.data, Reply(t.PROOF_UNKNOWN_ORDER.format(code=outcome.code), main_menu()))
    words_only = step.effects[0].media_ref is None
    return proof_outcome(step.data, ctx, outcome.order, outcome.outcome, words_only)


def on_which(data: dict[str, Any], ctx: Ctx, turn: Turn) -> Step:
    """takes the order code for the proof asked about."""
    code = find_code(turn.text, ctx.shop.order_prefix)
    if code and data.get("proof"):
        return attach(without_flow(data), ctx, code, data["proof"])
    example = next(iter(ctx.orders.awaiting_payment(ctx.customer.id)), None)
    step = proof(without_flow(data), ctx, None, (data.get("proof") or {}).get("text") or "")
    if step.state == Pay.WHICH:
        step.data["proof"] = data.get("proof")
        step.replies[0].text = t.PROOF_WHICH_INVALID.format(code=example.code if example else "KD-0001")
    return step


def proof_outcome(data: dict[str, Any], ctx: Ctx, order: OrderSummary, outcome: str, words_only: bool) -> Step:
    """words what happened to a proof: being checked, too late, or not needed."""
    status = customer_texts.STATUS_LABELS.get(order.status, order.status)
    if outcome == "attached":
        text = t.PROOF_RECEIVED.format(code=order.code, total=rupiah(order.total))
        text += t.PROOF_WORDS_ONLY if words_only else ""
    elif outcome == "late":
        when = local_time(order.pay_by, ctx.tz) if order.status == Status.EXPIRED and order.pay_by else "-"
        text = t.PROOF_LATE.format(code=order.code, status=status, when=when)
    elif outcome == "not_needed":
        text = t.PROOF_NOT_NEEDED.format(code=order.code, when=order_status.when_cod(order))
    else:
        text = t.PROOF_ALREADY_PAID.format(code=order.code, status=status)
    return say(Browse.HOME, data, Reply(text, main_menu()))


def ask_cancel(data: dict[str, Any], ctx: Ctx, code: str | None) -> Step:
    """asks to confirm cancelling one of the customer's unpaid orders (asking which if several)."""
    if code is None:
        cancellable = [o for o in ctx.orders.awaiting_payment(ctx.customer.id) if order_status.can_cancel(o)]
        if not cancellable:
            return say(Browse.HOME, data, Reply(t.CANCEL_NONE, main_menu()))
        if len(cancellable) > 1:
            buttons = [Button(t.BTN_PROOF_FOR.format(code=o.code, total=rupiah(o.total)), order_status.CANCEL.pack(o.code))
                       for o in cancellable]
            return say(Pay.CANCEL_WHICH, data, Reply(t.CANCEL_WHICH, buttons + [Button(t.BTN_CANCEL_NO, "menu")]))
        code = cancellable[0].code
    order = ctx.orders.find(ctx.customer.id, code)
    if order is None:
        return say(Browse.HOME, data, Reply(t.ORDER_NOT_FOUND.format(code=code), main_menu()))
    if not order_status.can_cancel(order):
        return cancel_refused(data, ctx, order)
    buttons = [Button(t.BTN_CANCEL_YES, CANCEL_YES.pack(order.code)), Button(t.BTN_CANCEL_NO, CANCEL_NO.pack(order.code))]
    return say(Pay.CANCEL_CONFIRM, {**data, "ocancel": order.code},
               Reply(t.CANCEL_ASK.format(code=order.code, total=rupiah(order.total)), buttons))


def on_cancel_which(data: dict[str, Any], ctx: Ctx, turn: Turn) -> Step:
    """takes the order code to cancel."""
    return ask_cancel(without_flow(data), ctx, find_code(turn.text, ctx.shop.order_prefix))


def on_cancel_confirm(data: dict[str, Any], ctx: Ctx, turn: Turn) -> Step:
    """cancels on yes, keeps the order on no, asks again otherwise."""
    code = data.get("ocancel") or ""
    words = " ".join(normalize(turn.text).split()).strip(" !.")
    if words in CANCEL_ORDER_YES:
        return confirm_cancel(without_flow(data), ctx, code, data)
    if words in NO:
        return keep(without_flow(data), ctx, code, data)
    return ask_cancel(without_flow(data), ctx, code)


def confirm_cancel(data: dict[str, Any], ctx: Ctx, code: str, _: dict[str, Any] | None = None) -> Step:
    """asks the world to cancel the order; on_cancel_outcome words it."""
    return Step(Browse.HOME, data, [], [CancelOrder(code)], then=on_cancel_outcome)


def on_cancel_outcome(step: Step, outcomes: list[Any], ctx: Ctx) -> Step:
    """cancelled (the sellers are told), refused with what can be done instead, or not found."""
    outcome = outcomes[0]
    if isinstance(outcome, NotTheirs):
        return say(Browse.HOME, step.data, Reply(t.ORDER_NOT_FOUND.format(code=outcome.code), main_menu()))
    if isinstance(outcome, CancelRefused):
        return cancel_refused(step.data, ctx, outcome.order)
    return cancelled(step.data, ctx, outcome.order)


def keep(data: dict[str, Any], ctx: Ctx, code: str, _: dict[str, Any] | None = None) -> Step:
    return say(Browse.HOME, data, Reply(t.CANCEL_KEPT.format(code=code), main_menu()))


def cancel_refused(data: dict[str, Any], ctx: Ctx, order: OrderSummary) -> Step:
    """says why this order cannot be cancelled by chat, and what can be done instead."""
    asking = [ask_seller.button(ask_seller.CANCEL, order.code)]  # the seller can still cancel it
    if order.status == Status.PENDING and order.proof_pending:
        why = t.CANCEL_REFUSED_PROOF
    elif order.status in (Status.PAID, Status.PROCESSING):
        why = t.CANCEL_REFUSED_PAID
    else:
        why, asking = t.CANCEL_REFUSED_FINAL.format(code=order.code), []
    text = t.CANCEL_REFUSED.format(code=order.code, status=customer_texts.STATUS_LABELS.get(order.status, order.status), possible=why)
    return say(Browse.HOME, data, Reply(text, [*asking, *order_status.detail_buttons(order)]))


def cancelled(data: dict[str, Any], ctx: Ctx, order: OrderSummary) -> Step:
    return say(Browse.HOME, data, Reply(t.CANCEL_DONE.format(code=order.code), main_menu()))


def how_to_pay(data: dict[str, Any], ctx: Ctx, code: str, _: dict[str, Any] | None = None) -> Step:
    """repeats the payment instructions (bank account or QRIS with the exact amount)."""
    order = ctx.orders.find(ctx.customer.id, code)
    if order is None or order.status != Status.PENDING:
        return order_status.detail(data, ctx, code)
    return say(Browse.HOME, data, checkout.payment_instructions(ctx, order))


def picked_for_proof(data: dict[str, Any], ctx: Ctx, code: str, before: dict[str, Any] | None = None) -> Step:
    pending = (before or {}).get("proof")
    if not pending:  # a stale button: show the order instead of guessing at a proof
        return order_status.detail(data, ctx, code)
    return attach(data, ctx, code, pending)


CHOICES = (
    (order_status.DETAIL, lambda d, c, code, _: order_status.detail(d, c, code)),
    (order_status.HOW_TO_PAY, how_to_pay),
    (PROOF_FOR, picked_for_proof),
    (order_status.CANCEL, lambda d, c, code, _: ask_cancel(d, c, code)),
    (CANCEL_YES, confirm_cancel),
    (CANCEL_NO, keep),
)
BY_PREFIX = {choice.prefix: (choice, handler) for choice, handler in CHOICES}

STEPS = {
    Pay.WHICH: on_which,
    Pay.CANCEL_WHICH: on_cancel_which,
    Pay.CANCEL_CONFIRM: on_cancel_confirm,
}
