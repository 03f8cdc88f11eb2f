"""Order tracking for customers: their recent orders, each with what it is waiting for."""

from __future__ import annotations

from typing import Any

from language.money import local_time, rupiah
from conversations.base import Button, Ctx, Reply, Step, say
from conversations.customer.browsing import Browse
from conversations.customer.order_status import DETAIL, next_step
from texts.id import customer as t
from texts.id import payment as payment_texts


def my_orders(data: dict[str, Any], ctx: Ctx) -> Step:
    """lists the customer's recent orders with their status and next step."""
    orders = ctx.orders.recent(ctx.customer.id)
    if not orders:
        return say(Browse.HOME, data, Reply(t.MY_ORDERS_NONE, [Button(t.BTN_CATALOG, "catalog"), Button(t.BTN_MENU, "menu")]))
    lines = [t.MY_ORDERS_HEADER]
    for o in orders:
        lines.append(t.MY_ORDERS_LINE.format(code=o.code, status=t.STATUS_LABELS.get(o.status, o.status),
                                             total=rupiah(o.total), created=local_time(o.created_at, ctx.tz)))
        lines.append(payment_texts.MY_ORDERS_NEXT.format(next=next_step(o, ctx)))
    lines.append("\n" + payment_texts.MY_ORDERS_PICK.format(code=orders[0].code))
    buttons = [Button(payment_texts.BTN_ORDER.format(code=o.code), DETAIL.pack(o.code)) for o in orders] + [Button(t.BTN_MENU, "menu")]
    return say(Browse.HOME, data, Reply("\n".join(lines), buttons))
