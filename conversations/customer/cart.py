"""Cart flow: add with a quantity, free-text orders, view, change, remove, empty.

The cart is `data["cart"]`, an ordered `{sku: qty}`; prices and stock are read fresh from
the catalog each time, so a price change never leaves a stale total in the cart. A product
with options is in the cart by its options' skus ("Nastar Keju — 500g"); a free-text line
that names a product but not which option asks which, and keeps the quantity meanwhile
(conversations.customer.options).
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from language.money import rupiah
from language.numbers import parse_quantity
from language.text import normalize
from language.words import ALL_OF_IT
from catalog.products import ProductInfo
from conversations.base import Button, Ctx, Reply, Step, say
from conversations.choice import Choice
from conversations.customer import ask_seller, made_label
from conversations.customer.browsing import VARIANT, Browse, main_menu
from texts.id import customer as t
from texts.id import preorders as preorder_texts

MAX_QTY = 999

CHANGE = Choice("chg", str)  # change this line's quantity: sku
REMOVE = Choice("rm", str)  # take this line out: sku
PICK = Choice("pick", str)  # the product (or option) an ambiguous order line meant: sku


class Cart(StrEnum):
    QTY = "cart:qty"  # waiting for the quantity of data["sku"] to add
    NEW_QTY = "cart:new_qty"  # waiting for the new quantity of data["sku"] in the cart


def items(data: dict[str, Any]) -> dict[str, int]:
    return dict(data.get("cart") or {})


def with_cart(data: dict[str, Any], cart: dict[str, int]) -> dict[str, Any]:
    out = {k: v for k, v in data.items() if k not in ("sku", "pending", "family")}
    out["cart"] = cart
    return out


def after_add_buttons() -> list[Button]:
    return [Button(t.BTN_CONTINUE, "catalog"), Button(t.BTN_CART, "cart"), Button(t.BTN_CHECKOUT, "checkout")]


# More than chat takes: a big order is the seller's to agree ("Tanya penjual" under it: ask_for).
OVER_LIMIT = t.QTY_LIMIT.format(limit=MAX_QTY)


def ask_for(problem: str | None, p: ProductInfo, wanted: int) -> list[Button]:
    """The "Tanya penjual" button (with the product and quantity) under a quantity over the limit."""
    return [ask_seller.button(ask_seller.QTY, p.sku, wanted)] if problem == OVER_LIMIT else []


def check_qty(p: ProductInfo, qty: int | None, already: int = 0) -> str | None:
    """The hint to show when qty cannot be added, or None when it can."""
    if qty is None:
        return t.QTY_NOT_NUMBER
    if qty <= 0:
        return t.QTY_NOT_POSITIVE
    if p.stock <= 0:
        return t.QTY_SOLD_OUT.format(name=p.label)
    if qty + already > MAX_QTY:
        return OVER_LIMIT
    if qty + already > p.stock:
        return t.QTY_TOO_MANY.format(name=p.label, stock=max(p.stock - already, 0))
    return None


def ask_qty(data: dict[str, Any], ctx: Ctx, sku: str) -> Step:
    """asks how many of a product to add."""
    p = ctx.catalog.by_sku(sku)
    if p is None:
        return say(Browse.HOME, data, Reply(t.PRODUCT_GONE, main_menu()))
    label = made_label.stock_line(p, ctx)  # a pre-order has no stock to show: its day instead
    text = preorder_texts.ASK_QTY.format(name=p.label, label=label) if label else t.ASK_QTY.format(name=p.label, stock=p.stock)
    return say(Cart.QTY, {**data, "sku": sku}, Reply(text, [Button(t.BTN_BACK, VARIANT.pack(sku))], numbered=False))


def add(data: dict[str, Any], ctx: Ctx, sku: str, qty: int | None) -> Step:
    """adds qty of a product, refusing zero, negative and more-than-stock with a hint."""
    p = ctx.catalog.by_sku(sku)
    if p is None:
        return say(Browse.HOME, data, Reply(t.PRODUCT_GONE, main_menu()))
    cart = items(data)
    problem = check_qty(p, qty, cart.get(sku, 0))
    if problem:
        # Stay where we are so the next number typed is read as this product's quantity.
        buttons = [*ask_for(problem, p, (qty or 0) + cart.get(sku, 0)), Button(t.BTN_BACK, VARIANT.pack(sku)),
                   Button(t.BTN_MENU, "menu")]
        return say(Cart.QTY, {**data, "sku": sku}, Reply(problem, buttons, numbered=False))
    assert qty is not None
    cart[sku] = cart.get(sku, 0) + qty
    text = t.ADDED.format(qty=qty, name=p.label, count=len(cart), subtotal=rupiah(subtotal(ctx, cart)))
    return say(Browse.HOME, with_cart(data, cart), Reply(text, after_add_buttons()))


def subtotal(ctx: Ctx, cart: dict[str, int]) -> int:
    products = ctx.catalog.by_skus(list(cart))
    return sum(products[s].price * q for s, q in cart.items() if s in products)


def reconcile(ctx: Ctx, cart: dict[str, int]) -> tuple[dict[str, int], list[str], dict[str, ProductInfo]]:
    """Drops products that disappeared and clamps to stock, returning notes to show."""
    products = ctx.catalog.by_skus(list(cart))
    fixed: dict[str, int] = {}
    notes: list[str] = []
    for sku, qty in cart.items():
        p = products.get(sku)
        if p is None or p.stock <= 0:
            notes.append(t.CART_DROPPED.format(name=p.label if p else sku))
        elif qty > p.stock:
            fixed[sku] = p.stock
            notes.append(t.CART_CLAMPED.format(name=p.label, stock=p.stock))
        else:
            fixed[sku] = qty
    return fixed, notes, products


def view(data: dict[str, Any], ctx: Ctx, note: str | None = None) -> Step:
    """shows the cart lines and subtotal with what can be done next."""
    cart, notes, products = reconcile(ctx, items(data))
    data = with_cart(data, cart)
    head = [note] if note else []
    if not cart:
        return say(Browse.HOME, data, Reply("\n".join(head + notes + [t.CART_EMPTY]), [Button(t.BTN_CATALOG, "catalog"), Button(t.BTN_MENU, "menu")]))
    lines = [t.CART_HEADER]
    for n, (sku, qty) in enumerate(cart.items(), 1):
        p = products[sku]
        lines.append(t.CART_LINE.format(n=n, name=p.label, qty=qty, price=rupiah(p.price), total=rupiah(p.price * qty)))
    lines.append(t.CART_SUBTOTAL.format(subtotal=rupiah(subtotal(ctx, cart))))
    lines.append(t.CART_EDIT_HINT.format(n=len(cart)))
    buttons = [
        Button(t.BTN_CHECKOUT, "checkout"),
        Button(t.BTN_CHANGE_QTY, "chg"),
        Button(t.BTN_EMPTY_CART, "empty"),
        Button(t.BTN_CONTINUE, "catalog"),
    ]
    # Not numbered: the cart's own lines are numbered ("nomor 3 jadi 2"), and on WhatsApp a "3"
    # meant for the third line pressed "3. Kosongkan" and emptied the cart.
    return say(Browse.HOME, data, Reply("\n".join(head + notes + lines), buttons, numbered=False))


def pick_to_change(data: dict[str, Any], ctx: Ctx) -> Step:
    """asks which cart line to change."""
    cart = items(data)
    if not cart:
        return view(data, ctx)
    products = ctx.catalog.by_skus(list(cart))
    buttons = [Button(f"{products[s].label} ({q})", CHANGE.pack(s)) for s, q in cart.items() if s in products]
    return say(Browse.HOME, data, Reply(t.CART_PICK_CHANGE, buttons + [Button(t.BTN_CART, "cart")]))


def ask_new_qty(data: dict[str, Any], ctx: Ctx, sku: str) -> Step:
    """asks for the new quantity of a cart line."""
    p = ctx.catalog.by_sku(sku)
    if p is None or sku not in items(data):
        return view(data, ctx)
    buttons = [Button(t.BTN_REMOVE.format(name=p.label), REMOVE.pack(sku)), Button(t.BTN_CART, "cart")]
    return say(Cart.NEW_QTY, {**data, "sku": sku}, Reply(t.CART_ASK_NEW_QTY.format(name=p.label), buttons, numbered=False))


def set_qty(data: dict[str, Any], ctx: Ctx, sku: str, qty: int | None) -> Step:
    """replaces a line's quantity; zero removes it."""
    p = ctx.catalog.by_sku(sku)
    cart = items(data)
    if p is None or sku not in cart:
        return view(data, ctx)
    if qty == 0:
        return remove(data, ctx, sku)
    problem = check_qty(p, qty)
    if problem:
        return say(Cart.NEW_QTY, {**data, "sku": sku},
                   Reply(problem, [*ask_for(problem, p, qty or 0), Button(t.BTN_CART, "cart")], numbered=False))
    assert qty is not None
    cart[sku] = qty
    return view(with_cart(data, cart), ctx, note=t.CART_UPDATED.format(name=p.label, qty=qty))


