"""Stock, price, low-stock threshold, hide/show and photo of one product, by chat.

The message is parsed (conversations.seller.parse), the product found (asking which when two
fit), the new value checked, and the change handed over as a ProductChange effect with
its before -> after confirmation; `on_changed` words what became of it (an order may have
moved the stock meanwhile). A price that looks like a slip ("85" for Rp85.000, a price
halved or doubled) is asked about first.
"""

from __future__ import annotations

from dataclasses import asdict
from enum import StrEnum
from typing import Any

from language.money import rupiah
from language.names import tidy_name
from conversations.base import Button, Reply, Step, Turn, say
from conversations.seller.changes import Done, ProductChange, ProductGone
from conversations.choice import Choice
from conversations.examples import words as example_words
from conversations.seller import every_option
from conversations.seller.common import (PICK, WHAT, clean, command_name, failed, find, fresh, idle, kept,
                                         pick_buttons, show_value, stamp, words)
from conversations.seller.parse import Command, parse
from conversations.seller.stock_many import parse_many, run_many
from conversations.seller.ports import SellerCtx, SellerProduct
from language.words import APPLY_CHANGE, KEEP_PRICE
from texts.id import seller as t

MAX_STOCK = 100_000
MAX_PRICE = 100_000_000
SLIP_FACTOR = 2  # a new price at least double or at most half the old one is asked about


class SellerStock(StrEnum):
    PICK = "seller_stock:pick"  # which product did "nastar" mean
    CONFIRM = "seller_stock:confirm"  # a price change that looks like a slip


CONFIRM_YES = Choice("sl:yes")
CONFIRM_NO = Choice("sl:no")
FIELD = {"stock_set": "stock", "stock_add": "stock", "stock_sub": "stock", "price_set": "price",
         "price_add": "price", "price_sub": "price", "threshold": "low_stock_threshold", "hide": "visible",
         "show": "visible", "image": "image_url"}


def route(state: str, data: dict[str, Any], turn: Turn, ctx: SellerCtx) -> Step | None:
    if state == SellerStock.PICK and (picked := PICK.one(turn.choice)) is not None:
        return on_pick(data, picked, ctx)
    if state == SellerStock.PICK and not turn.choice and every_option.only_every(turn.text):  # "semua ukuran"
        return on_pick(data, every_option.ALL, ctx)
    if PICK.one(turn.choice) is not None:  # a "which one?" button from a question already left
        return idle(clean(data), Reply(t.EXPIRED))
    pressed = CONFIRM_YES.matches(turn.choice) or CONFIRM_NO.matches(turn.choice)
    if state == SellerStock.CONFIRM and (pressed or words(turn.text) in APPLY_CHANGE | KEEP_PRICE):
        return on_confirm(data, CONFIRM_YES.matches(turn.choice) or words(turn.text) in APPLY_CHANGE, ctx)
    if turn.choice or turn.media or not turn.text.strip():
        return None
    if (many := parse_many(turn.text, ctx.desk.sizes())) is not None:  # "stok: nastar 5, kastengel 3"
        return run_many(clean(data), ctx, many)
    cmd = parse(turn.text, ctx.desk.sizes())
    if cmd is not None and cmd.unsure and find(ctx, cmd.query)[0] is None:
        return None  # "x 30" naming no one product surely: not taken for a stock at all
    return run(clean(data), ctx, cmd) if cmd is not None else None


def run(data: dict[str, Any], ctx: SellerCtx, cmd: Command) -> Step:
    """finds the product of a parsed command and changes it, or says why not."""
    if cmd.problem:
        text = t.PROBLEMS[cmd.problem].format(short=cmd.query or example_words(ctx.examples)["product"], amount=cmd.amount)
        return idle(data, Reply(text))
    if not cmd.query:
        return idle(data, Reply(t.NO_PRODUCT.format(example=_example(cmd, example_words(ctx.examples)["product"]))))
    cmd, every = every_option.without_every(cmd)  # "harga kemeja kawung semua ukuran 165rb"
    best, candidates = find(ctx, cmd.query)
    whole = every or (cmd.action in ("hide", "show") and best is None)  # "sembunyikan kemeja parang": every size
    if whole and (rows := every_option.family(best, candidates, ctx)) and (
            step := every_option.change(data, ctx, cmd, rows)) is not None:
        return step
    if best is not None:
        return execute(data, ctx, cmd, best)
    if not candidates:
        return idle(data, Reply(not_found(cmd)))
    pending = {"cmd": asdict(cmd), "ids": [p.id for p in candidates]}
    every_button = every_option.button(candidates) if cmd.action in every_option.ACTIONS and not cmd.question else []
    reply = Reply(t.PICK.format(query=cmd.query), pick_buttons(candidates, FIELD[cmd.action]) + every_button)
    return say(SellerStock.PICK, {**data, "pending": pending, "at": stamp(ctx)}, reply)


