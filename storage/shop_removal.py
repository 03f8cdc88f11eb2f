"""Removing a shop with everything that belongs to it: every table that carries `shop_id`,
children before parents (the models' foreign keys give the order), then the shop row. Found
from the metadata, so a table added later is removed with the rest without anyone listing it."""

from __future__ import annotations

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

import storage.ledger_models  # noqa: F401  (their tables join the metadata)
import storage.person_models  # noqa: F401
import storage.promo_models  # noqa: F401
import storage.kitchen_models  # noqa: F401
import storage.regular_models  # noqa: F401
from storage import change_counters
from storage.models import Base, Order, Shop


def count_orders(session: Session, shop_id: int) -> int:
    return session.execute(select(func.count()).select_from(Order).where(Order.shop_id == shop_id)).scalar_one()


def count_ledger_entries(session: Session, shop_id: int) -> int:
    table = Base.metadata.tables.get("ledger_entries")
    if table is None:
        return 0
    return session.execute(select(func.count()).select_from(table).where(table.c.shop_id == shop_id)).scalar_one()


def remove_shop(session: Session, shop_id: int) -> dict[str, int]:
    """Deletes the shop's rows from every table (the caller has checked it may); returns rows per table."""
    removed: dict[str, int] = {}
    for table in reversed(Base.metadata.sorted_tables):
        if "shop_id" in table.c:
            count = session.execute(delete(table).where(table.c.shop_id == shop_id)).rowcount
            if count:
                removed[table.name] = count
    session.execute(delete(Shop).where(Shop.id == shop_id).execution_options(synchronize_session=False))
    if removed.get("shop_channels"):  # its bot or number stops being served by the running servers
        change_counters.bump(session, change_counters.SHOP_CHANNELS)
    return removed