def remove(data: dict[str, Any], ctx: Ctx, sku: str) -> Step:
    """removes a line."""
    cart = items(data)
    cart.pop(sku, None)
    p = ctx.catalog.by_sku(sku)
    return view(with_cart(data, cart), ctx, note=t.CART_REMOVED.format(name=p.label if p else sku))


def empty(data: dict[str, Any], ctx: Ctx) -> Step:
    """empties the cart."""
    return say(Browse.HOME, with_cart(data, {}), Reply(t.CART_EMPTIED, main_menu()))


def add_line(ctx: Ctx, cart: dict[str, int], sku: str, qty: int) -> str:
    """Adds one parsed line to cart in place and returns what to tell the customer."""
    p = ctx.catalog.by_sku(sku)
    if p is None:
        return t.PRODUCT_GONE
    problem = check_qty(p, qty, cart.get(sku, 0))
    if problem:
        return problem
    cart[sku] = cart.get(sku, 0) + qty
    return t.ADDED.format(qty=qty, name=p.label, count=len(cart), subtotal=rupiah(subtotal(ctx, cart)))


def quantity_text(data: dict[str, Any], ctx: Ctx, text: str) -> Step:
    """reads a typed quantity for data["sku"]; "semua yang ada" is what stock is left to add."""
    qty = parse_quantity(text)
    if qty is None and all_of_it(text) and (p := ctx.catalog.by_sku(data["sku"])) is not None:
        qty = p.stock - items(data).get(p.sku, 0)
    return add(data, ctx, data["sku"], qty)


def new_quantity_text(data: dict[str, Any], ctx: Ctx, text: str) -> Step:
    """reads a typed new quantity for data["sku"]; "semuanya aja" is all the stock."""
    qty = parse_quantity(text)
    if qty is None and all_of_it(text) and (p := ctx.catalog.by_sku(data["sku"])) is not None:
        qty = p.stock
    return set_qty(data, ctx, data["sku"], qty)


def all_of_it(text: str) -> bool:
    """"ambil semua yg ada aja", "sisanya": every one left (only after we said how many there are)."""
    return bool(set(normalize(text).split()) & ALL_OF_IT)
