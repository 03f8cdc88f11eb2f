"""Cart edits typed as text: "keripiknya jadi 3 aja", "hapus sambal", "kosongkan keranjang",
"ga jadi yang kastengel", "nastarnya ganti yang 500", "nomor 1 jadi 4", "lanjut bayar".

language.edits reads the sentence; here its words are matched to the cart's lines. Every edit
answers with what changed (before → after) and the cart; words that fit several lines ask which,
changing nothing; words that fit no line say so, changing nothing.
"""

from __future__ import annotations

from typing import Any

from rapidfuzz import fuzz

from catalog.families import hit
from catalog.products import ProductInfo
from conversations.base import Button, Ctx, Reply, Step, say
from conversations.customer import checkout
from conversations.customer.browsing import Browse
from conversations.customer.cart import CHANGE, Cart, ask_for, check_qty, items, view, with_cart
from language.edits import Edit, cart_edits
from language.options import measure, size
from language.text import normalize
from texts.id import customer as t

SELLER_WORDS = frozenset({"stok", "stock", "harga", "staf", "rekap"})
TYPO_SCORE = 85  # "keripk" is "keripik"; shorter words must be spelled as they are
SIZE_FROM = 100  # "jadi 500" names a size (grams, ml) of the line's product; "jadi 5" is a quantity


def _fits(word: str, label_words: list[str]) -> bool:
    for have in label_words:
        if word == have or (word.isdigit() and have.startswith(word) and measure(have) is not None):
            return True
        if size(word) is not None and size(word) == size(have):
            return True
        if len(word) >= 4 and fuzz.ratio(word, have) >= TYPO_SCORE:
            return True
    return False


def lines_meant(edit: Edit, cart: dict[str, int], products: dict[str, ProductInfo]) -> list[str]:
    """The cart lines the edit's words (or line number) name."""
    if edit.line is not None:
        skus = list(cart)
        return [skus[edit.line - 1]] if 0 < edit.line <= len(skus) else []
    words = edit.target.split()
    return [sku for sku in cart if sku in products
            and all(_fits(w, normalize(products[sku].label).split()) for w in words)]


def _other_option(ctx: Ctx, sku: str, words: str) -> ProductInfo | None:
    """Another option of the product of `sku` that `words` name ("500", "level 5", "XL")."""
    family = ctx.catalog.family_of(sku)
    if family is None or len(family.options) < 2:
        return None
    named = hit(family, f"{family.name} {words}", ctx.catalog.sizes()).option
    return named if named is not None and named.sku != sku else None


