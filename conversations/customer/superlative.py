"""Rankings over the shop's own products: "yg paling murah apa kak", "keripik yg paling murah",
"yg paling laris", "sambal bawang yg paling pedes", and orders with one ("pesan yg paling murah
2" puts it in the cart as any order does).

The scope: the words said (a category, a word of products' names, a product), else the product
page the customer is on (its options), else the list just shown, else the whole shop. Ranked
from the shop's data: price; units sold in paid orders ("laris"); spiciness from option levels
and names ("Level 5", "Extra Pedas"). Sold-out rows are never the answer. When the data cannot
tell (no sales yet, no spiciness in any name), the reply says so and changes nothing.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from catalog.families import Family, group
from catalog.model import ProductInfo
from conversations.base import Button, Ctx, Reply, Step, say
from conversations.customer import options, shown
from conversations.customer.browsing import Browse, option_detail, product_button
from conversations.customer.cart import add
from language.money import rupiah
from language.order_lines import bare_quantity, order_lines
from language.questions import shop_questions
from language.superlatives import BEST, CHEAP, DEAR, SPICY, Superlative, hot_word, read, spiciness
from language.text import normalize
from language.words import CHAT_WORDS, asks
from texts.id import customer as customer_texts
from texts.id import lists as t

RUNNERS_UP = 2  # shown after the top, numbered, so "nomor 2" can pick one
LEADING = {CHEAP: "cheap", DEAR: "dear", BEST: "sold"}  # rankings the database sorts
LEADING_ROWS = 40
# Words around a ranking that name no product: "produk apa yg paling murah di sini".
GENERIC = frozenset({"produk", "produknya", "barang", "barangnya", "menu", "menunya", "item", "di", "sini", "disini",
                     "toko", "jualan", "jualannya", "dari", "semua", "semuanya", "mana", "apaan", "level", "levelnya",
                     "varian", "variannya", "pilihan", "pilihannya", "rasa", "rasanya", "nya", "tuh", "kah", "kalian",
                     "punya", "nih", "yang", "cari", "mau", "tanya", "dong", "kak", "ka", "min", "sis", "gan", "kakak"})
ORDERS = re.compile(r"^(?:pesan|pesen|order|beli|ambil|minta|tumbas|tuku|meser|nitip)\b")


def answer(state: str, data: dict[str, Any], ctx: Ctx, text: str) -> Step | None:
    """The ranking a message asks for, answered or ordered; None when it asks none this shop can
    read (no superlative, or words that name none of its products: "ongkir paling murah")."""
    asked = read(text)
    if asked is None or shop_questions(asked.rest):  # "ongkir paling murah", "paling lambat sampai"
        return None
    lines = order_lines(asked.rest, ctx.catalog.sizes())
    if len(lines) > 1:
        return None
    name = lines[0].name if lines else ""
    words = [w for w in name.split() if w not in CHAT_WORDS and w not in GENERIC]
    qty = (lines[0].qty if lines[0].counted else None) if lines else bare_quantity(asked.rest)  # "pesan yg paling murah 2"
    ordering = qty is not None or (bool(ORDERS.match(asked.rest)) and "?" not in text and not asks(text))
    scoped = scope(state, data, ctx, words, asked.kind)
    if scoped is None:
        return None
    families, label = scoped
    return ranked(data, ctx, asked, families, label, qty or 1 if ordering else None)


def scope(state: str, data: dict[str, Any], ctx: Ctx, words: list[str], kind: str
          ) -> tuple[list[Family], str | None] | None:
    """The products the ranking is over, and how to name them ("Camilan", "keripik"); None when
    the words name nothing sold here."""
    if words:
        said = set(words)
        categories = [c for c in ctx.catalog.categories() if said <= set(normalize(c.name).split())]
        if len(categories) == 1 and (led := leading(ctx, kind, categories[0].id)):
            return led, categories[0].name
        by_category = ctx.catalog.in_categories([c.id for c in categories]) if categories else []
        if by_category:
            return by_category, by_category[0].category
        by_name = ctx.catalog.naming(words)
        if by_name:
            return by_name, by_name[0].name if len(by_name) == 1 else " ".join(words)
        found = ctx.catalog.find(" ".join(words))
        hits = [found.best] if found.best is not None else found.candidates
        chosen = list({h.family.id: h.family for h in hits}.values())
        return (chosen, chosen[0].name if len(chosen) == 1 else " ".join(words)) if chosen else None
    on_page = data.get("family") if state == Browse.PRODUCT else None  # a product's options, on show
    if on_page and (family := ctx.catalog.family_of(on_page)) is not None:
        return [family], family.name
    skus, _ = shown.shown(data)
    if skus and shown.scopes(data):
        listed = {f.id: f for f in ctx.catalog.families_of(skus).values()}
        if listed:
            return list(listed.values()), t.LIST_SCOPE
    return whole_shop(ctx, kind), None


def whole_shop(ctx: Ctx, kind: str) -> list[Family]:
    """Every product, or only those a ranking needs (`leading`, or the ones that can be hot).
    Reading every row of a 10,000-product shop took ~0.2 s of the message's transaction."""
    led = leading(ctx, kind)
    if led is not None:
        return led
    if kind == SPICY:  # only the products whose names can say how hot they are
        return ctx.catalog.having(hot_word)
    return group(ctx.catalog.products())


