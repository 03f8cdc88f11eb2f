"""Promotions at order time: price the order from the database's truth, claim each promo's
use atomically (total and per-customer limits hold under concurrent orders), record redemptions."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Row
from sqlalchemy.orm import Session

from catalog.model import display_name
from marketing import loyalty
from marketing.promo_admin import to_plain
from marketing.promotions import Line, Priced, Promotion, normal_code, price
from storage import loyalty as loyalty_db
from storage import promo_redemptions as promo_redemptions_db
from storage import promotions as promotions_db
from texts.id import regulars as regulars_texts


class PromoChanged(Exception):
    """The discount is no longer what the customer was shown (limit reached, period over...)."""

    def __init__(self, shown: int | None, now: int):
        super().__init__(f"discount shown {shown}, now {now}")
        self.shown, self.now = shown, now


@dataclass(frozen=True)
class Quote:
    priced: Priced
    offers: dict[int, Promotion]
    shop_id: int = 0
    card: loyalty.Card | None = None  # the customer's stamps, when the shop has a loyalty rule

    @property
    def discount(self) -> int:
        return self.priced.discount


def offers_for(session: Session, shop_id: int, customer_id: int, codes: Sequence[str], now: datetime) -> list[Promotion]:
    """Live promos this customer may still use: automatic ones, those matching `codes`, and the
    loyalty reward they earned."""
    return offers_with(session, shop_id, customer_id, codes, now, loyalty_card(session, shop_id, customer_id))


def offers_with(session: Session, shop_id: int, customer_id: int, codes: Sequence[str], now: datetime,
                card: loyalty.Card | None) -> list[Promotion]:
    promos = [to_plain(r) for r in promotions_db.fetch_offers(session, shop_id, [normal_code(c) for c in codes], now)]
    used = promo_redemptions_db.customer_uses(session, [p.id for p in promos], customer_id)
    reward = loyalty.reward_promotion(card, regulars_texts.REWARD_NAME) if card else None
    return [p for p in promos if p.usable(used.get(p.id, 0))] + ([reward] if reward else [])


def loyalty_card(session: Session, shop_id: int, customer_id: int) -> loyalty.Card | None:
    """The customer's stamps under the shop's rule; None when the shop has none."""
    row = loyalty_db.fetch_rule(session, shop_id)
    if row is None:
        return None
    rule = loyalty.Rule(row.needed, row.reward, row.per_stamp)
    earned = sum(rule.stamps_for(spent) for spent in loyalty_db.completed_spend(session, shop_id, customer_id))
    taken = loyalty_db.taken(session, shop_id, customer_id)
    return loyalty.Card(rule, earned, taken.stamps, taken.count)


def quote(session: Session, shop_id: int, customer_id: int, rows: dict[str, Row], qty: dict[str, int],
          codes: Sequence[str], expected: int | None, now: datetime) -> Quote:
    """Prices the order's lines; raises PromoChanged when it differs from what was shown."""
    lines = [Line(sku, display_name(rows[sku].name, rows[sku].option_label), rows[sku].category or "", rows[sku].price, n)
             for sku, n in qty.items()]
    card = loyalty_card(session, shop_id, customer_id)
    offers = offers_with(session, shop_id, customer_id, codes, now, card)
    priced = price(lines, offers, now, codes)
    if expected is not None and priced.discount != expected:
        raise PromoChanged(expected, priced.discount)
    return Quote(priced, {p.id: p for p in offers}, shop_id, card)


def claim(session: Session, customer_id: int, q: Quote, now: datetime) -> None:
    """Takes one use of every promo in the quote, or raises PromoChanged (the caller's
    savepoint then undoes the uses already taken)."""
    for d in q.priced.discounts:
        if d.promo_id == loyalty.REWARD_ID:  # the reward: the next seq, unique, so one of two racing orders wins
            assert q.card is not None
            if not loyalty_db.redeem(session, q.shop_id, customer_id, q.card.taken + 1, q.card.rule.needed, d.amount, now):
                raise PromoChanged(q.discount, q.discount - d.amount)
            continue
        promo = q.offers[d.promo_id]
        if not promotions_db.take_use(session, promo.id):
            raise PromoChanged(q.discount, 0)
        if promo.max_uses_per_customer is not None:
            # Read after take_use's row lock: concurrent orders on this promo are serialised here.
            if promo_redemptions_db.customer_uses(session, [promo.id], customer_id).get(promo.id, 0) >= promo.max_uses_per_customer:
                raise PromoChanged(q.discount, 0)


def record(session: Session, shop_id: int, customer_id: int, order_id: int, q: Quote, now: datetime) -> None:
    promo_redemptions_db.add_redemptions(session, [
        {"shop_id": shop_id, "promotion_id": d.promo_id, "customer_id": customer_id, "order_id": order_id,
         "amount": d.amount, "created_at": now} for d in q.priced.discounts if d.promo_id != loyalty.REWARD_ID])
    if q.card is not None and any(d.promo_id == loyalty.REWARD_ID for d in q.priced.discounts):
        loyalty_db.attach_order(session, shop_id, customer_id, q.card.taken + 1, order_id)
