"""What a customer sees and says of products made to order, and of ordering while the shop is
closed: "PO, dikirim 25 Maret" on a product, "po bolu pandan untuk besok" read as an order for
that day (where the product takes orders by day), the day on the summary, and the order taken
for the shop's next opening (or refused, as the shop chose: ShopProfile.outside_hours).
Days are the shop's local ones (orders.making, docs/PREORDERS.md)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from conversations.base import Ctx, Reply, Step
from conversations.customer import cart as cart_flow
from conversations.customer.options import fill_from_text
from conversations.ports import OrderSummary
from language.dates import find_day, show_day
from language.money import local_time
from orders.making import closed_until, local_day
from texts.id import preorders as t

# "po bolu pandan untuk besok", "pesan nastar 2 buat tgl 25 maret", "bolu pandan 1 untuk jumat"
DAY_WORDS = re.compile(r"\b(?:untuk|utk|buat|tanggal|tgl|kirim|dikirim|diantar|hari)\s*$")
WHEN = "EEEE, d MMMM HH.mm zzz"  # "Senin, 23 November 08.00 WIB"
PO_VERB = re.compile(r"^\s*(?:open\s+)?po\b", re.IGNORECASE)


@dataclass(frozen=True)
class NotTaken:
    """Placing the order was refused: a pre-order closed, too soon, two delivery days, or the
    shop is closed and takes no orders now (`when`: its next opening, local)."""

    kind: str  # closed | too_soon | two_days | shop_closed
    name: str = ""
    day: str | None = None
    when: str | None = None


def today(ctx: Ctx) -> str:
    return local_day(ctx.now, ctx.tz)


def dated_order(data: dict[str, Any], ctx: Ctx, text: str) -> Step | None:
    """reads "po bolu pandan untuk besok" as an order for that day; None when no day is named
    after "untuk"/"buat"/"tgl" (or the sentence starts with "po") or no product is ordered."""
    now = date.fromisoformat(today(ctx))
    hit = find_day(text, now)
    if hit is None:
        return None
    day, match = hit
    before = text[:match.start()].lower()
    if not (DAY_WORDS.search(before) or PO_VERB.match(text)) or day <= now:
        return None
    rest = DAY_WORDS.sub("", before).strip() + " " + text[match.end():].strip()
    rest = PO_VERB.sub("pesan", rest.strip(), count=1)
    if not rest.lower().startswith(("pesan", "order", "beli", "mau")):
        rest = "pesan " + rest
    step = fill_from_text(data, ctx, rest)
    if step is None:
        return None
    products = ctx.catalog.by_skus(list(cart_flow.items(step.data)))
    if not any(p.po_days is not None for p in products.values()):
        return step  # no product here takes orders by day: an ordinary order, as before
    step.data = {**step.data, "deliver_on": day.isoformat()}
    step.replies.insert(0, Reply(t.FOR_DAY.format(day=show_day(day, weekday=True))))
    return step


def summary_note(data: dict[str, Any], ctx: Ctx) -> str:
    """The day a dated order is for, and when a closed shop will handle it, for the summary."""
    note = ""
    if data.get("deliver_on"):
        note += "\n" + t.FOR_DAY.format(day=show_day(data["deliver_on"], weekday=True))
    opening = closed_until(ctx.shop.hours(), ctx.now, ctx.tz)
    if opening is not None:
        template = t.CLOSED_REFUSED if ctx.shop.outside_hours == "refuse" else t.CLOSED_TAKEN
        note += "\n\n" + template.format(when=local_time(opening, ctx.tz, WHEN))
    return note


def placed_note(order: OrderSummary, ctx: Ctx) -> str:
    """What the customer is told with the order's code when it waits for the shop to open."""
    if order.handle_at is None:
        return ""
    return "\n\n" + t.CLOSED_TAKEN.format(when=local_time(order.handle_at, ctx.tz, WHEN))


def not_taken(data: dict[str, Any], ctx: Ctx, outcome: NotTaken) -> Step:
    """the order was not placed: why, and the cart as it is."""
    if outcome.kind == "shop_closed":
        text = t.CLOSED_REFUSED.format(when=outcome.when or "-")
    elif outcome.kind == "closed":
        text = t.PO_CLOSED.format(name=outcome.name, day=show_day(outcome.day) if outcome.day else "-")
    elif outcome.kind == "too_soon":
        text = t.PO_TOO_SOON.format(name=outcome.name, day=show_day(outcome.day, weekday=True) if outcome.day else "-")
    else:
        text = t.PO_TWO_DAYS.format(days=", ".join(show_day(d) for d in outcome.name.split(", ") if d))
    return cart_flow.view(data, ctx, note=text)
