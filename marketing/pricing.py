"""Promotions at order time: price the order from the database's truth, claim each promo's
use atomically (total and per-customer limits hold under concurrent orders), record redemptions."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Row
from sqlalchemy.orm import Session

from catalog.model import display_name
from marketing.promo_admin import to_plain
from marketing.promotions import Line, Priced, Promotion, normal_code, price
from storage import promo_redemptions as promo_redemptions_db
from storage import promotions as promotions_db


class PromoChanged(Exception):
    """The discount is no longer what the customer was shown (limit reached, period over...)."""

    def __init__(self, shown: int | None, now: int):
        super().__init__(f"discount shown {shown}, now {now}")
        self.shown, self.now = shown, now


@dataclass(frozen=True)
class Quote:
    priced: Priced
    offers: dict[int, Promotion]

    @property
    def discount(self) -> int:
        return self.priced.discount


def offers_for(session: Session, shop_id: int, customer_id: int, codes: Sequence[str], now: datetime) -> list[Promotion]:
    """Live promos this customer may still use: automatic ones and those matching `codes`."""
    promos = [to_plain(r) for r in promotions_db.fetch_offers(session, shop_id, [normal_code(c) for c in codes], now)]
    used = promo_redemptions_db.customer_uses(session, [p.id for p in promos], customer_id)
    return [p for p in promos if p.usable(used.get(p.id, 0))]


def quote(session: Session, shop_id: int, customer_id: int, rows: dict[str, Row], qty: dict[str, int],
          codes: Sequence[str], expected: int | None, now: datetime) -> Quote:
    """Prices the order's lines; raises PromoChanged when it differs from what was shown."""
    lines = [Line(sku, display_name(rows[sku].name, rows[sku].option_label), rows[sku].category or "", rows[sku].price, n)
             for sku, n in qty.items()]
    offers = offers_for(session, shop_id, customer_id, codes, now)
    priced = price(lines, offers, now, codes)
    if expected is not None and priced.discount != expected:
        raise PromoChanged(expected, priced.discount)
    return Quote(priced, {p.id: p for p in offers})


def claim(session: Session, customer_id: int, q: Quote) -> None:
    """Takes one use of every promo in the quote, or raises PromoChanged (the caller's
    savepoint then undoes the uses already taken)."""
    for d in q.priced.discounts:
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
         "amount": d.amount, "created_at": now} for d in q.priced.discounts])
