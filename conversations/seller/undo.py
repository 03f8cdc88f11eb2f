""""batalkan" right after a change takes it back, with the same care as the change itself:
the reverse is a conditional write, so if an order moved the stock meanwhile nothing
is overwritten and the seller is told."""

from __future__ import annotations

from typing import Any

from conversations.base import Reply, Step, Turn
from conversations.choice import Choice
from conversations.seller.changes import AlreadySold, Done, ProductChange, RemoveNewProduct
from conversations.seller.common import IDLE, WHAT, failed, fresh, idle, kept, short_name, show_value, words
from conversations.seller import money, shop_settings
from conversations.seller.ports import SellerCtx
from conversations.seller.stock import change_failed
from texts.id import seller as t

UNDO = Choice("sl:undo")
UNDO_WORDS = {"batalkan", "batalin", "batalkan tadi", "batalkan yang tadi", "batalkan perubahan", "undo", "balikin",
              "kembalikan", "balikin lagi", "batal ubah", "batalkan ubah", "salah batalkan", "eh salah batalkan"}


def route(state: str, data: dict[str, Any], turn: Turn, ctx: SellerCtx) -> Step | None:
    said = words(turn.text) if not turn.choice else ""
    # Plain "batal" means undo only right after a change, when there is no question open.
    if UNDO.matches(turn.choice) or said in UNDO_WORDS or (said == "batal" and state == IDLE and "undo" in data):
        return undo(data, ctx)
    return None


def undo(data: dict[str, Any], ctx: SellerCtx) -> Step:
    """takes back the last change, if it was the seller's previous message and recent."""
    last = data.get("undo")
    if not isinstance(last, dict) or not fresh(last, ctx):
        return idle(data, Reply(t.NOTHING_TO_UNDO))
    me = ctx.seller
    if last["kind"] == "profile":  # a setting of the shop (conversations.seller.shop_settings)
        return shop_settings.undo(data, last, ctx)
    if last["kind"] in money.UNDO_KINDS:  # money recorded or corrected (conversations.seller.money)
        return money.undo(data, last, ctx)
    if last["kind"] == "created":
        effect = RemoveNewProduct(me.id, me.label, last["product_id"], last["name"], tuple(last.get("product_ids") or ()))
        return idle(data, Reply(t.UNDONE_NEW.format(name=last["name"])), effects=[effect], then=on_undone)
    field = last["field"]
    change = ProductChange(me.id, me.label, last["product_id"], last["name"], field, last["after"], last["before"],
                           undo=True)
    text = t.UNDONE.format(what=WHAT[field], name=last["name"], value=show_value(field, last["before"]))
    return idle(data, Reply(text), effects=[change], then=on_undone)


def on_undone(step: Step, outcomes: list[Any], ctx: SellerCtx) -> Step:
    """keeps "taken back", or says why it could not be (sold meanwhile, changed meanwhile)."""
    effect, outcome = step.effects[0], outcomes[0]
    if isinstance(outcome, Done):
        return kept(step)
    if isinstance(outcome, AlreadySold):
        return failed(step, t.UNDO_NEW_SOLD.format(name=effect.name, short=short_name(effect.name)))
    return change_failed(step, effect, outcome)
