"""A customer's loyalty stamps ("poin saya", "stempel saya"): how many, how many to go, and the
reward when it is ready (applied at checkout by the promotion engine, marketing.loyalty)."""

from __future__ import annotations

from typing import Any

from language.money import rupiah
from conversations.base import Button, Ctx, Reply, Step, say
from conversations.customer.browsing import Browse
from marketing.loyalty import describe
from texts.id import customer as customer_texts
from texts.id import regulars as t

BAR_MAX = 20  # wider than this and the row of stamps wraps on a phone


def stamps(data: dict[str, Any], ctx: Ctx) -> Step:
    """shows the customer's stamps under the shop's rule."""
    card = ctx.promos.loyalty(ctx.customer.id)
    menu = [Button(customer_texts.BTN_CATALOG, "catalog"), Button(customer_texts.BTN_MENU, "menu")]
    if card is None:
        return say(Browse.HOME, data, Reply(t.CARD_NONE, menu))
    needed = card.rule.needed
    shown = min(card.balance, needed)
    bar = "🟢" * shown + "⚪" * (needed - shown) if needed <= BAR_MAX else ""
    lines = [t.CARD.format(balance=card.balance, needed=needed, bar=bar, rule=describe(card.rule)).replace("\n\n", "\n")]
    reward = rupiah(card.rule.reward)
    lines.append(t.CARD_READY.format(reward=reward) if card.ready else t.CARD_MISSING.format(missing=card.missing, reward=reward))
    lines.append(t.CARD_HINT)
    return say(Browse.HOME, data, Reply("\n".join(lines), menu))