def not_found(cmd: Command) -> str:
    """No product by that name; a price or stock for one may be a product not added yet."""
    if cmd.question or cmd.action not in ("price_set", "stock_set"):
        return t.NOT_FOUND.format(query=cmd.query)
    name = tidy_name(cmd.query)
    example = (f"produk baru {name} {rupiah(cmd.amount)} stok 10" if cmd.action == "price_set" and cmd.amount
               else f"produk baru {name}")
    return t.NOT_FOUND_NEW.format(query=cmd.query, example=example)


def on_pick(data: dict[str, Any], picked: str, ctx: SellerCtx) -> Step:
    """runs the command that waited for the seller to say which product."""
    pending = data.get("pending") or {}
    if picked == every_option.ALL and fresh(data, ctx) and pending.get("ids"):
        rows = [p for i in pending["ids"] if (p := ctx.desk.product(i)) is not None]
        step = every_option.change(clean(data), ctx, Command(**pending["cmd"]), rows) if rows else None
        return step or idle(data, Reply(t.EXPIRED))
    product_id = int(picked) if picked.isdigit() else None
    if not fresh(data, ctx) or product_id not in pending.get("ids", []):
        return idle(data, Reply(t.EXPIRED))
    product = ctx.desk.product(product_id)
    if product is None:
        return idle(data, Reply(t.EXPIRED))
    return execute(clean(data), ctx, Command(**pending["cmd"]), product)


def on_confirm(data: dict[str, Any], yes: bool, ctx: SellerCtx) -> Step:
    """applies the price (or stock) change the seller was asked about, or drops it."""
    pending = data.get("pending") or {}
    if not fresh(data, ctx) or "change" not in pending:
        return idle(data, Reply(t.EXPIRED))
    change = ProductChange(**pending["change"])
    if not yes:
        dropped = (t.CONFIRM_DROPPED_STOCK.format(name=change.name, stock=change.before) if change.field == "stock"
                   else t.CONFIRM_DROPPED.format(name=change.name, price=rupiah(change.before)))
        return idle(data, Reply(dropped))
    return changed(clean(data), ctx, change, ctx.desk.product(change.product_id))


def execute(data: dict[str, Any], ctx: SellerCtx, cmd: Command, p: SellerProduct) -> Step:
    """checks the new value for one product and asks, refuses or changes."""
    if cmd.action in ("hide", "show", "image"):
        after: Any = {"hide": False, "show": True, "image": cmd.ref}[cmd.action]
        return _change(data, ctx, p, FIELD[cmd.action], after)
    if cmd.question or cmd.amount is None:
        return idle(data, Reply(info(p)))
    field, amount = FIELD[cmd.action], cmd.amount
    if field == "price":
        return _price(data, ctx, cmd, p)
    before = p.stock if field == "stock" else p.threshold
    if cmd.action == "stock_sub" and amount > p.stock:
        return idle(data, Reply(t.STOCK_NOT_ENOUGH.format(name=p.label, stock=p.stock, amount=amount)))
    after = {"stock_add": before + amount, "stock_sub": before - amount}.get(cmd.action, amount)
    if after > MAX_STOCK:
        return idle(data, Reply(t.STOCK_TOO_MANY.format(amount=after, limit=f"{MAX_STOCK:,}".replace(",", "."))))
    if cmd.unsure and after != before:  # "keripik tempe 30": the stock, most likely; asked before it changes
        change = ProductChange(ctx.seller.id, ctx.seller.label, p.id, p.label, field, before, after)
        buttons = [Button(t.BTN_YES, CONFIRM_YES.pack()), Button(t.BTN_NO, CONFIRM_NO.pack())]
        pending = {**data, "pending": {"change": asdict(change)}, "at": stamp(ctx)}
        return say(SellerStock.CONFIRM, pending, Reply(t.CONFIRM_STOCK.format(name=p.label, before=before, after=after),
                                                       buttons))
    return _change(data, ctx, p, field, after)


def _price(data: dict[str, Any], ctx: SellerCtx, cmd: Command, p: SellerProduct) -> Step:
    amount = cmd.amount or 0
    thousands = cmd.bare and 0 < amount < 1000  # "harga nastar 85": sellers drop the thousands
    if thousands:
        amount *= 1000
    after = {"price_add": p.price + amount, "price_sub": p.price - amount}.get(cmd.action, amount)
    if cmd.action in ("price_add", "price_sub") and cmd.direction and _said_the_new_price(p.price, amount, after, cmd):
        after = amount  # "naik 130rb" on Rp125.000: to Rp130.000, not by it (Rp255.000 would be a slip)
    if cmd.action == "price_sub" and after <= 0:
        return idle(data, Reply(t.PRICE_BELOW_ZERO.format(name=p.label, price=rupiah(p.price), amount=rupiah(amount))))
    if after <= 0:
        return idle(data, Reply(t.PRICE_NOT_POSITIVE.format(name=p.label, price=rupiah(p.price))))
    if after > MAX_PRICE:
        return idle(data, Reply(t.PRICE_TOO_HIGH.format(amount=rupiah(after))))
    slip = after >= p.price * SLIP_FACTOR or after * SLIP_FACTOR <= p.price
    way = "naik" if after > p.price else "turun"
    wrong_way = cmd.direction is not None and after != p.price and (cmd.direction == "up") != (after > p.price)
    if after == p.price or not (thousands or slip or wrong_way):
        return _change(data, ctx, p, "price", after)
    change = ProductChange(ctx.seller.id, ctx.seller.label, p.id, p.label, "price", p.price, after)
    template = t.CONFIRM_THOUSANDS if thousands else t.CONFIRM_WRONG_WAY if wrong_way else t.CONFIRM_BIG_PRICE
    said = "naik" if cmd.direction == "up" else "turun"
    text = template.format(name=p.label, before=rupiah(p.price), after=rupiah(after), way=way, said=said)
    buttons = [Button(t.BTN_YES, CONFIRM_YES.pack()), Button(t.BTN_NO, CONFIRM_NO.pack())]
    pending = {**data, "pending": {"change": asdict(change)}, "at": stamp(ctx)}
    return say(SellerStock.CONFIRM, pending, Reply(text, buttons))


