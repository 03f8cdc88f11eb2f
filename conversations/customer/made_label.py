"""How a product made to order shows in place of its stock: "PO, dikirim Kamis, 25 Maret",
"Sisa hari ini: 3", "Habis hari ini, besok ada lagi" (orders.making, docs/PREORDERS.md)."""

from __future__ import annotations

from catalog.model import ProductInfo
from conversations.base import Ctx
from language.dates import show_day
from orders.making import local_day
from texts.id import preorders as t


def stock_line(p: ProductInfo, ctx: Ctx) -> str | None:
    """A made-to-order product's line in place of its stock; None for an ordinary product."""
    day = local_day(ctx.now, ctx.tz)
    if p.sold_out_on == day:
        return t.SOLD_OUT_TODAY_LABEL
    if p.po_delivery is not None:
        if p.po_closes is not None and day > p.po_closes:
            return t.PO_CLOSED.format(name=p.label, day=show_day(p.po_closes))
        return t.PO_LABEL.format(day=show_day(p.po_delivery))
    if p.po_days is not None:
        return t.PO_DAYS_LABEL.format(days=p.po_days)
    if p.daily_quota is not None:
        return t.QUOTA_LEFT.format(left=p.stock) if p.stock > 0 else t.SOLD_OUT_TODAY_LABEL
    return None
