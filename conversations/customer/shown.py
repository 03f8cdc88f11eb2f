"""The products of the last list shown to a customer, so "nomor 2", "yg kedua 3" and "yg ayam 2"
pick from it.

Kept in the conversation data as `data["shown"]`: {"skus": [...], "whole": [...]}, the skus in
the order the list showed them (at most MAX_SHOWN), those that stood for a whole product
whose option is still to be chosen, and "scopes": false for a ranking's own list. Set from the product buttons of any reply that lists two or
more (a category page, search results, "which one?", a product's options, a ranking); kept while
the customer acts on it (a product page, the quantity asked, the answer to "which one", a cart
that changed); dropped by anything else (the menu, checkout, another question).
"""

from __future__ import annotations

from typing import Any

from catalog.families import Family
from conversations.base import Ctx, Reply, Step, say
from conversations.customer.browsing import PRODUCT, VARIANT, Browse
from conversations.customer.cart import PICK, Cart, items
from language.list_refs import read
from language.order_lines import bare_quantity
from language.text import misspelt, normalize
from language.words import CHAT_WORDS
from texts.id import lists as t

MAX_SHOWN = 30
KEY = "shown"
# States in which the customer is still acting on the list.
KEEPS = frozenset({Browse.PRODUCT, Browse.PICK, Cart.QTY, Cart.NEW_QTY})


def listed(replies: list[Reply]) -> tuple[list[str], list[str]]:
    """The products a step's replies list as buttons, in order: (skus, the whole-product ones)."""
    skus: list[str] = []
    whole: list[str] = []
    for reply in replies:
        for button in reply.buttons:
            if (parts := PRODUCT.unpack(button.value)) is not None:
                whole.append(parts[0])
            elif (parts := VARIANT.unpack(button.value) or PICK.unpack(button.value)) is None:
                continue
            if parts[0] not in skus:
                skus.append(parts[0])
    return skus[:MAX_SHOWN], [s for s in whole if s in skus[:MAX_SHOWN]]


def remember(before: dict[str, Any], step: Step) -> Step:
    """The step with the list it shows remembered, the one before kept, or dropped (see above)."""
    if step.then is not None:  # worded after its effects: nothing shown yet
        return step
    skus, whole = listed(step.replies)
    if len(skus) >= 2:
        pending = (step.data.get("pending") or [{}])[0] if step.state == Browse.PICK else {}
        whole = list(dict.fromkeys(whole + [s for s in pending.get("whole") or () if s in skus]))
        step.data = {**step.data, KEY: {"skus": skus, "whole": whole}}
    elif KEY in step.data and step.state not in KEEPS and items(before) == items(step.data):
        step.data = {k: v for k, v in step.data.items() if k != KEY}
    elif KEY in step.data and before.get(KEY) == step.data[KEY]:  # kept, no longer on screen: no ranking's scope
        step.data = {**step.data, KEY: {**step.data[KEY], "scopes": False}}
    return step


def shown(data: dict[str, Any]) -> tuple[list[str], set[str]]:
    kept = data.get(KEY) or {}
    skus = [s for s in kept.get("skus") or () if isinstance(s, str)][:MAX_SHOWN]
    return skus, {s for s in kept.get("whole") or () if isinstance(s, str)}


def show(data: dict[str, Any], skus: list[str], whole: list[str] | None = None, scopes: bool = True) -> dict[str, Any]:
    """Data remembering `skus` as the list shown (a flow that lists without product buttons);
    `scopes` False for a ranking's own list, which a next ranking is not narrowed to."""
    kept = {"skus": skus[:MAX_SHOWN], "whole": list(whole or [])}
    return {**data, KEY: kept if scopes else {**kept, "scopes": False}}


def scopes(data: dict[str, Any]) -> bool:
    """Whether the list narrows a ranking asked next ("yg paling murah" of a category page): only
    while the last reply showed it."""
    return bool((data.get(KEY) or {}).get("scopes", True))


def fitting(ctx: Ctx, data: dict[str, Any], name: str) -> list[tuple[Family, bool]]:
    """The products of the last list that the words of an order line fit ("ayam" of Dimsum Ayam
    and Dimsum Udang): every word is in the product's name or its options' (one slip allowed in a
    longer word). With whether each stood for the whole product (its option still to choose)."""
    skus, whole = shown(data)
    said = [w for w in normalize(name).split() if w not in CHAT_WORDS]
    if not skus or not said:
        return []
    families = ctx.catalog.families_of(skus)
    fits: list[tuple[Family, bool]] = []
    for sku in skus:
        family = families.get(sku)
        row = family.by_sku(sku) if family is not None else None
        if family is None or row is None:
            continue
        labels = family.labels if sku in whole else [row.option or ""]
        own = normalize(" ".join([row.name, *labels])).split()
        if all(w in own or (len(w) > 3 and any(misspelt(w, o) for o in own)) for w in said):
            fits.append((family, True) if sku in whole else (Family((row,)), False))
    return fits


def pointed(state: str, data: dict[str, Any], ctx: Ctx, text: str) -> tuple[str, int | None] | Step | None:
    """The sku a message points at in the last list, with the quantity said; a Step when it
    points nowhere (no list, a place past its end: said, nothing changed); None when it does
    not point."""
    ref = read(text)
    if ref is None:
        return None
    skus, _ = shown(data)
    if not skus:
        return say(state, data, Reply(t.NO_LIST))
    place = len(skus) if ref.place == -1 else ref.place
    if not 1 <= place <= len(skus):
        return say(state, data, Reply(t.OUT_OF_LIST.format(count=len(skus))))
    return skus[place - 1], bare_quantity(ref.rest) if ref.rest else None
