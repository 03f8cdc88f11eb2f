"""A regular's shortcuts: "pesan lagi" puts the last order's items back into the cart, as far as
today's stock allows, and says what changed; "riwayat pesanan" lists past orders, each with a
button to order it again.

Items are matched by sku, so a product with options comes back as the same option. The cart
stays the one source of truth: the re-ordered lines are added to it, and checkout re-reads
prices and stock as always (conversations.customer.cart).
"""

from __future__ import annotations

from typing import Any

from language.money import local_time, rupiah
from language.order_lines import order_lines
from language.reorder import Reorder, names_nothing, only, read_reorder, removal
from conversations.base import Button, Ctx, Reply, Step, say
from conversations.choice import Choice
from conversations.customer import cart
from conversations.customer.browsing import Browse
from conversations.ports import OrderSummary
from texts.id import customer as customer_texts
from texts.id import regulars as t

AGAIN = Choice("again", str)  # order this past order's items again: its code
HISTORY_SIZE = 10


def from_text(data: dict[str, Any], ctx: Ctx, words: str) -> Step | None:
    """"pesan lagi yang kemarin tapi nastarnya 1 aja" as a re-order with its changes; None when the
    words are no re-order, or name a product right after ("pesan lagi 2 nastar" is a new order)."""
    asked = read_reorder(words)
    if asked is None:
        return None
    if not names_nothing(asked.head):
        found = ctx.catalog.find(asked.head)
        if found.best is not None or found.candidates:
            return None
    return last_order(data, ctx, asked)


def last_order(data: dict[str, Any], ctx: Ctx, asked: Reorder | None = None) -> Step:
    """puts the customer's latest order's items into the cart (with the changes asked for)."""
    recent = ctx.orders.recent(ctx.customer.id, 1)
    if not recent:
        return say(Browse.HOME, data, Reply(t.REORDER_NONE, [Button(customer_texts.BTN_CATALOG, "catalog"),
                                                             Button(customer_texts.BTN_MENU, "menu")]))
    return again(data, ctx, recent[0].code, asked)


def again(data: dict[str, Any], ctx: Ctx, code: str, asked: Reorder | None = None) -> Step:
    """puts one past order's items into the cart, left out or capped where stock is short now."""
    order = ctx.orders.find(ctx.customer.id, code)
    if order is None:
        return say(Browse.HOME, data, Reply(t.REORDER_NOT_FOUND.format(code=code), [Button(t.BTN_HISTORY, HISTORY)]))
    if (asked is None or not asked.changes) and in_cart_already(cart.items(data), order):
        # "pesan yang kemarin lagi" then "sama kayak biasa": said twice, meant once
        return cart.view(data, ctx, note=t.REORDER_ALREADY.format(code=order.code) + "\n")
    basket, changes = refill(ctx, cart.items(data), order)
    if asked is not None and asked.changes:
        changes += adjust(ctx, basket, asked)
    if basket == cart.items(data):
        text = "\n".join([t.REORDER_NOTHING.format(code=order.code), *changes])
        return cart.view(cart.with_cart(data, basket), ctx, note=text)
    head = [t.REORDER_ADDED.format(code=order.code)]
    if changes:
        head += ["", t.REORDER_CHANGES, *changes]
    return cart.view(cart.with_cart(data, basket), ctx, note="\n".join(head) + "\n")


def in_cart_already(basket: dict[str, int], order: OrderSummary) -> bool:
    """Whether the cart holds every line of the order, at least as many as ordered."""
    wanted: dict[str, int] = {}
    for sku, qty, _ in order.items:
        wanted[sku] = wanted.get(sku, 0) + qty
    return bool(wanted) and all(basket.get(sku, 0) >= qty for sku, qty in wanted.items())


def refill(ctx: Ctx, basket: dict[str, int], order: OrderSummary) -> tuple[dict[str, int], list[str]]:
    """The cart with the order's lines added as stock allows now, and one note per line that
    could not come back whole."""
    wanted: dict[str, tuple[int, str]] = {}
    for sku, qty, name in order.items:  # the same sku twice in one order is one cart line
        wanted[sku] = (wanted.get(sku, (0, name))[0] + qty, name)
    products = ctx.catalog.by_skus(list(wanted))
    basket, notes = dict(basket), []
    for sku, (qty, name) in wanted.items():
        p = products.get(sku)
        if p is None:
            notes.append(t.REORDER_GONE.format(name=name))
            continue
        if p.stock <= 0:
            notes.append(t.REORDER_SOLD_OUT.format(name=p.label))
            continue
        already = basket.get(sku, 0)
        room = min(p.stock, cart.MAX_QTY) - already
        if room <= 0:
            notes.append(t.REORDER_FULL.format(name=p.label, qty=already))
            continue
        if qty > room:
            notes.append(t.REORDER_CAPPED.format(name=p.label, stock=p.stock, qty=room, was=qty))
        basket[sku] = already + min(qty, room)
    return basket, notes


