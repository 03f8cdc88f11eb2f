"""Browsing flow: greeting and menu, categories, paged product lists, product detail, search."""

from __future__ import annotations

import math
from enum import StrEnum
from collections.abc import Sequence
from typing import Any

from language.money import rupiah
from language.names import addressed
from catalog.products import Family, ProductInfo
from conversations.base import Button, Ctx, Picture, Reply, Step, say
from conversations.choice import Choice, number
from conversations.customer import ask_seller, made_label
from conversations.examples import fill
from language.text import FILLER_WORDS, normalize
from language.words import CHAT_WORDS
from texts.id import customer as t
from texts.id import regulars as regulars_texts

PAGE_SIZE = 8

CATEGORY = Choice("c", number, number, defaults=(0,))  # a category's page: category id, page (from 0)
PRODUCT = Choice("p", str)  # a product page: sku (a product with options shows all of them)
VARIANT = Choice("v", str)  # one option's page: its sku
ADD = Choice("a", str, number)  # put in the cart: sku, quantity
ASK_QTY = Choice("q", str)  # "another quantity": sku


class Browse(StrEnum):
    HOME = "browsing:home"
    PRODUCT = "browsing:product"  # a product page: a bare number is its quantity (data "family": which option?)
    SEARCH = "browsing:search"  # waiting for what to look for
    PICK = "browsing:pick"  # which product an order line meant


def main_menu() -> list[Button]:
    return [
        Button(t.BTN_CATALOG, "catalog"),
        Button(t.BTN_SEARCH, "search"),
        Button(t.BTN_CART, "cart"),
        Button(t.BTN_MY_ORDERS, "orders"),
        Button(t.BTN_HELP, "help"),
    ]


def greet(data: dict[str, Any], ctx: Ctx) -> Step:
    """greets with the shop profile and shows the main menu."""
    shop = ctx.shop
    text = fill(
        t.GREETING, ctx.examples,
        kak=addressed(ctx.customer.name),
        shop=shop.name,
        tagline=f"{shop.tagline}\n" if shop.tagline else "",
        address=t.GREETING_ADDRESS.format(address=shop.address) if shop.address else "",
        hours=t.GREETING_HOURS.format(hours=shop.opening_hours) if shop.opening_hours else "",
    )
    return say(Browse.HOME, data, Reply(text, main_menu()))


def menu(data: dict[str, Any], ctx: Ctx, note: str | None = None) -> Step:
    """shows the main menu, after an optional note."""
    menu_text = fill(t.MENU, ctx.examples)
    text = f"{note}\n\n{menu_text}" if note else menu_text
    return say(Browse.HOME, data, Reply(text, main_menu()))


def help_(data: dict[str, Any], ctx: Ctx) -> Step:
    """explains what can be typed."""
    return say(Browse.HOME, data, Reply(fill(t.HELP, ctx.examples), main_menu()))


def categories(data: dict[str, Any], ctx: Ctx, note: str | None = None) -> Step:
    """lists the categories that have visible products."""
    cats = ctx.catalog.categories()
    if not cats:
        return say(Browse.HOME, data, Reply(t.NO_PRODUCTS, main_menu()))
    buttons = [Button(t.BTN_CATEGORY.format(name=c.name, count=c.count), CATEGORY.pack(c.id, 0)) for c in cats]
    text = t.CATEGORIES.format(shop=ctx.shop.name)
    return say(Browse.HOME, data, Reply(f"{note}\n\n{text}" if note else text, buttons + [Button(t.BTN_MENU, "menu")],
                                        in_place=True))