def leading(ctx: Ctx, kind: str, category_id: int | None = None) -> list[Family] | None:
    """For a ranking the database can sort (price, units sold), the shop's or a category's first
    rows: enough to be sure of the top, its ties and the runners-up once sold-out rows are left
    out; None when they are not (every row is needed)."""
    by = LEADING.get(kind)
    if by is None:
        return None
    rows = ctx.catalog.leading(by, LEADING_ROWS, category_id)
    in_stock = [p for p in rows if p.stock > 0]
    # Enough unless the cut fell inside the top's tie or left too few in stock to show.
    if len(rows) < LEADING_ROWS or (len(in_stock) > RUNNERS_UP and not ties_past_cut(kind, rows, in_stock, ctx)):
        return [Family((p,)) for p in in_stock]  # none for "laris" in a shop with no sale yet
    if kind != BEST and in_stock and in_stock[0].price == rows[-1].price:
        # The top's tie runs past the cut: with two or more in stock the answer is a choice
        # among them (no runners-up), so only the rows at that price are read.
        tie = [p for p in ctx.catalog.at_price(in_stock[0].price, category_id) if p.stock > 0]
        if len(tie) > 1:
            return [Family((p,)) for p in tie]
    return None


def ties_past_cut(kind: str, rows: list[ProductInfo], in_stock: list[ProductInfo], ctx: Ctx) -> bool:
    if kind == BEST:
        sold = ctx.catalog.units_sold([in_stock[0].sku, rows[-1].sku])
        return sold.get(in_stock[0].sku) == sold.get(rows[-1].sku)
    return in_stock[0].price == rows[-1].price


def score(kind: str, rows: list[ProductInfo], ctx: Ctx) -> dict[str, int]:
    """Each row's value for the ranking (higher is better); rows it cannot rank are left out."""
    if kind == CHEAP:
        return {p.sku: -p.price for p in rows}
    if kind == DEAR:
        return {p.sku: p.price for p in rows}
    if kind == BEST:
        return ctx.catalog.units_sold([p.sku for p in rows])
    hot = {p.sku: spiciness(f"{p.name} {p.option or ''}") for p in rows}
    return {sku: level for sku, level in hot.items() if level is not None and level > 0}


def ranked(data: dict[str, Any], ctx: Ctx, asked: Superlative, families: list[Family], label: str | None,
           qty: int | None) -> Step:
    where = t.SCOPE.format(what=label) if label else t.SCOPE_SHOP
    rows = [o for f in families for o in f.options if o.stock > 0]
    if not rows and asked.kind == BEST and label is None:  # nothing sold in stock (whole_shop)
        return say(Browse.HOME, data, Reply(t.NO_SALES.format(scope=where), [catalog_button()]))
    if not families and asked.kind == SPICY and label is None:  # no name in the shop says how hot
        return say(Browse.HOME, data, Reply(t.NO_SPICE.format(scope=where), [catalog_button()]))
    if not rows:
        return say(Browse.HOME, data, Reply(t.NONE_LEFT.format(scope=where), [catalog_button()]))
    values = score(asked.kind, rows, ctx)
    if not values:
        unknown = t.NO_SALES if asked.kind == BEST else t.NO_SPICE
        return say(Browse.HOME, data, Reply(unknown.format(scope=where), [catalog_button()]))
    order = sorted((p for p in rows if p.sku in values), key=lambda p: (-values[p.sku], p.price, p.id))
    top = [p for p in order if values[p.sku] == values[order[0].sku]]
    base = {k: v for k, v in data.items() if k not in ("sku", "pending", "family")}
    facts = {"scope": where, "name": top[0].label, "price": rupiah(top[0].price), "sold": values[top[0].sku]}
    if len(top) > 1:
        if qty is not None:  # an order: which of them, keeping the quantity
            item = {"qty": qty, "query": label or top[0].label, "options": [p.sku for p in top], "sure": False,
                    "whole": []}
            return options.continue_pending({**base, "pending": [item]}, ctx, [])
        buttons = [product_button(p) for p in top[:8]] + [Button(customer_texts.BTN_MENU, "menu")]
        return say(Browse.HOME, base, Reply(t.KIND_TIE[asked.kind].format(**facts), buttons))
    if qty is not None:
        return add(base, ctx, top[0].sku, qty)
    step = option_detail(base, ctx, top[0].sku, top[0])
    head = t.KIND_HEAD[asked.kind].format(**facts)
    nexts = [t.NEXT_LINE.format(n=i + 2, name=p.label, price=rupiah(p.price))
             for i, p in enumerate(order[1:1 + RUNNERS_UP])]
    tail = "\n\n" + "\n".join([t.NEXT_HEAD, *nexts]) if nexts else ""
    first = step.replies[0]
    step.replies[0] = replace(first, text=f"{head}\n\n{first.text}{tail}")
    step.data = shown.show(step.data, [p.sku for p in order[:1 + RUNNERS_UP]], scopes=False)
    return step


def catalog_button() -> Button:
    return Button(customer_texts.BTN_CATALOG, "catalog")
