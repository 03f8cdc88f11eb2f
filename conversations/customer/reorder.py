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
from conversations.base import Button, Ctx, Reply, Step, say
from conversations.choice import Choice
from conversations.customer import cart
from conversations.customer.browsing import Browse
from conversations.ports import OrderSummary
from texts.id import customer as customer_texts
from texts.id import regulars as t

AGAIN = Choice("again", str)  # order this past order's items again: its code
HISTORY_SIZE = 10


def last_order(data: dict[str, Any], ctx: Ctx) -> Step:
    """puts the customer's latest order's items into the cart."""
    recent = ctx.orders.recent(ctx.customer.id, 1)
    if not recent:
        return say(Browse.HOME, data, Reply(t.REORDER_NONE, [Button(customer_texts.BTN_CATALOG, "catalog"),
                                                             Button(customer_texts.BTN_MENU, "menu")]))
    return again(data, ctx, recent[0].code)


def again(data: dict[str, Any], ctx: Ctx, code: str) -> Step:
    """puts one past order's items into the cart, left out or capped where stock is short now."""
    order = ctx.orders.find(ctx.customer.id, code)
    if order is None:
        return say(Browse.HOME, data, Reply(t.REORDER_NOT_FOUND.format(code=code), [Button(t.BTN_HISTORY, HISTORY)]))
    basket, changes = refill(ctx, cart.items(data), order)
    if basket == cart.items(data):
        text = "\n".join([t.REORDER_NOTHING.format(code=order.code), *changes])
        return cart.view(cart.with_cart(data, basket), ctx, note=text)
    head = [t.REORDER_ADDED.format(code=order.code)]
    if changes:
        head += ["", t.REORDER_CHANGES, *changes]
    return cart.view(cart.with_cart(data, basket), ctx, note="\n".join(head) + "\n")


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
