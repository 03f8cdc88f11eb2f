"""Recaps for sellers: on demand ("rekap", "rekap kemarin", "rekap minggu ini") and the
text the daily recap job sends, both from the same figures."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from language.money import local_time, rupiah
from conversations.base import Reply, Step, Turn
from conversations.seller.common import idle, words
from conversations.seller.lists import RECAP_BUTTON, day_bounds
from conversations.seller.ports import RecapFigures, SellerCtx
from texts.id import seller as t

HEADS = {"rekap", "rekapan", "rekab", "rekp", "laporan", "lapor", "omzet", "omset", "penjualan", "jualan"}
YESTERDAY = {"kemarin", "kemaren", "kmrn", "kmarin"}
WEEK = {"minggu", "mingguan", "seminggu", "pekan", "sepekan"}
MONTH = {"bulan", "bulanan", "sebulan"}
TODAY = {"hari", "ini", "harian", "sekarang", "skrg", "dong", "kak", "ya", "min", "tolong", "lihat", "cek"}
LOW_SHOWN = 8


def route(state: str, data: dict[str, Any], turn: Turn, ctx: SellerCtx) -> Step | None:
    if RECAP_BUTTON.matches(turn.choice):
        return recap(data, ctx, "today")
    said = "" if turn.choice else words(turn.text)
    parts = said.split()
    if not parts or parts[0] not in HEADS:
        return None
    rest = set(parts[1:])
    for period, named in (("yesterday", YESTERDAY), ("week", WEEK), ("month", MONTH), ("today", set())):
        if (rest & named or not named) and not rest - named - TODAY:
            return recap(data, ctx, period)
    # "rekap bulan lalu", "rekap 2024": a period we cannot give; say which ones we can.
    return idle(data, Reply(t.RECAP_UNKNOWN))


def bounds(ctx: SellerCtx, period: str) -> tuple[datetime, datetime, str]:
    """UTC bounds of a period in the shop's calendar, and how to name it."""
    today, end = day_bounds(ctx)
    if period == "yesterday":
        start, end = day_bounds(ctx, 1)
        return start, end, t.RECAP_YESTERDAY.format(date=day_label(start, ctx.tz))
    if period == "week":
        start = today - timedelta(days=today.weekday())
        return start, end, span_label(t.RECAP_WEEK, start, today, ctx.tz)
    if period == "month":
        start = today.replace(day=1)
        return start, end, span_label(t.RECAP_MONTH, start, today, ctx.tz)
    return today, end, t.RECAP_TODAY.format(date=day_label(today, ctx.tz))


def recap(data: dict[str, Any], ctx: SellerCtx, period: str) -> Step:
    """shows orders, items sold, revenue, unpaid orders and low stock for a period."""
    start, end, label = bounds(ctx, period)
    return idle(data, Reply(render(label, ctx.desk.recap(start, end))))


def day_label(moment: datetime, tz: ZoneInfo) -> str:
    return local_time(moment, tz, "EEEE, d MMM yyyy")


def span_label(template: str, start: datetime, today: datetime, tz: ZoneInfo) -> str:
    """"Senin, 16 Nov – Rabu, 18 Nov"; a span that is only today names the day once."""
    return template.format(start=day_label(start, tz), end=day_label(today, tz)).replace(
        f"{day_label(today, tz)} – {day_label(today, tz)}", day_label(today, tz))


def render(period: str, f: RecapFigures) -> str:
    if f.low_stock:
        shown = ", ".join(f"{name} ({stock})" for name, stock in f.low_stock[:LOW_SHOWN])
        more = f" +{len(f.low_stock) - LOW_SHOWN}" if len(f.low_stock) > LOW_SHOWN else ""
        low = t.RECAP_LOW.format(items=shown + more)
    else:
        low = t.RECAP_LOW_NONE
    if f.open_complaints:
        low += t.RECAP_COMPLAINTS.format(count=f.open_complaints)
    return t.RECAP.format(period=period, orders=f.orders, items=f.items, revenue=rupiah(f.revenue),
                          unpaid_orders=f.unpaid_orders, unpaid_total=rupiah(f.unpaid_total), low=low).rstrip()
