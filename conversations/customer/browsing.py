"""Browsing flow: greeting and menu, categories, paged product lists, product detail, search."""

from __future__ import annotations

import math
from enum import StrEnum
from typing import Any

from language.money import rupiah
from catalog.products import ProductInfo
from conversations.base import Button, Ctx, Reply, Step, say
from conversations.choice import Choice, number
from conversations.examples import fill
from texts.id import customer as t

PAGE_SIZE = 8

CATEGORY = Choice("c", number, number, defaults=(0,))  # a category's page: category id, page (from 0)
PRODUCT = Choice("p", str)  # a product page: sku
ADD = Choice("a", str, number)  # put in the cart: sku, quantity
ASK_QTY = Choice("q", str)  # "another quantity": sku


class Browse(StrEnum):
    HOME = "browsing:home"
    PRODUCT = "browsing:product"  # a product page: a bare number is its quantity
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
        name=f" {ctx.customer.name}" if ctx.customer.name else "",
        shop=shop.name,
        tagline=f"{shop.tagline}\n" if shop.tagline else "",
        address=shop.address or "-",
        hours=shop.opening_hours or "-",
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
    return say(Browse.HOME, data, Reply(text, buttons, in_place=True))


def product_button(p: ProductInfo) -> Button:
    return Button(t.BTN_PRODUCT.format(name=p.name, price=rupiah(p.price)), PRODUCT.pack(p.sku))


def product_detail(data: dict[str, Any], ctx: Ctx, sku: str, found: ProductInfo | None = None) -> Step:
    """shows price, stock and description, and waits for a quantity (`found`: read already)."""
    p = found if found is not None and found.sku == sku else ctx.catalog.by_sku(sku)
    if p is None:
        return menu(data, ctx, note=t.PRODUCT_GONE)
    stock = t.STOCK_LEFT.format(stock=p.stock) if p.stock > 0 else t.STOCK_NONE
    text = t.PRODUCT_DETAIL.format(name=p.name, price=rupiah(p.price), stock=stock, description=p.description).rstrip()
    buttons: list[Button] = []
    if p.stock > 0:
        buttons = [Button(t.BTN_ADD.format(qty=n), ADD.pack(p.sku, n)) for n in (1, 2, 3) if n <= p.stock]
        buttons.append(Button(t.BTN_OTHER_QTY, ASK_QTY.pack(p.sku)))
        text += "\n\n" + t.PRODUCT_ASK_QTY
    if p.category_id is not None:
        buttons.append(Button(t.BTN_BACK, CATEGORY.pack(p.category_id, 0)))
    buttons.append(Button(t.BTN_CART, "cart"))
    return say(Browse.PRODUCT, {**data, "sku": p.sku}, Reply(text, buttons, image_url=p.image_url, numbered=False))


def ask_search(data: dict[str, Any], ctx: Ctx) -> Step:
    """asks what to look for."""
    return say(Browse.SEARCH, data, Reply(fill(t.ASK_SEARCH, ctx.examples), [Button(t.BTN_MENU, "menu")]))


def search(data: dict[str, Any], ctx: Ctx, query: str) -> Step:
    """shows the product that fits the query, or the near-ties to choose from."""
    best, candidates = ctx.catalog.resolve(query)
    if best is not None:
        return product_detail(data, ctx, best.sku, best)
    if not candidates:
        return say(Browse.HOME, data, Reply(t.SEARCH_NONE.format(query=query), [Button(t.BTN_CATALOG, "catalog"), Button(t.BTN_MENU, "menu")]))
    buttons = [product_button(p) for p in candidates] + [Button(t.BTN_MENU, "menu")]
    return say(Browse.HOME, data, Reply(t.SEARCH_RESULTS.format(query=query), buttons))
