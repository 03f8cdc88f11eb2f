"""Becoming a shop's owner with its one-time owner code (shops.owner_code): printed by
`kedai shop new` (or `kedai shop owner-code`), or given by an owner handing the shop over
("serahkan toko"). Whoever sends it first to the shop becomes its owner; an owner there before
becomes staff. A new shop's owner goes straight into the setup by chat
(conversations.seller.setup); anything else, a wrong or used code included, is ordinary text."""

from __future__ import annotations

from typing import Any

from conversations.base import Ctx, Reply, Step, Turn
from conversations.seller import setup
from conversations.seller.common import IDLE, idle
from conversations.seller.ports import SellerCtx
from conversations.seller.shop_effects import ClaimOwnership, CodeTaken
from language.names import addressed
from shops import owner_code
from shops.profile import ShopProfile
from texts.id import shop_setup as t


def is_new(shop: ShopProfile) -> bool:
    """A shop nobody has set up yet: no address, no payment method, no delivery."""
    return not (shop.address or shop.payment_methods or shop.delivery_zones)


def claim(state: str, data: dict[str, Any], text: str, name: str | None, ctx: Ctx) -> Step | None:
    """The sender's message is the shop's open owner code: they become its owner. None otherwise."""
    code = owner_code.typed_code(text)
    if code is None or not ctx.invites.owner_code_open(code):
        return None
    seller_state, seller_data = (setup.SellerSetup.NAME, setup.start_data()) if is_new(ctx.shop) else (IDLE, {})
    if seller_state == setup.SellerSetup.NAME:
        # The first question goes out with this message, but its answer comes to the seller's own
        # conversation: it must know the buttons offered, so a typed "1" (WhatsApp) presses one.
        # The shape is handlers.choices.remember's.
        buttons = setup.welcome(ctx.shop, name)[-1].buttons
        seller_data["_offered"] = {"numbered": True, "items": [[b.label, b.value] for b in buttons]}
    effect = ClaimOwnership(code, name, seller_state, seller_data)
    return Step(state, data, [], [effect], then=on_claimed)


def on_claimed(step: Step, outcomes: list[Any], ctx: Ctx) -> Step:
    """welcomes the new owner (with the setup's first question for a new shop), or, when the code
    was used a moment earlier, says nothing more than to anyone."""
    outcome = outcomes[0]
    if isinstance(outcome, CodeTaken):
        return Step(step.state, step.data, [Reply(t.OWNER_CODE_USED)])
    if step.effects[0].state == setup.SellerSetup.NAME:
        replies = setup.welcome(ctx.shop, outcome.name)
    else:
        replies = [Reply(t.OWNER_TAKEN_OVER.format(kak=addressed(outcome.name), shop=ctx.shop.name))]
    return Step(step.state, step.data, replies)


def route(state: str, data: dict[str, Any], turn: Turn, ctx: SellerCtx) -> Step | None:
    """A seller (staff, say) typing the shop's owner code becomes its owner."""
    if turn.choice or turn.media or owner_code.typed_code(turn.text) is None:
        return None
    if ctx.seller.is_owner and ctx.invites.owner_code_open(owner_code.typed_code(turn.text) or ""):
        return idle(data, Reply(t.OWNER_ALREADY.format(shop=ctx.shop.name)))
    step = claim(state, data, turn.text, ctx.seller.name, ctx)
    if step is None:
        return None
    # Their seller conversation is this message's: the step carries where it goes, not the applier.
    effect = step.effects[0]
    mine = ClaimOwnership(effect.code, effect.name, effect.state, effect.data, write_conversation=False)
    kept = {k: v for k, v in effect.data.items() if k != "_offered"}  # the engine remembers this step's own buttons
    return Step(effect.state, {**data, **kept}, [], [mine], then=on_claimed)