def category_page(data: dict[str, Any], ctx: Ctx, category_id: int, page: int) -> Step:
    """shows one page of a category's products."""
    page = max(page, 0)
    shown, total = ctx.catalog.category_slice(category_id, page * PAGE_SIZE, PAGE_SIZE)
    if not shown and page > 0:  # the category got shorter since this page's button was shown: its last page
        _, total = ctx.catalog.category_slice(category_id, 0, 1)
        page = max(math.ceil(total / PAGE_SIZE) - 1, 0)
        shown, total = ctx.catalog.category_slice(category_id, page * PAGE_SIZE, PAGE_SIZE)
    if not shown:
        return categories(data, ctx, note=t.CATEGORY_GONE)
    pages = math.ceil(total / PAGE_SIZE)
    buttons = [product_button(p) for p in shown]
    if page > 0:
        buttons.append(Button(t.BTN_PREV, CATEGORY.pack(category_id, page - 1)))
    if page < pages - 1:
        buttons.append(Button(t.BTN_NEXT, CATEGORY.pack(category_id, page + 1)))
    buttons += [Button(t.BTN_BACK, "catalog"), Button(t.BTN_CART, "cart")]
    text = t.CATEGORY_PAGE.format(category=shown[0].category, page=page + 1, pages=pages)
    return say(Browse.HOME, data, Reply(text, buttons, in_place=True, pictures=pictures(shown)))


def pictures(shown: Sequence[ProductInfo | Family]) -> tuple[Picture, ...]:
    """The pictures of the listed products that have one, captioned as their buttons are."""
    return tuple(Picture(p.image_url, product_button(p).label) for p in shown if p.image_url)


def price_text(p: ProductInfo | Family) -> str:
    """A price, or the range of a product's options ("Rp55.000–Rp100.000")."""
    if isinstance(p, Family) and p.price != p.price_max:
        return t.PRICE_RANGE.format(low=rupiah(p.price), high=rupiah(p.price_max))
    return rupiah(p.price)


def product_button(p: ProductInfo | Family) -> Button:
    """A product in a list: its name and price (range) once, whatever options it has."""
    if isinstance(p, Family):
        return Button(t.BTN_PRODUCT.format(name=p.name, price=price_text(p)), PRODUCT.pack(p.sku))
    return Button(t.BTN_PRODUCT.format(name=p.label, price=rupiah(p.price)), VARIANT.pack(p.sku))


def option_button(p: ProductInfo) -> Button:
    return Button(t.BTN_OPTION.format(label=p.option or p.name, price=rupiah(p.price)), VARIANT.pack(p.sku))


def product_detail(data: dict[str, Any], ctx: Ctx, sku: str, found: ProductInfo | None = None) -> Step:
    """shows a product: its options to choose from, or (without options) price, stock and
    description, waiting for a quantity (`found`: read already)."""
    family = ctx.catalog.family_of(sku)
    if family is None:
        return menu(data, ctx, note=t.PRODUCT_GONE)
    if len(family.options) > 1:
        return family_page(data, ctx, family)
    return option_detail(data, ctx, family.lead.sku, found if found is not None and found.sku == family.lead.sku else family.lead)


def family_page(data: dict[str, Any], ctx: Ctx, family: Family) -> Step:
    """shows a product's options with price and stock, as buttons; a typed option or number works too."""
    lines = [t.FAMILY_OPTION_LINE.format(label=o.option or o.name, price=rupiah(o.price),
                                         stock=t.OPTION_STOCK.format(stock=o.stock) if o.stock > 0 else t.OPTION_SOLD_OUT)
             for o in family.options]
    text = t.FAMILY_DETAIL.format(name=family.name, price=price_text(family), options="\n".join(lines),
                                  description=family.description).rstrip()
    text += rating_text(ctx, [o.sku for o in family.options])
    on_sale = [o for o in family.options if o.stock > 0]
    text += "\n\n" + (t.FAMILY_ASK.format(example=f"{family.name.lower()} {on_sale[0].option or ''}".strip())
                       if on_sale else t.OPTION_NONE_LEFT.format(name=family.name))
    buttons = [option_button(o) for o in on_sale]
    if family.category_id is not None:
        buttons.append(Button(t.BTN_BACK, CATEGORY.pack(family.category_id, 0)))
    buttons.append(Button(t.BTN_CART, "cart"))
    out = {k: v for k, v in data.items() if k != "sku"}
    return say(Browse.PRODUCT, {**out, "family": family.sku}, Reply(text, buttons, image_url=family.image_url))


