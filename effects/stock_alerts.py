"""Low-stock alerts for sellers: when stock crosses a product's threshold or runs out,
after an order or a seller's change."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy.orm import Session

from catalog.model import display_name
from conversations.base import Reply
from conversations.seller.common import short_name
from effects.notices import to_sellers
from effects.outbox import Outbound
from storage import products as products_db
from texts.id import seller as t


def crossing(before: int, after: int, threshold: int) -> str | None:
    """"sold_out" or "low" when this change took the stock there; None when it was there already."""
    if after <= 0 < before:
        return "sold_out"
    if after <= threshold < before:
        return "low"
    return None


def alert_text(kind: str, name: str, stock: int, threshold: int, option: str | None = None) -> str:
    template = t.SOLD_OUT_ALERT if kind == "sold_out" else t.LOW_STOCK_ALERT
    short = f"{short_name(name)} {option.lower()}" if option else short_name(name)
    return template.format(name=display_name(name, option), stock=stock, threshold=threshold, short=short)


def stock_alerts(session: Session, shop_id: int, taken: dict[int, int],
                 except_seller: int | None = None) -> list[Outbound]:
    """Alerts for products whose stock just fell by `taken[product_id]` units."""
    if not taken:
        return []
    texts = []
    for row in products_db.fetch_seller_products(session, shop_id, list(taken)):
        kind = crossing(row.stock + taken[row.id], row.stock, row.low_stock_threshold)
        if kind:
            texts.append(alert_text(kind, row.name, row.stock, row.low_stock_threshold, row.option_label))
    if not texts:
        return []
    return [out for text in texts for out in to_sellers(session, shop_id, Reply(text), except_seller=except_seller)]


def order_taken(items: Iterable[tuple[int, int]]) -> dict[int, int]:
    """Units taken per product by an order's (product_id, qty) lines."""
    taken: dict[int, int] = {}
    for product_id, qty in items:
        taken[product_id] = taken.get(product_id, 0) + qty
    return taken
