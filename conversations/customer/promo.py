"""Promotions as a customer meets them: opting out of promo messages (and back in), the answer
to the consent question (conversations.customer.consent), promo codes typed or carried by a
/start link.

`route` runs before everything else in the customer's routing: opt-out words work in any
state and take effect at once. It returns None for anything that is not about promos.
"""

from __future__ import annotations

import re
from typing import Any

from marketing.promotions import normal_code
from conversations.customer import checkout
from conversations.base import Ctx, Reply, Step, Turn, say
from conversations.examples import fill
from conversations.customer.browsing import Browse, main_menu
from conversations.customer.checkout import Checkout
from conversations.customer import consent
from conversations.customer.consent import SetPromoConsent
from conversations.customer.promo_cart import code_from_payload
from marketing.wording import describe
from language.words import START_PROMOS, STOP
from texts.id import promo as t

CODE_TYPED = re.compile(r"^(?:pakai\s+|pake\s+)?(?:kode(?:\s+promo)?|voucher|kupon|promo)\s+([a-z0-9_-]{3,32})$")


def route(state: str, data: dict[str, Any], turn: Turn, ctx: Ctx) -> Step | None:
    if (answered := consent.pressed(data, turn, ctx)) is not None:
        return answered
    code = code_from_payload(turn.start_payload)
    if code and code != data.get("promo_code") and ctx.promos.by_code(code):
        step = use_code(state, data, ctx, code, t.CODE_FROM_LINK)
        return say(Browse.HOME, step.data, *step.replies, Reply(fill(t.MENU_AFTER_CODE, ctx.examples), main_menu())) if state != Checkout.CONFIRM else step
    if turn.choice:
        return None
    words = " ".join(turn.text.lower().split()).strip(" !?.")
    if words in STOP:
        return say(state, data, Reply(t.OPTED_OUT.format(shop=ctx.shop.name)), effects=[SetPromoConsent(False)])
    if words in START_PROMOS:
        return say(state, data, Reply(t.OPTED_IN.format(shop=ctx.shop.name)), effects=[SetPromoConsent(True)])
    if (answered := consent.typed(state, data, words, ctx)) is not None:
        return answered
    if match := CODE_TYPED.match(words):
        return use_code(state, data, ctx, match.group(1), t.CODE_APPLIED)
    return None


def use_code(state: str, data: dict[str, Any], ctx: Ctx, typed: str, text: str) -> Step:
    """keeps a valid code for checkout (one code at a time) and says what it gives."""
    code = normal_code(typed)
    promo = ctx.promos.by_code(code)
    if promo is None or not promo.live(ctx.now):
        return say(state, data, Reply(t.CODE_UNKNOWN.format(code=code)))
    if all(p.id != promo.id for p in ctx.promos.offers(ctx.customer.id, [code])):
        return say(state, data, Reply(t.CODE_USED_UP.format(code=code)))
    data = {**data, "promo_code": code}
    note = text.format(code=code, desc=describe(promo, ctx.catalog))
    if state == Checkout.CONFIRM:
        step = checkout.summary(data, ctx)
        step.replies[0].text = note + "\n\n" + step.replies[0].text
        return step
    return say(state, data, Reply(note))


def on_first_contact(step: Step, turn: Turn, ctx: Ctx) -> Step:
    """tells a newcomer who came through a promo link that the code is already on."""
    code = code_from_payload(turn.start_payload)
    promo = ctx.promos.by_code(code) if code else None
    if promo is None or not promo.live(ctx.now):
        return step
    note = Reply(t.CODE_FROM_LINK.format(code=promo.code, desc=describe(promo, ctx.catalog)))
    return Step(step.state, {**step.data, "promo_code": promo.code}, step.replies + [note], step.effects)