def _slip(before: int, after: int) -> bool:
    return after >= before * SLIP_FACTOR or after * SLIP_FACTOR <= before


def _said_the_new_price(price: int, amount: int, by: int, cmd: Command) -> bool:
    """ "naik 130rb" / "turun 120rb" without "jadi": the amount is the new price when a step by it would
    look like a slip and the amount itself lies the way the seller said, close to today's price."""
    goes_up = cmd.direction == "up"
    return (_slip(price, by) or by <= 0) and (amount > price if goes_up else amount < price) and not _slip(price, amount)


def _change(data: dict[str, Any], ctx: SellerCtx, p: SellerProduct, field: str, after: Any) -> Step:
    before = {"stock": p.stock, "price": p.price, "low_stock_threshold": p.threshold, "visible": p.visible,
              "image_url": p.image_url}[field]
    if after == before and field != "image_url":
        template = {True: t.ALREADY_SHOWN, False: t.ALREADY_HIDDEN}[after] if field == "visible" else t.SAME_VALUE
        return idle(data, Reply(template.format(what=WHAT[field], name=p.label, value=show_value(field, after))))
    return changed(data, ctx, ProductChange(ctx.seller.id, ctx.seller.label, p.id, p.label, field, before, after), p)


def changed(data: dict[str, Any], ctx: SellerCtx, change: ProductChange, p: SellerProduct | None) -> Step:
    """confirms a change as before -> after; the effect makes it happen."""
    field = change.field
    before, after = show_value(field, change.before), show_value(field, change.after)
    if field == "image_url":
        before, after = ("foto lama" if change.before else "belum ada"), "foto baru"
    lines = [t.CHANGED.format(what=WHAT[field], name=change.name, before=before, after=after)]
    if field == "image_url":
        lines.append(t.PHOTO_SET.format(name=change.name))
    if p is not None and field == "stock" and change.after <= 0:
        lines.append(t.SOLD_OUT_AFTER_CHANGE.format(name=change.name))
    elif p is not None and field == "stock" and change.after <= p.threshold:
        lines.append(t.LOW_AFTER_CHANGE.format(name=change.name, stock=change.after, threshold=p.threshold))
    if p is not None and field == "visible" and change.after and p.stock <= 0:
        lines.append(t.SHOWN_WITH_NO_STOCK.format(short=command_name(p)))
    lines.append(t.UNDO_HINT)
    image = change.after if field == "image_url" else None
    return idle(data, Reply("\n".join(lines), image_url=image), effects=[change], then=on_changed)


def on_changed(step: Step, outcomes: list[Any], ctx: SellerCtx) -> Step:
    """keeps the confirmation and remembers how to take the change back, or says why it did not happen."""
    change, outcome = step.effects[0], outcomes[0]
    if not isinstance(outcome, Done):
        return change_failed(step, change, outcome)
    return kept(step, {"kind": "product", "product_id": change.product_id, "name": change.name, "field": change.field,
                       "before": change.before, "after": change.after, "at": ctx.now.isoformat()})


def change_failed(step: Step, change: ProductChange, outcome: Any) -> Step:
    """The product is gone, or its value moved since the seller saw it: nothing was overwritten."""
    if isinstance(outcome, ProductGone):
        return failed(step, t.PRODUCT_GONE.format(name=change.name))
    now = show_value(change.field, outcome.now)
    return failed(step, t.CHANGED_MEANWHILE.format(what=WHAT[change.field], name=change.name, now=now))


def info(p: SellerProduct) -> str:
    return t.SHOW_STOCK.format(name=p.label, stock=p.stock, price=rupiah(p.price), short=command_name(p),
                               hidden="" if p.visible else t.HIDDEN_NOTE)


def _example(cmd: Command, product: str) -> str:
    """What the command would look like with a product of this shop's."""
    examples = {"hide": f"sembunyikan {product}", "show": f"tampilkan {product}",
                "threshold": f"batas stok {product} 3", "image": product}
    if cmd.action in examples:
        return examples[cmd.action]
    if cmd.action.startswith("price"):
        return f"harga {product} {rupiah(cmd.amount) if cmd.amount else '25rb'}"
    return f"stok {product} {cmd.amount if cmd.amount is not None else 20}"
