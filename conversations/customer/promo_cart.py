"""The cart's promotions as checkout shows them: which codes the customer gave, what they
save line by line, and why a given code does not apply."""

from __future__ import annotations

from typing import Any

from language.money import rupiah
from marketing.promotions import Line, Priced, normal_code, price
from conversations.customer import cart as cart_flow
from conversations.base import Ctx
from texts.id import promo as t

START_PREFIXES = ("promo_", "promo-", "kode_", "kode-")


def code_from_payload(payload: str | None) -> str | None:
    """A /start deep-link payload as a promo code: "promo_HEMAT10" (or just "HEMAT10")."""
    if not payload:
        return None
    lowered = payload.lower()
    for prefix in START_PREFIXES:
        if lowered.startswith(prefix):
            return normal_code(payload[len(prefix):]) or None
    return normal_code(payload)


def codes(data: dict[str, Any]) -> list[str]:
    """The code the customer typed, else the one their first /start link carried."""
    code = data.get("promo_code") or code_from_payload(data.get("start_payload"))
    return [code] if code else []


def price_cart(data: dict[str, Any], ctx: Ctx) -> Priced:
    cart = cart_flow.items(data)
    products = ctx.catalog.by_skus(list(cart))
    lines = [Line(s, products[s].name, products[s].category, products[s].price, q) for s, q in cart.items() if s in products]
    given = codes(data)
    return price(lines, ctx.promos.offers(ctx.customer.id, given), ctx.now, given)


def discount_text(priced: Priced) -> str:
    """One line per discount, then a hint for each given code that saves nothing."""
    out = [(t.SUMMARY_BUNDLE if d.times > 1 else t.SUMMARY_DISCOUNT).format(
        name=d.name + (f" ({d.code})" if d.code and d.code != d.name else ""), times=d.times, amount=rupiah(d.amount)) for d in priced.discounts]
    for promo, why in priced.unmet:
        gap = max(promo.min_subtotal - priced.subtotal, 0)
        out.append(t.UNMET[why].format(code=promo.code, min=rupiah(promo.min_subtotal), gap=rupiah(gap)))
    return "".join(out)


def forget_code(data: dict[str, Any]) -> dict[str, Any]:
    """After an order the code is spent: the next order starts without one."""
    return {k: v for k, v in data.items() if k not in ("promo_code", "start_payload")}
