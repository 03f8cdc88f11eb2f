"""Picking from the list just shown (conversations.customer.shown): by its place ("nomor 2",
"no 2 satu aja", "yg kedua 3") or by a word of a name in it ("yg ayam" after the dimsum list).
A place with a quantity orders it as any order line does (a product with options asks which,
keeping the quantity); without one, its page opens."""

from __future__ import annotations

from typing import Any

from conversations.base import Button, Ctx, Reply, Step, say
from conversations.customer import options, shown
from conversations.customer.browsing import Browse, option_detail, product_button, product_detail
from language.order_lines import bare_quantity, order_lines
from texts.id import customer as t

LEFT_BEHIND = ("sku", "pending", "family")


def by_place(state: str, data: dict[str, Any], ctx: Ctx, text: str) -> Step | None:
    """"nomor 2", "yg kedua 3": the product at that place; None when the message points at none."""
    got = shown.pointed(state, data, ctx, text)
    if got is None or isinstance(got, Step):
        return got
    sku, qty = got
    pending = list(data.get("pending") or []) if state == Browse.PICK else []
    if pending and sku in (pending[0].get("options") or ()):  # the answer to "which one?"
        first = {**pending[0], "options": [sku], "sure": True, "qty": qty or pending[0].get("qty", 1)}
        return options.continue_pending({**data, "pending": [first] + pending[1:]}, ctx, [])
    base = {k: v for k, v in data.items() if k not in LEFT_BEHIND}
    _, whole = shown.shown(data)
    if qty is None:
        return product_detail(base, ctx, sku) if sku in whole else option_detail(base, ctx, sku)
    item = {"qty": qty, "query": sku, "options": [sku], "sure": True, "whole": [sku] if sku in whole else []}
    return options.continue_pending({**base, "pending": [item]}, ctx, [])


MAX_ASKED = 10  # a longer list is not asked about as buttons: the customer names the product instead


def by_quantity(state: str, data: dict[str, Any], ctx: Ctx, text: str) -> Step | None:
    """"pesan 2" right after a list (not a product's page): which of them, keeping the quantity;
    None without a list, or when the message is more than a quantity."""
    skus, whole = shown.shown(data)
    if state != Browse.HOME or not 2 <= len(skus) <= MAX_ASKED or text.strip().isdigit():
        return None  # a bare number is the list's button of that number (handlers.choices)
    if (qty := bare_quantity(text)) is None:
        return None
    item = {"qty": qty, "query": " ".join(text.split())[:40], "options": skus, "sure": False, "whole": [s for s in skus if s in whole]}
    return options.continue_pending({**data, "pending": [item]}, ctx, [])


def by_words(data: dict[str, Any], ctx: Ctx, text: str) -> Step | None:
    """"yg ayam" without a quantity: the one product of the last list the words fit, opened; the
    few they fit, to choose from; None when they fit none (a search of the whole shop then)."""
    if not shown.shown(data)[0]:
        return None
    lines = order_lines(text, ctx.catalog.sizes())
    if len(lines) != 1 or lines[0].counted:
        return None
    fits = shown.fitting(ctx, data, lines[0].name)
    if not fits:
        return None
    if len(fits) == 1:
        family, whole = fits[0]
        return product_detail(data, ctx, family.sku) if whole else option_detail(data, ctx, family.sku, family.lead)
    buttons = [product_button(family if whole else family.lead) for family, whole in fits]
    return say(Browse.HOME, data, Reply(t.SEARCH_RESULTS.format(query=lines[0].name),
                                        buttons + [Button(t.BTN_MENU, "menu")]))
