"""A quoted delivery fee, from the customer's side: the seller's quote arrives with the exact
total and two buttons; "Setuju" (or typing "setuju") accepts it and the payment instructions
follow, "Batalkan pesanan" cancels (payment.ask_cancel). The world is changed by AcceptQuote
(effects.quotes, with orders.quotes): only then does the payment clock start.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from conversations.base import Button, Ctx, Reply, Step, Turn, say
from conversations.customer import checkout
from conversations.customer.browsing import Browse, main_menu
from conversations.customer.order_status import ACCEPT_QUOTE
from conversations.ports import OrderSummary
from language.money import rupiah
from language.text import FILLER_WORDS, normalize
from language.words import ACCEPT_FEE, ACCEPT_FEE_ALSO, YES
from orders.codes import find_code
from orders.lifecycle import Status
from texts.id import customer as customer_texts
from texts.id import payment as payment_texts
from texts.id import quotes as t



def says_accept(words: list[str]) -> bool:
    """"setuju", "ok setuju kak", "lanjut bayar": an accept word, and nothing else but polite words."""
    rest = {w for w in words if w not in FILLER_WORDS and w not in YES and w not in ACCEPT_FEE_ALSO}
    return bool(rest) and rest <= ACCEPT_FEE


@dataclass(frozen=True)
class AcceptQuote:
    code: str


# Outcomes.
@dataclass(frozen=True)
class QuoteAccepted:
    order: OrderSummary


@dataclass(frozen=True)
class QuoteGone:
    """Not this customer's order, or no longer waiting for them to accept a fee."""

    code: str
    order: OrderSummary | None = None


def intercept(state: str, data: dict[str, Any], turn: Turn, ctx: Ctx) -> Step | None:
    """The "Setuju" button of a quote (sent to the customer outside their conversation)."""
    code = ACCEPT_QUOTE.one(turn.choice)
    return accept(data, ctx, code) if code else None


def text_intent(state: str, data: dict[str, Any], turn: Turn, ctx: Ctx) -> Step | None:
    """"setuju" / "lanjut" (with a code or not) while one of the customer's orders waits for it."""
    if state.startswith("checkout:"):
        return None
    code = find_code(turn.text, ctx.shop.order_prefix)
    words = [w for w in normalize(turn.text).split() if not (code and (w.isdigit() or w == ctx.shop.order_prefix.lower()))]
    if not says_accept(words):
        return None
    if code:
        return accept(data, ctx, code)
    quoted = [o for o in ctx.orders.recent(ctx.customer.id, 10) if o.status == Status.QUOTED]
    if len(quoted) == 1:
        return accept(data, ctx, quoted[0].code)
    if not quoted:
        return None
    buttons = [Button(t.BTN_ACCEPT_FOR.format(code=o.code, total=rupiah(o.total)), ACCEPT_QUOTE.pack(o.code))
               for o in quoted]
    return say(Browse.HOME, data, Reply(t.ACCEPT_WHICH, buttons + [Button(customer_texts.BTN_MENU, "menu")]))


def accept(data: dict[str, Any], ctx: Ctx, code: str) -> Step:
    """asks the world to accept the quoted total; on_accepted words it."""
    return Step(Browse.HOME, data, [], [AcceptQuote(code)], then=on_accepted)


def on_accepted(step: Step, outcomes: list[Any], ctx: Ctx) -> Step:
    """accepted: the exact amount and how to pay, the deadline from now; else why not."""
    outcome = outcomes[0]
    if isinstance(outcome, QuoteAccepted):
        order = outcome.order
        head = Reply(t.ACCEPTED.format(code=order.code, total=rupiah(order.total)))
        return say(Browse.HOME, step.data, head, checkout.payment_instructions(ctx, order))
    if outcome.order is None:
        return say(Browse.HOME, step.data, Reply(payment_texts.ORDER_NOT_FOUND.format(code=outcome.code), main_menu()))
    status = customer_texts.STATUS_LABELS.get(outcome.order.status, outcome.order.status)
    return say(Browse.HOME, step.data, Reply(t.ACCEPT_GONE.format(code=outcome.code, status=status), main_menu()))
