"""Free-text orders, and picking a product's option by button or by words.

"pesan 2 keripik pedas sama 1 sambal bawang", "nastar keju 500 2", "rendang 250 dua",
"nastar 500 2, yg 250 satu", "kemeja parang XL 2 sama L 1": each line is read (language.numbers,
with the shop's size numbers so a size is never a quantity), the product and its option found
(catalog.families), and added. A line that names a product but not which of its options asks
"Nastar Keju yang mana?" with the options as buttons and keeps the line's quantity; a line that
names an option the product lacks says which options exist. The lines wait in `data["pending"]`:

    {"qty": 2, "query": "nastar keju", "options": [sku, ...], "sure": bool,
     "whole": [sku, ...],  # skus standing for a whole product whose option is still to be chosen
     "family": sku | None,  # the options are one product's: ask "which option"
     "asked": "XXL" | None}  # the option the words named that the product lacks
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from catalog.families import Family, Hit, hit, unexplained
from conversations.base import Button, Ctx, Reply, Step, say
from conversations.customer import shown
from conversations.customer.browsing import Browse, option_detail, price_text
from conversations.customer.cart import OVER_LIMIT, PICK, Cart, add, add_line, after_add_buttons, ask_for, items, with_cart
from language.money import rupiah
from language.numbers import parse_quantity
from language.order_lines import OrderLine, order_lines
from language.options import pick_option, words_of
from language.text import FILLER_WORDS, canonical_measures, fold, normalize
from texts.id import customer as t


MAX_OFFERED = 6  # options offered as buttons of one question, before asking by product first


def fill_from_text(data: dict[str, Any], ctx: Ctx, text: str, previous: Family | None = None,
                   later: list[dict[str, Any]] | None = None, waiting: int | None = None) -> Step | None:
    """Reads an order sentence into the cart; asks which product or option where the words
    leave it open; None when the text does not look like an order. `previous` is the product
    the customer is looking at ("yg XL 2 sama ..." on its page), `later` lines still waiting,
    `waiting` the quantity said before the question the first line answers ("pesan 2 nastar" ... "yg 500")."""
    lines = order_lines(text, ctx.catalog.sizes())
    if not lines:
        return None
    if waiting is not None and not lines[0].counted:
        lines[0] = replace(lines[0], qty=waiting)
    pending: list[dict[str, Any]] = []
    for line in lines:
        item, previous = read_line(ctx, line, previous, data)
        pending.append(item)
    if all(not item["options"] for item in pending):
        return None
    return continue_pending({**data, "pending": pending + list(later or [])}, ctx, [])


def several_lines(ctx: Ctx, text: str) -> bool:
    """Whether the words order more than one thing ("XL 2 sama rendang 1"): then they are a whole
    order, never only the answer to the question open (which would drop the other lines)."""
    return len(order_lines(text, ctx.catalog.sizes())) > 1


def read_line(ctx: Ctx, line: OrderLine, previous: Family | None,
              data: dict[str, Any] | None = None) -> tuple[dict[str, Any], Family | None]:
    """One order line as a pending item, and the product it spoke of (for "yg 250", "sama L 1").
    Words that fit products of the list just shown ("yg ayam 2") mean those first."""
    if previous is not None and len(previous.options) > 1:
        again = hit(previous, line.name, ctx.catalog.sizes())
        # "sama L 1", "yg 250 satu", or words that are only an option's ("yang original")
        only_option = again.option is not None and set(line.name.split()) <= set(words_of(again.option.option or ""))
        if line.option_only or only_option:
            return line_item(line, again), previous
    if line.option_only and previous is None:  # the line before is still a question: this one follows it
        return {"qty": line.qty, "query": line.name, "options": [], "follows": True}, None
    if data is not None and not line.without and (fits := shown.fitting(ctx, data, line.name)):
        if len(fits) == 1:
            return line_item(line, hit(fits[0][0], line.name, ctx.catalog.sizes())), fits[0][0]
        return {"qty": line.qty, "query": line.name, "sure": False, "options": [f.sku for f, _ in fits],
                "whole": [f.sku for f, whole in fits if whole]}, previous
    found = ctx.catalog.find(line.name)
    if found.best is not None and found.best.option is None and line.without:
        # "keripik singkong yg ga pedes": of its options, the ones the "not" leaves; one left is the one
        left = [o for o in found.best.family.options
                if not set(line.without) & set(normalize(o.option or o.name).split())]
        if len(left) == 1:
            return {"qty": line.qty, "query": line.name, "options": [left[0].sku], "sure": True}, found.best.family
    if found.best is not None:
        return line_item(line, found.best), found.best.family
    # A lone weak match is still a question: "es teh" should not silently become Teh Rosella.
    # Few enough options are offered one by one (one tap); else a product first, then its option.
    hits = found.candidates
    each = [o.sku for h in hits for o in ((h.option,) if h.option is not None else h.family.options)]
    if len(each) <= MAX_OFFERED:
        return {"qty": line.qty, "query": line.name, "sure": False, "options": each, "whole": []}, previous
    return {"qty": line.qty, "query": line.name, "sure": False,
            "options": [h.option.sku if h.option is not None else h.family.sku for h in hits],
            "whole": [h.family.sku for h in hits if h.option is None]}, previous


def line_item(line: OrderLine, found: Hit) -> dict[str, Any]:
    """The option named, or the question which option (the quantity waits)."""
    if found.option is not None:
        return {"qty": line.qty, "query": line.name, "options": [found.option.sku], "sure": True}
    return option_question({"qty": line.qty, "query": line.name}, found.family, found.asked)


def option_question(item: dict[str, Any], family: Family, asked: str | None = None) -> dict[str, Any]:
    return {**item, "options": [o.sku for o in family.options], "sure": False, "whole": [],
            "family": family.sku, "asked": asked}


def continue_pending(data: dict[str, Any], ctx: Ctx, notes: list[str]) -> Step:
    """adds every settled pending line, and asks about the first open one."""
    pending = list(data.get("pending") or [])
    cart = items(data)
    missing: list[str] = []
    refused: str | None = None
    refused_qty = 0
    while pending:
        item = pending[0]
        if item.get("follows") and not item.get("options") and cart:
            # "nastar 500 2, yg 250 satu" once the first line was answered: the 250 of the same product
            family = ctx.catalog.family_of(list(cart)[-1])
            if family is not None and len(family.options) > 1:
                item = pending[0] = line_item(OrderLine(item["qty"], item["query"]),
                                              hit(family, item["query"], ctx.catalog.sizes()))
        skus = item.get("options") or []
        if not skus:
            pending.pop(0)
            missing.append(item["query"])
            continue
        if len(skus) == 1 and skus[0] in item.get("whole", ()):  # a product was chosen: which option?
            family = ctx.catalog.family_of(skus[0])
            if family is not None and len(family.options) > 1:
                item = pending[0] = option_question(item, family)
            else:
                item = pending[0] = {**item, "whole": [], "sure": True}
        if not item.get("sure", len(item["options"]) == 1):
            question = ask(data, ctx, cart, pending, notes)
            if question is not None:
                return question
            pending.pop(0)  # nothing of it can be chosen (all sold out): said in the notes
            continue
        pending.pop(0)
        sku, before = item["options"][0], cart.get(item["options"][0], 0)
        notes.append(add_line(ctx, cart, sku, item["qty"]))
        if cart.get(sku, 0) == before:  # refused ("stok tinggal 6, ketik jumlah 6 atau kurang"): we wait for it
            refused, refused_qty = sku, before + item["qty"]
    if missing:
        notes.append(t.ORDER_PARSED_NONE.format(names=", ".join(f"“{m}”" for m in missing)))
    out = with_cart(data, cart)
    if refused is not None and (p := ctx.catalog.by_sku(refused)) is not None and p.stock > cart.get(refused, 0):
        # The note asked for a quantity: the number typed next is its answer, not a new message.
        asking = ask_for(OVER_LIMIT if OVER_LIMIT in notes else None, p, refused_qty)
        return say(Cart.QTY, {**out, "sku": refused}, Reply("\n".join(notes), [*asking, *after_add_buttons()]))
    return say(Browse.HOME, out, Reply("\n".join(notes), after_add_buttons()))


def ask(data: dict[str, Any], ctx: Ctx, cart: dict[str, int], pending: list[dict[str, Any]],
        notes: list[str]) -> Step | None:
    """asks which product (or which option) the first pending line meant, keeping its quantity."""
    item = pending[0]
    if item.get("family"):
        family = ctx.catalog.family_of(item["family"])
        on_sale = [o for o in (family.options if family else ()) if o.stock > 0]
        if family is None or not on_sale:
            notes.append(t.OPTION_NONE_LEFT.format(name=family.name if family else item["query"]))
            return None
        head = []
        if item.get("asked"):
            head.append(t.OPTION_MISSING.format(name=family.name, asked=item["asked"],
                                                options=", ".join(o.option or o.name for o in family.options)))
        template = t.PICK_OPTION_QTY if item["qty"] != 1 else t.PICK_OPTION
        head.append(template.format(name=family.name, qty=item["qty"]))
        buttons = [Button(t.BTN_OPTION.format(label=o.option or o.name, price=rupiah(o.price)), PICK.pack(o.sku))
                   for o in on_sale]
    else:
        products = ctx.catalog.by_skus(item["options"])
        whole = set(item.get("whole", ()))
        families = ctx.catalog.families_of([s for s in item["options"] if s in whole]) if whole else {}
        buttons = []
        for sku in item["options"]:
            if (family := families.get(sku)) is not None:
                buttons.append(Button(t.BTN_PRODUCT.format(name=family.name, price=price_text(family)), PICK.pack(sku)))
            elif sku in products:
                p = products[sku]
                buttons.append(Button(t.BTN_PRODUCT.format(name=p.label, price=rupiah(p.price)), PICK.pack(sku)))
        head = [t.PICK_ONE.format(query=item["query"])]
    out = {**with_cart(data, cart), "pending": pending}
    return say(Browse.PICK, out, Reply("\n".join(notes + head), buttons + [Button(t.BTN_MENU, "menu")]))


def pick(data: dict[str, Any], ctx: Ctx, sku: str) -> Step:
    """resolves the first open pending line with the chosen product or option."""
    pending = list(data.get("pending") or [])
    if not pending:
        return add(data, ctx, sku, 1)
    first = {**pending[0], "options": [sku], "sure": True}
    return continue_pending({**data, "pending": [first] + pending[1:]}, ctx, [])


def quantity_beside(text: str, option_label: str | None) -> int | None:
    """The quantity in words that also name an option: "500 2" is two of the 500g one."""
    rest = canonical_measures(fold(text))
    # Each word of the option once: in "yg seliter 1" the "1l" is the option and the "1" the quantity.
    for word in words_of(canonical_measures(fold(option_label or ""))):
        number = re.match(r"^(\d+)", word)
        rest = re.sub(rf"\b{re.escape(number.group(1) if number else word)}(?:g|kg|ml|l)?\b", " ", rest, count=1)
    return parse_quantity(rest)


def pick_text(data: dict[str, Any], ctx: Ctx, text: str) -> Step | None:
    """The choice typed while we asked which ("yang 500", "XL", "1/2 kg aja", "yang keju"); None
    when the words name none of the choices (they may be a new order)."""
    pending = list(data.get("pending") or [])
    if not pending or len(pending[0].get("options") or []) < 2:
        return None
    item, sizes = pending[0], ctx.catalog.sizes()
    if several_lines(ctx, text):
        family = ctx.catalog.family_of(item["family"]) if item.get("family") else None
        return fill_from_text(data, ctx, text, previous=family, later=pending[1:], waiting=item.get("qty"))
    choices = ctx.catalog.by_skus(item["options"])
    skus = [s for s in item["options"] if s in choices]
    whole = set(item.get("whole", ()))
    # Each choice by the words that tell it from the others: "keju 500" of "Nastar Keju — 500g".
    families = ctx.catalog.families_of([s for s in skus if s in whole]) if whole else {}
    labels = [families[s].name if s in families else choices[s].label for s in skus]
    if item.get("family"):
        labels = [choices[s].option or choices[s].label for s in skus]
    # Words that belong to none of the choices ("kastengel 250 2") are a new order, not an answer.
    if all(unexplained(Family((choices[s],)), text, sizes) for s in skus):
        return None
    picked = pick_option(labels, text, sizes).index
    if picked is None:
        picked = only_one_naming(labels, text)
    if picked is None:
        return None
    chosen = choices[skus[picked]]
    qty = quantity_beside(text, chosen.option)
    first = {**item, "options": [chosen.sku], "sure": True,
             "qty": qty if qty is not None and qty > 0 else item["qty"]}
    return continue_pending({**data, "pending": [first] + pending[1:]}, ctx, [])


def only_one_naming(labels: list[str], text: str) -> int | None:
    """The one choice whose name holds every word typed ("roa" of the sambals, "yang keju"), if one."""
    said = [w for w in normalize(text).split() if w not in FILLER_WORDS and not w.isdigit()]
    if not said:
        return None
    fits = [i for i, label in enumerate(labels) if set(said) <= set(normalize(label).split())]
    return fits[0] if len(fits) == 1 else None


def family_text(data: dict[str, Any], ctx: Ctx, text: str) -> Step | None:
    """Words typed on a product's page of options: an option ("500", "XL 2", "setengah kilo")
    opens it or adds it; a bare quantity asks which option, keeping the quantity."""
    family = ctx.catalog.family_of(data.get("family") or "")
    if family is None:
        return None
    if several_lines(ctx, text):
        return fill_from_text({k: v for k, v in data.items() if k != "family"}, ctx, text, previous=family)
    named = hit(family, f"{family.name} {text}", ctx.catalog.sizes())
    if named.option is not None:
        qty = quantity_beside(text, named.option.option)
        if qty is None:
            return option_detail(data, ctx, named.option.sku, named.option)
        return add({k: v for k, v in data.items() if k != "family"}, ctx, named.option.sku, qty)
    qty = parse_quantity(text) if len(text) <= 12 else None
    if qty is None:
        return None
    item = option_question({"qty": qty, "query": family.name}, family, named.asked)
    return continue_pending({**{k: v for k, v in data.items() if k != "family"}, "pending": [item]}, ctx, [])
