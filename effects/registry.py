"""The one table of effects: {effect type: applier}. An applier runs inside the message's
transaction and returns an outcome value (or None when nothing can go differently); the flow
that asked words it in its own continuation (conversations.base.Step.then).

To add an effect: declare its dataclass (and its outcomes) in the flow or domain package it
belongs to, write `apply_x(env, effect) -> outcome` in the effects module of its kind, and add
it to that module's APPLIERS.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from conversations.base import Step, settle
from effects import books, catalog, cluster, customers, faqs, handoffs, loyalty, marketing, orders, quotes, reviews, shop_settings, staff
from effects.env import Env

Applier = Callable[[Env, Any], Any]

APPLIERS: dict[type, Applier] = {
    **customers.APPLIERS,  # the customer's name, remembered at checkout
    **orders.APPLIERS,  # placing an order, proofs, cancelling, a seller's order commands
    **quotes.APPLIERS,  # a customer accepting a quoted delivery fee
    **catalog.APPLIERS,  # a seller's product changes, new products, taking them back
    **books.APPLIERS,  # money a seller records by chat, its corrections
    **staff.APPLIERS,  # staff invites, removing staff, joining with a code
    **marketing.APPLIERS,  # promo consent, promotions and broadcasts
    **shop_settings.APPLIERS,  # the owner's changes to the shop, the owner code
    **faqs.APPLIERS,  # the seller's own answers to customers' questions
    **handoffs.APPLIERS,  # a customer handed to a seller, the chat relayed, closed
    **reviews.APPLIERS,  # a customer's stars and comment, the seller's one reply
    **loyalty.APPLIERS,  # the shop's loyalty rule
    **cluster.APPLIERS,  # a cluster admin's joint promotion
}


def apply(env: Env, effect: Any) -> Any:
    applier = APPLIERS.get(type(effect))
    if applier is None:
        raise TypeError(f"no applier for {effect!r}")
    return applier(env, effect)


def run(env: Env, step: Step) -> Step:
    """Applies what the step asked for, in order, and lets the flow word the outcomes."""
    return settle(step, lambda effect: apply(env, effect), env.ctx)