def edit(data: dict[str, Any], ctx: Ctx, text: str) -> Step | None:
    """The cart edited as the words say; None when they are not a cart edit (an order, a search)."""
    edits = cart_edits(text)
    if edits is None or SELLER_WORDS & set(normalize(text).split()):  # "kurangi stok rendang 3" is a seller's
        return None
    if any(e.action == "checkout" for e in edits):
        return checkout.start(data, ctx) if len(edits) == 1 else None
    cart = items(data)
    if any(not e.target and e.line is None and e.action in ("set", "add", "swap") for e in edits) and (
            data.get("pending") or data.get("family") or data.get("sku")):
        return None  # "jadi 2" while another product is in question speaks of that one, not of the cart
    if edits[0].action == "done":  # "udah itu aja": done choosing, so on to paying; with nothing chosen, the cart says so
        return checkout.start(data, ctx) if cart else view(data, ctx)
    if not cart:
        return None  # nothing to edit: "tambah kastengel 1" is an order
    products = ctx.catalog.by_skus(list(cart))
    if any(e.action == "empty" for e in edits):
        names = ", ".join(f"*{products[s].label if s in products else s}*" for s in cart)
        return view(with_cart(data, {}), ctx, note=t.EDIT_EMPTIED.format(names=names))
    notes: list[str] = []
    for e in edits:
        meant = lines_meant(e, cart, products)
        if e.action == "swap" and not e.target and e.line is None:  # "ganti yg level 5 aja": which line has it
            meant = [sku for sku in meant if _other_option(ctx, sku, e.into) is not None]
            if not meant:
                return None
        if not meant and e.action == "add" and e.line is None:
            meant = _family_line(ctx, e, cart, products)
            if not meant and len(edits) > 1 and (new := _sure_product(ctx, e.target)) is not None:
                products[new.sku] = new  # "hapus kastengel, tambah putri salju 1": a new line beside the edit
                meant = [new.sku]
        if not meant:
            if e.action in ("add", "set") and e.line is None:
                return None  # "nastar 1 aja" with no nastar in the cart: an order, not an edit
            if e.line is not None:
                return view(data, ctx, note="\n".join([*notes, t.EDIT_NO_LINE.format(line=e.line)]))
            named = ctx.catalog.find(e.target)
            hits = [named.best] if named.best is not None else named.candidates
            if not hits:  # words that name no product at all ("hapus staf Bu Sri"): not a cart edit
                return None
            return view(data, ctx, note="\n".join([*notes, t.EDIT_NOT_IN_CART.format(words=hits[0].family.name)]))
        if len(meant) > 1:
            buttons = [Button(f"{products[s].label} ({cart[s]})", CHANGE.pack(s)) for s in meant]
            asked = t.EDIT_WHICH.format(words=e.target) if e.target else t.EDIT_WHICH_LINE  # "jadi 3" named none
            return say(Browse.HOME, data, Reply(asked, buttons))
        if e.action == "set" and (e.qty or 0) >= SIZE_FROM and _other_option(ctx, meant[0], str(e.qty)) is not None:
            e = Edit("swap", e.target, into=str(e.qty))  # "nastar jadiin 500": the 500g one, not 500 jars
        problem = _apply(ctx, e, meant[0], cart, products, notes)
        if problem is not None:  # nothing changes; a quantity asked for is the answer to the next message
            if len(edits) == 1 and e.action in ("set", "add"):
                state = Cart.NEW_QTY if e.action == "set" else Cart.QTY
                wanted = (e.qty or 0) if e.action == "set" else cart.get(meant[0], 0) + (e.qty or 1)
                buttons = [*ask_for(problem, products[meant[0]], wanted), Button(t.BTN_CART, "cart")]
                return say(state, {**data, "sku": meant[0]}, Reply(problem, buttons, numbered=False))
            return view(data, ctx, note="\n".join([*notes, problem]))
    return view(with_cart(data, cart), ctx, note="\n".join(notes))


def _sure_product(ctx: Ctx, words: str) -> ProductInfo | None:
    """The one product (and option) the words surely name, else None."""
    found = ctx.catalog.find(words) if words else None
    return found.best.option if found is not None and found.best is not None and found.best.asked is None else None


def _family_line(ctx: Ctx, e: Edit, cart: dict[str, int], products: dict[str, ProductInfo]) -> list[str]:
    """ "kemejanya tambah satu ukuran M": the cart's kemeja, whose M option is the one to add."""
    for sku in cart:
        family = ctx.catalog.family_of(sku)
        if family is None or len(family.options) < 2:
            continue
        named = hit(family, f"{family.name} {e.target}", ctx.catalog.sizes()).option
        name_words = normalize(family.name).split()
        if named is not None and any(_fits(w, name_words) for w in e.target.split()):
            products.setdefault(named.sku, named)
            return [named.sku]
    return []


def _apply(ctx: Ctx, e: Edit, sku: str, cart: dict[str, int], products: dict[str, ProductInfo],
           notes: list[str]) -> str | None:
    """Applies one edit to `cart` in place, noting what changed; returns a refusal instead."""
    p = products[sku]
    before = cart.get(sku, 0)
    if e.action == "swap":
        into = _other_option(ctx, sku, e.into)
        if into is None:
            found = ctx.catalog.find(e.into)
            into = found.best.option if found.best is not None else None
        if into is None or into.sku == sku:
            return t.EDIT_SWAP_UNKNOWN.format(words=e.into, name=p.label)
        if (problem := check_qty(into, before, cart.get(into.sku, 0))) is not None:
            return problem
        del cart[sku]
        cart[into.sku] = cart.get(into.sku, 0) + before
        notes.append(t.EDIT_SWAPPED.format(old=p.label, new=into.label, qty=before))
        return None
    after = {"set": e.qty, "add": before + (e.qty or 1), "reduce": before - (e.qty or 1), "remove": 0}[e.action]
    if after is None:
        return None
    if after <= 0:
        cart.pop(sku, None)
        notes.append(t.EDIT_REMOVED.format(name=p.label, qty=before))
        return None
    if after > before and (problem := (check_qty(p, after) if e.action == "set" else check_qty(p, after - before, before))):
        return problem
    cart[sku] = after
    notes.append(t.EDIT_SET.format(name=p.label, before=before, after=after))
    return None
