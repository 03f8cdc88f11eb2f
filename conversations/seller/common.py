"""Small pieces every seller command shares: states, finding the product, showing values."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from language.money import rupiah
from language.text import normalize
from conversations.base import Button, Reply, Step, Then, say
from conversations import examples
from conversations.choice import Choice
from conversations.seller.changes import Done, ProductGone
from conversations.seller.ports import SellerCtx, SellerProduct
from texts.id import seller as t

IDLE = ""
PICK = Choice("sl:pick", str)  # which product a command meant: its id
# A question the bot asked ("which one?", "are you sure?") and "batalkan" after a change
# only hold this long; a stale answer must never change anything.
PENDING_FOR = timedelta(minutes=10)
# Keys of the seller's conversation data that belong to one step and must not outlive it.
STEP_KEYS = ("undo", "pending", "new", "photo", "at")


def clean(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if k not in STEP_KEYS}


def words(text: str) -> str:
    return " ".join(text.lower().split()).strip(" !?.")


def stamp(ctx: SellerCtx) -> str:
    return ctx.now.isoformat()


def fresh(data: dict[str, Any], ctx: SellerCtx, key: str = "at") -> bool:
    """True when what the data remembers was said within PENDING_FOR."""
    at = data.get(key)
    return isinstance(at, str) and ctx.now - datetime.fromisoformat(at) <= PENDING_FOR


def idle(data: dict[str, Any], *replies: Reply, effects: list[Any] | None = None, then: Then | None = None) -> Step:
    return say(IDLE, clean(data), *replies, effects=effects, then=then)


def failed(step: Step, text: str) -> Step:
    """The change did not happen: say why instead, and forget any half-made undo."""
    return Step(IDLE, clean(step.data), [Reply(text)])


def kept(step: Step, undo: dict[str, Any] | None = None, *replies: Reply) -> Step:
    """The change happened: the step's replies stand; `undo` is what "batalkan" would take back."""
    data = clean(step.data)
    if undo is not None:
        data["undo"] = undo
    return Step(step.state, data, step.replies + list(replies))


def kept_noting_failures(step: Step, outcomes: list[Any], failure: Callable[[Any, Any], str]) -> Step:
    """A change to several products (or options) at once happened: its confirmation stands, with a
    line for each one not made (deleted meanwhile, or `failure(change, outcome)` when someone else
    changed it first)."""
    notes = []
    for change, outcome in zip(step.effects, outcomes):
        if isinstance(outcome, ProductGone):
            notes.append(t.PRODUCT_GONE.format(name=change.name))
        elif not isinstance(outcome, Done):
            notes.append(failure(change, outcome))
    return kept(step, None, *([Reply("\n".join(notes))] if notes else []))


short_name = examples.short_name  # "Rendang Sapi 500g (beku)" -> "rendang sapi"


def command_name(p: SellerProduct) -> str:
    """How a seller names this product (and option) in a command: "kemeja batik xl"."""
    return f"{short_name(p.name)} {p.option.lower()}" if p.option else short_name(p.name)


def find(ctx: SellerCtx, query: str) -> tuple[SellerProduct | None, list[SellerProduct]]:
    """The product `query` means, else the near-ties. A query naming one candidate in full
    ("sambal bawang" for Sambal Bawang 150ml, not ...Extra Pedas) picks it: sellers say
    the plain product's name without its size."""
    best, candidates = ctx.desk.resolve(query)
    if best is not None or not candidates:
        return best, candidates
    said = set(normalize(query).split())
    whole = [p for p in candidates if set(w for w in normalize(p.name).split() if w.isalpha()) <= said]
    return (whole[0], []) if len(whole) == 1 else (None, candidates)


def show_value(field: str, value: Any) -> str:
    if field == "price":
        return rupiah(int(value))
    if field == "visible":
        return t.VISIBLE_YES if value else t.VISIBLE_NO
    if field == "image_url":
        return "ada" if value else "belum ada"
    return str(value)


WHAT = {"stock": t.WHAT_STOCK, "price": t.WHAT_PRICE, "low_stock_threshold": t.WHAT_THRESHOLD,
        "visible": t.WHAT_VISIBLE, "image_url": t.WHAT_IMAGE}


def pick_buttons(products: list[SellerProduct], field: str = "stock") -> list[Button]:
    """One button per candidate, showing the value about to change so the seller can tell them apart."""
    return [Button(t.BTN_PICK.format(name=p.label + ("" if p.visible else t.HIDDEN_MARK),
                                     value=rupiah(p.price) if field == "price" else f"stok {p.stock}"),
                   PICK.pack(p.id)) for p in products]