def option_detail(data: dict[str, Any], ctx: Ctx, sku: str, found: ProductInfo | None = None) -> Step:
    """shows one option (or a product without options): price, stock, description, and waits for a quantity."""
    p = found if found is not None and found.sku == sku else ctx.catalog.by_sku(sku)
    if p is None:
        return menu(data, ctx, note=t.PRODUCT_GONE)
    stock = made_label.stock_line(p, ctx) or (t.STOCK_LEFT.format(stock=p.stock) if p.stock > 0 else t.STOCK_NONE)
    text = t.PRODUCT_DETAIL.format(name=p.label, price=rupiah(p.price), stock=stock, description=p.description).rstrip()
    text += rating_text(ctx, [p.sku])
    buttons: list[Button] = []
    if p.stock > 0:
        buttons = [Button(t.BTN_ADD.format(qty=n), ADD.pack(p.sku, n)) for n in (1, 2, 3) if n <= p.stock]
        buttons.append(Button(t.BTN_OTHER_QTY, ASK_QTY.pack(p.sku)))
        text += "\n\n" + t.PRODUCT_ASK_QTY
    if p.family_id is not None:
        buttons.append(Button(t.BTN_OTHER_OPTIONS, PRODUCT.pack(p.sku)))
    elif p.category_id is not None:
        buttons.append(Button(t.BTN_BACK, CATEGORY.pack(p.category_id, 0)))
    buttons.append(Button(t.BTN_CART, "cart"))
    out = {k: v for k, v in data.items() if k != "family"}
    family = ctx.catalog.family_of(p.sku) if p.family_id is not None and not p.image_url else None
    image = p.image_url or (family.image_url if family else None)
    return say(Browse.PRODUCT, {**out, "sku": p.sku}, Reply(text, buttons, image_url=image, numbered=False))


def rating_text(ctx: Ctx, skus: list[str]) -> str:
    """The stars customers gave and the latest comment, or nothing before the first review."""
    rating = ctx.reviews.rating(skus)
    if rating is None:
        return ""
    average = f"{rating.average:.1f}".replace(".", ",")
    text = regulars_texts.PRODUCT_RATING.format(average=average, count=rating.count)
    if rating.comment:
        short = rating.comment if len(rating.comment) <= 160 else rating.comment[:157].rstrip() + "…"
        text += regulars_texts.PRODUCT_RATING_COMMENT.format(comment=short)
    return text


def ask_search(data: dict[str, Any], ctx: Ctx) -> Step:
    """asks what to look for."""
    return say(Browse.SEARCH, data, Reply(fill(t.ASK_SEARCH, ctx.examples), [Button(t.BTN_MENU, "menu")]))


def search(data: dict[str, Any], ctx: Ctx, query: str) -> Step:
    """shows the product that fits the query (the option it names, when it names one), or the
    near-ties to choose from."""
    found = ctx.catalog.find(query)
    if found.best is not None:
        if found.best.option is not None:
            return option_detail(data, ctx, found.best.option.sku, found.best.option)
        return family_page(data, ctx, found.best.family)
    if not found.candidates:
        return not_sold(data, ctx, query)
    buttons = [product_button(h.option if h.option is not None and h.family.has_options else h.family)
               for h in found.candidates] + [Button(t.BTN_MENU, "menu")]
    return say(Browse.HOME, data, Reply(t.SEARCH_RESULTS.format(query=query), buttons))


def asked_name(query: str) -> str:
    """The words of a query that could name a product, as the customer wrote them ("es teh" of
    "ada es teh ga kak?")."""
    kept = [w for w in query.lower().split() if normalize(w) and normalize(w) not in FILLER_WORDS
            and normalize(w) not in CHAT_WORDS and not w.isdigit()]
    return " ".join(kept).strip(" ?!.,") or query.strip()


def not_sold(data: dict[str, Any], ctx: Ctx, query: str) -> Step:
    """says plainly that the shop does not sell it, offering the catalog and the seller (in this
    chat: they may get it, or know it by another name; and their number)."""
    seller = t.NOT_SOLD_SELLER_PHONE.format(phone=ctx.shop.phone) if ctx.shop.phone else ""
    text = t.SEARCH_NONE.format(query=asked_name(query), seller=t.NOT_SOLD_SELLER + seller)
    buttons = [Button(t.BTN_CATALOG, "catalog"), ask_seller.question_button(), Button(t.BTN_MENU, "menu")]
    return say(Browse.HOME, {**data, "asked": query[:500]}, Reply(text, buttons))