def adjust(ctx: Ctx, basket: dict[str, int], asked: Reorder) -> list[str]:
    """Applies "tapi X-nya 1 aja", "tapi X ga usah" and "tambah Y 2" to the refilled cart in place;
    one note per change, or per clause not understood."""
    notes = []
    for word, clause in asked.changes:
        if word in ("tambah", "tambahin", "plus"):
            notes += add_more(ctx, basket, clause)
            continue
        if (what := removal(clause)) is not None and (sku := in_cart(ctx, basket, what)) is not None:
            basket.pop(sku)
            notes.append(t.REORDER_LEFT_OUT.format(name=label(ctx, sku)))
        elif (wanted := only(clause)) is not None and (sku := in_cart(ctx, basket, wanted[0])) is not None:
            p = ctx.catalog.by_sku(sku)
            qty = min(wanted[1], p.stock if p else 0)
            if qty <= 0:
                basket.pop(sku)
                notes.append(t.REORDER_LEFT_OUT.format(name=label(ctx, sku)))
            else:
                basket[sku] = qty
                notes.append(t.REORDER_SET.format(name=label(ctx, sku), qty=qty))
        else:
            notes.append(t.REORDER_UNCLEAR.format(text=clause))
    return notes


def add_more(ctx: Ctx, basket: dict[str, int], clause: str) -> list[str]:
    notes = []
    for line in order_lines(clause, ctx.catalog.sizes()):
        best, candidates = ctx.catalog.resolve(line.name)
        p = best or (candidates[0] if len(candidates) == 1 else None)
        if p is None:
            notes.append(t.REORDER_UNCLEAR.format(text=line.name))
            continue
        problem = cart.check_qty(p, line.qty, basket.get(p.sku, 0))
        if problem:
            notes.append("• " + problem)
            continue
        basket[p.sku] = basket.get(p.sku, 0) + line.qty
        notes.append(t.REORDER_ADDED_MORE.format(name=p.label, qty=line.qty))
    return notes or [t.REORDER_UNCLEAR.format(text=clause)]


def in_cart(ctx: Ctx, basket: dict[str, int], what: str) -> str | None:
    """The cart line the words name ("nastar" names Nastar Keju 250g), when exactly one does."""
    wanted = what.lower().split()
    products = ctx.catalog.by_skus(list(basket))
    named = [s for s, p in products.items() if all(w in p.label.lower() for w in wanted)]
    return named[0] if len(named) == 1 else None


def label(ctx: Ctx, sku: str) -> str:
    p = ctx.catalog.by_sku(sku)
    return p.label if p else sku


HISTORY = "history"  # the global button value that opens the history


def history(data: dict[str, Any], ctx: Ctx) -> Step:
    """lists past orders (code, date, total, status), each with a button to order it again."""
    orders = ctx.orders.recent(ctx.customer.id, HISTORY_SIZE)
    if not orders:
        return say(Browse.HOME, data, Reply(t.HISTORY_NONE, [Button(customer_texts.BTN_CATALOG, "catalog"),
                                                            Button(customer_texts.BTN_MENU, "menu")]))
    lines = [t.HISTORY_HEADER]
    for o in orders:
        lines.append(t.HISTORY_LINE.format(code=o.code, date=local_time(o.created_at, ctx.tz, "d MMM yyyy"),
                                           total=rupiah(o.total),
                                           status=customer_texts.STATUS_LABELS.get(o.status, o.status)))
    lines.append(t.HISTORY_HINT)
    buttons = [Button(t.BTN_REORDER.format(code=o.code), AGAIN.pack(o.code)) for o in orders]
    return say(Browse.HOME, data, Reply("\n".join(lines), buttons + [Button(customer_texts.BTN_MENU, "menu")]))
