"""A seller asking how ("caranya gimana?", "gmn cara nambah barang", "bingung"): at rest, a short
answer about what they asked (the whole menu when nothing is named); in the middle of a question
the bot asked, what that question wants, the question kept open (the words are never the answer:
a product named "Caranya Gimana?")."""

from __future__ import annotations

from typing import Any

from conversations.base import Reply, Step, Turn, say
from conversations.examples import fill
from conversations.seller import lists
from conversations.seller.common import IDLE, idle
from conversations.seller.orders import SellerOrders
from conversations.seller.ports import SellerCtx
from conversations.seller.products import SellerProducts
from conversations.seller.stock import SellerStock
from language.how import asks_how
from texts.id import seller_how as t

# Where a how-question is answered here: at rest and in the short questions of these flows. The
# others take free text (a broadcast, a reply to a customer) or have their own help (the setup).
ASKING = frozenset({*SellerProducts, *SellerStock, *SellerOrders})


def in_step(state: str, data: dict[str, Any], turn: Turn, ctx: SellerCtx) -> Step | None:
    """asked how while a question of the bot is open: what that question wants; it stays open."""
    if turn.choice or state not in ASKING or asks_how(turn.text) is None:
        return None
    hint = fill(t.STEP_HINTS.get(state, t.STEP_HINT), ctx.examples)
    return say(state, data, Reply(t.IN_STEP.format(hint=hint)))


def route(state: str, data: dict[str, Any], turn: Turn, ctx: SellerCtx) -> Step | None:
    """asked how at rest (after every command had its chance: "cara bayar" is one): how to do
    what they named, or the whole menu."""
    if turn.choice or state != IDLE:
        return None
    topic = asks_how(turn.text)
    if topic is None:
        return None
    if not topic:
        return lists.help_(data, ctx)
    text = fill(t.HOW[topic], ctx.examples, code=f"{ctx.shop.order_prefix}-0042") + t.HOW_MORE
    return idle(data, Reply(text, lists.help_(data, ctx).replies[0].buttons))
