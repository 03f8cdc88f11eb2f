"""What `kedai shop list` shows of each shop: its channels, products, open orders and this
month's sales (omzet as docs/BOOKS.md defines it, in the shop's own time zone)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from books import periods
from books.figures import omzet
from language.money import rupiah
from shops import loader as shop_loader
from storage import shops as shops_db
from storage.models import Order, Product, utcnow

OPEN = ("pending_payment", "paid", "processing", "shipped")


def summaries(session: Session, now: datetime | None = None) -> list[dict[str, Any]]:
    now = now or utcnow()
    default = shops_db.fetch_first_shop(session)
    rows = []
    for shop in shops_db.fetch_shops(session):
        record = shop_loader.of(shop)
        month = periods.this_month(now, record.tz)
        shown = func.coalesce(func.sum(case((Product.visible.is_(True), 1), else_=0)), 0)
        products = session.execute(select(func.count(), shown).where(Product.shop_id == shop.id)).one()
        open_orders = session.execute(select(func.count()).select_from(Order).where(
            Order.shop_id == shop.id, Order.status.in_(OPEN))).scalar_one()
        sales = omzet(session, shop.id, month.start, month.end)
        rows.append({"slug": shop.slug, "name": shop.name, "archived": shop.archived_at is not None,
                     "default": default is not None and default.id == shop.id,
                     "order_prefix": record.profile.order_prefix,
                     "channels": [{"channel": link.channel, "account": link.account}
                                  for link in shops_db.fetch_links(session, shop.id)],
                     "products": int(products[0]), "visible_products": int(products[1]), "open_orders": open_orders,
                     "sales_this_month": sales, "sales_this_month_text": rupiah(sales)})
    return rows
