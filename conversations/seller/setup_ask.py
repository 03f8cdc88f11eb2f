"""The setup's questions (conversations.seller.setup): each state's prompt with the setting as it
stands and its buttons. Asked during the setup with "Langkah n dari 6", and alone for a change
later."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from conversations.base import Button, Reply, Step
from conversations.choice import Choice
from conversations.seller import shop_view as view
from shops.profile import ShopProfile
from texts.id import shop_setup as t

STEPS = ("name", "address", "hours", "payment", "delivery", "products")


class SellerSetup(StrEnum):
    NAME = "seller_setup:name"
    ADDRESS = "seller_setup:address"
    HOURS = "seller_setup:hours"
    PAYMENT = "seller_setup:payment"  # the menu of payment methods
    BANK = "seller_setup:bank"  # waiting for the bank account
    QRIS = "seller_setup:qris"  # waiting for the QRIS picture
    DELIVERY = "seller_setup:delivery"  # pickup and delivery areas
    ZONES = "seller_setup:zones"  # waiting for areas and fees
    PRODUCTS = "seller_setup:products"


SETUP_STATES = frozenset(SellerSetup)


# The setup's buttons, one choice each (the answers in conversations.seller.setup read them).
CHOICES = {name: Choice(f"su:{name}") for name in ("skip", "pause", "next", "ok", "bank", "qris", "cod", "pickup",
                                                     "zones", "done")}


def _b(label: str, name: str) -> Button:
    return Button(label, CHOICES[name].pack())


def menu_buttons(state: str, shop: ShopProfile, data: dict[str, Any]) -> list[Button]:
    skip, pause = _b(t.BTN_SKIP, "skip"), _b(t.BTN_PAUSE, "pause")
    if state == SellerSetup.NAME:
        return [_b(t.BTN_CORRECT, "ok"), skip, pause]
    if state == SellerSetup.PAYMENT:
        cod = any(m.kind == "cod" for m in shop.payment_methods)
        return [_b(t.BTN_BANK, "bank"), _b(t.BTN_QRIS, "qris"), _b(t.BTN_COD_OFF if cod else t.BTN_COD_ON, "cod"),
                _b(t.BTN_NEXT, "next"), pause]
    if state == SellerSetup.DELIVERY:
        return [_b(t.BTN_PICKUP_OFF if shop.pickup else t.BTN_PICKUP_ON, "pickup"), _b(t.BTN_ZONES, "zones"),
                _b(t.BTN_NEXT, "next"), pause]
    if state == SellerSetup.PRODUCTS:
        return [_b(t.BTN_DONE, "done"), pause]
    return [skip, pause]


def prompt(state: str, shop: ShopProfile) -> str:
    current = ""
    if state == SellerSetup.NAME:
        return t.ASK_NAME.format(name=shop.name)
    if state == SellerSetup.ADDRESS:
        current = t.CURRENT.format(value=shop.address) if shop.address else ""
        return t.ASK_ADDRESS.format(current=current)
    if state == SellerSetup.HOURS:
        current = t.CURRENT.format(value=shop.opening_hours) if shop.opening_hours else ""
        return t.ASK_HOURS.format(current=current)
    if state == SellerSetup.PAYMENT:
        return t.ASK_PAYMENT.format(current=view.payment_lines(shop))
    if state == SellerSetup.DELIVERY:
        return t.ASK_DELIVERY.format(current=view.delivery_lines(shop))
    if state == SellerSetup.PRODUCTS:
        return t.ASK_PRODUCTS.format(example=t.PRODUCT_EXAMPLE)
    return {SellerSetup.BANK: t.ASK_BANK, SellerSetup.QRIS: t.ASK_QRIS, SellerSetup.ZONES: t.ASK_ZONES}[state]


def ask(state: str, shop: ShopProfile, data: dict[str, Any], note: str | None = None) -> Step:
    """the question of `state` (with its step number during the setup, after an optional note)."""
    key = state.split(":", 1)[1]
    header = t.STEP.format(n=STEPS.index(key) + 1, title=t.TITLE[key]) if key in STEPS and not data.get("editing") \
        else ""
    text = header + prompt(state, shop)
    if note:
        text = f"{note}\n\n{text}"
    return Step(state, data, [Reply(text, menu_buttons(state, shop, data))])
