"""Products made to order (home kitchens): which shop-local day an order's goods are made for,
what a quota or a pre-order leaves to order on that day, and whether a pre-order is open.

Days are shop-local ISO dates ("2027-03-25"): a quota resets at the shop's midnight, "habis
hari ini" lasts until it, a pre-order window closes at the end of its last day. Nothing here
reads the database or the clock: callers pass `now` and the shop's time zone.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from shops.hours import WeeklyHours

# What a made-to-order product without a quota shows as its stock: enough for any one order
# (cart quantities are capped far below it), never shown as a number (the product says "PO").
UNLIMITED = 999


def local_day(moment: datetime, tz: ZoneInfo) -> str:
    return moment.astimezone(tz).date().isoformat()


def day_after(day: str, days: int = 1) -> str:
    return (date.fromisoformat(day) + timedelta(days=days)).isoformat()


def closed_until(hours: WeeklyHours | None, now: datetime, tz: ZoneInfo) -> datetime | None:
    """When a shop that is closed now opens next (UTC); None while open, or when its hours
    could not be read (then nothing is claimed) or it never opens."""
    if hours is None:
        return None
    local = now.astimezone(tz)
    if hours.is_open(local):
        return None
    opening = hours.next_opening(local)
    return opening.astimezone(timezone.utc) if opening is not None else None


class ShopClosed(Exception):
    """The shop takes no orders while closed (ShopProfile.outside_hours = "refuse")."""

    def __init__(self, opening: datetime):
        super().__init__(opening.isoformat())
        self.opening = opening


class PreorderProblem(Exception):
    """Why an order of pre-order products cannot be taken for the day asked."""

    def __init__(self, kind: str, name: str, day: str | None = None):
        super().__init__(f"{kind}: {name} {day or ''}")
        self.kind, self.name, self.day = kind, name, day


@dataclass(frozen=True)
class Made:
    """What making needs to know of one product (a ProductInfo or a products row fits)."""

    name: str
    daily_quota: int | None
    sold_out_on: str | None
    po_closes: str | None
    po_delivery: str | None
    po_days: int | None


def made_of(row: object) -> Made:
    return Made(getattr(row, "name"), getattr(row, "daily_quota", None), getattr(row, "sold_out_on", None),
                getattr(row, "po_closes", None), getattr(row, "po_delivery", None), getattr(row, "po_days", None))


def delivery_day(products: Iterable[object], today: str, asked: str | None) -> str | None:
    """The day an order of these products is delivered (None: the usual way, today's batch).

    A pre-order with a window is delivered on its day, and only while the window is open; one
    with days ahead on the day the customer asked (at least that many days ahead), else the
    first such day. Products of two different pre-order days go in separate orders."""
    fixed: set[str] = set()
    earliest = None
    for row in products:
        m = made_of(row)
        if m.po_delivery is not None:
            if m.po_closes is not None and today > m.po_closes:
                raise PreorderProblem("closed", m.name, m.po_closes)
            fixed.add(m.po_delivery)
        elif m.po_days is not None:
            first = day_after(today, m.po_days)
            if asked is not None and asked < first:
                raise PreorderProblem("too_soon", m.name, first)
            earliest = max(earliest or first, first)
    if len(fixed) > 1:
        raise PreorderProblem("two_days", ", ".join(sorted(fixed)))
    if fixed:
        day = fixed.pop()
        if earliest is not None and day < earliest:
            raise PreorderProblem("too_soon", "", earliest)
        return day
    if earliest is not None:
        return asked or earliest
    if asked is not None and asked > today:
        return asked  # an ordinary product asked for a later day ("untuk besok") is made then
    return None


def available(row: object, stock: int, today: str, sold: Mapping[tuple[int, str], int]) -> int:
    """What a customer can still order of a product today (for its display day): nothing when
    sold out that day or its pre-order window has closed, the quota's rest for a quota product,
    plenty for a pre-order, else its stock."""
    m = made_of(row)
    day = display_day(row, today)
    if m.sold_out_on == day or (m.po_closes is not None and today > m.po_closes):
        return 0
    if m.daily_quota is not None:
        return max(m.daily_quota - sold.get((getattr(row, "id"), day), 0), 0)
    if m.po_delivery is not None or m.po_days is not None:
        return UNLIMITED
    return stock


def display_day(row: object, today: str) -> str:
    """The day whose quota a customer is shown: a pre-order's delivery day, the first day a
    days-ahead pre-order can be made, else today."""
    m = made_of(row)
    if m.po_delivery is not None:
        return m.po_delivery
    if m.po_days is not None:
        return day_after(today, m.po_days)
    return today
