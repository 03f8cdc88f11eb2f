"""Order tracking for customers: their recent orders and what each is waiting for."""

from __future__ import annotations

from typing import Any

from catalog.money import local_time, rupiah
from conversations.base import Button, Ctx, Reply, Step, say
from conversations.browsing import Browse, main_menu
from texts.id import customer as t


def my_orders(data: dict[str, Any], ctx: Ctx) -> Step:
    """lists the customer's recent orders with their status."""
    orders = ctx.orders.recent(ctx.customer.id)
    if not orders:
        return say(Browse.HOME, data, Reply(t.MY_ORDERS_NONE, [Button(t.BTN_CATALOG, "catalog"), Button(t.BTN_MENU, "menu")]))
    lines = [t.MY_ORDERS_HEADER] + [
        t.MY_ORDERS_LINE.format(code=o.code, status=t.STATUS_LABELS.get(o.status, o.status),
                                total=rupiah(o.total), created=local_time(o.created_at, ctx.tz))
        for o in orders
    ]
    return say(Browse.HOME, data, Reply("\n".join(lines), main_menu()))
