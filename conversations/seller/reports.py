"""Reports and charts by chat: "laporan bulan ini", "laporan Oktober", "rekap bulan lalu",
"laba rugi" send the month's PDF report as a document (and the month's sales chart);
"grafik penjualan", "grafik minggu ini" send the chart as a picture with the best day named.

The flow is pure and runs inside the message's transaction, so it does not draw anything: each
reply carries an Attachment naming what to make (the report's month; the chart's days and
figures, read here so the caption and the picture agree), and the delivery makes the file after
commit, off the event loop (bot.attachments). "rekap bulan ini" stays the short text recap.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from babel.dates import format_date

from books import periods
from books.chart import caption
from books.periods import Period
from conversations.base import Attachment, Reply, Step, Turn
from conversations.seller.common import idle, words
from conversations.seller.ports import SellerCtx
from language.money import LOCALE
from texts.id import money as t

MONTHS = {"januari": 1, "jan": 1, "februari": 2, "feb": 2, "pebruari": 2, "maret": 3, "mar": 3, "april": 4, "apr": 4,
          "mei": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "agustus": 8, "agu": 8, "agt": 8, "agus": 8,
          "september": 9, "sep": 9, "sept": 9, "oktober": 10, "okt": 10, "november": 11, "nov": 11, "nopember": 11,
          "desember": 12, "des": 12}
REPORT_HEADS = {"laporan", "lapkeu", "lap", "pembukuan", "laporannya"}  # "pembukuan" alone: the money list
RECAP_HEADS = {"rekap", "rekapan"}  # a month's report only with a month named: "rekap bulan ini" is the text recap
CHART_HEADS = {"grafik", "grafis", "chart", "diagram"}
PROFIT_LOSS = ("laba rugi", "labarugi", "untung rugi", "laporan laba rugi", "laporan keuangan", "laporan untung rugi")
# Words that may stand around the period without changing what is asked.
FILLER = {"keuangan", "penjualan", "jualan", "omzet", "omset", "toko", "dong", "kak", "ya", "min", "tolong", "kirim",
          "minta", "lihat", "cek", "pdf", "saya", "ku", "nya", "bulanan", "untuk", "utk", "yang", "harian", "per", "hari"}
MONTH_WORD = {"bln": "bulan", "bl": "bulan", "bulanan": "bulan"}
LAST = {"lalu", "kemarin", "kemaren", "kmrn", "sebelumnya"}
THIS = {"ini", "ni", "sekarang", "skrg", "skrng"}
WEEK = {"minggu", "seminggu", "pekan", "sepekan", "mingguan"}


def route(state: str, data: dict[str, Any], turn: Turn, ctx: SellerCtx) -> Step | None:
    if turn.choice or turn.media:
        return None
    said = words(turn.text).replace("-", " ")
    parts = [MONTH_WORD.get(w, w) for w in said.split()]  # "laporan bln ini"
    said = " ".join(parts)
    if not parts:
        return None
    profit_loss = next((p for p in PROFIT_LOSS if said == p or said.startswith(p + " ")), None)
    if profit_loss is not None:
        what, rest = "report", said[len(profit_loss):].split()
    elif parts[0] in CHART_HEADS:
        what, rest = "chart", parts[1:]
    elif parts[0] in REPORT_HEADS | RECAP_HEADS:
        what, rest = "report", parts[1:]
    else:
        return None
    if what == "report" and profit_loss is None and "bulan" not in rest and not set(rest) & set(MONTHS):
        return None  # "laporan", "laporan hari ini": the text recap (conversations.seller.recap)
    period = read_period(rest, what, ctx)
    if period is None:
        return None
    if parts[0] in RECAP_HEADS and profit_loss is None and not _names_another_month(rest):
        return None  # "rekap", "rekap bulan ini": the text recap (conversations.seller.recap)
    if isinstance(period, str):
        return idle(data, Reply(period))
    return chart(data, ctx, period) if what == "chart" else report(data, ctx, period)


def _names_another_month(rest: list[str]) -> bool:
    return bool(set(rest) & set(MONTHS)) or ("bulan" in rest and bool(set(rest) & LAST))


def read_period(rest: list[str], what: str, ctx: SellerCtx) -> Period | str | None:
    """The period the words name (a Period), a refusal to say (str), or None when the words are
    something else ("laporan broadcast")."""
    rest = [w for w in rest if w not in FILLER]
    month = next((MONTHS[w] for w in rest if w in MONTHS), None)
    years = [int(w) for w in rest if w.isdigit() and len(w) == 4]
    known = FILLER | LAST | THIS | WEEK | set(MONTHS) | {"bulan", "7", "tujuh", "tahun"} | {str(y) for y in years}
    if any(w not in known for w in rest):
        return None
    now_month = periods.this_month(ctx.now, ctx.tz)
    if month is not None:
        year = years[0] if years else now_month.first_day.year - (month > now_month.first_day.month)
        if year < 2000:
            return t.REPORT_TOO_OLD
        period = periods.month(year, month, ctx.tz)
        if period.first_day > now_month.first_day:
            return t.REPORT_FUTURE.format(period=month_name(period))
        return period
    if set(rest) & LAST:  # "bulan lalu"; "kemarin" alone is yesterday's text recap
        return periods.last_month(ctx.now, ctx.tz) if "bulan" in rest else None
    if what == "chart" and set(rest) & (WEEK | {"7", "tujuh"}):
        return periods.last_days(ctx.now, ctx.tz, 7)
    if what == "report" and set(rest) & WEEK:
        return None  # a week's figures are the text recap ("rekap minggu ini")
    return now_month


def month_name(period: Period) -> str:
    return format_date(period.first_day, "MMMM yyyy", locale=LOCALE)


def label(period: Period, ctx: SellerCtx) -> str:
    if not period.is_month():
        return t.PERIOD_WEEK
    if period == periods.this_month(ctx.now, ctx.tz):
        return t.PERIOD_THIS_MONTH.format(month=month_name(period))
    if period == periods.last_month(ctx.now, ctx.tz):
        return t.PERIOD_LAST_MONTH.format(month=month_name(period))
    return month_name(period)


def to_date(period: Period, ctx: SellerCtx) -> Period:
    """The days of the period up to today: a chart of this month stops today."""
    today = ctx.now.astimezone(ctx.tz).date()
    return Period(period.first_day, min(period.last_day, today), period.tz)


def report(data: dict[str, Any], ctx: SellerCtx, period: Period) -> Step:
    """the month's report as a PDF document, and its sales chart as a picture."""
    first = period.first_day
    document = Attachment("document", t.REPORT_FILE.format(month=f"{first:%Y-%m}"), "application/pdf",
                          {"what": "report", "month": f"{first:%Y-%m}", "tz": ctx.tz.key, "shop": ctx.shop.name})
    text = t.REPORT_CAPTION.format(shop=ctx.shop.name, period=label(period, ctx))
    return idle(data, Reply(text, attachment=document), chart_reply(ctx, period))


def chart(data: dict[str, Any], ctx: SellerCtx, period: Period) -> Step:
    """the sales chart of the period as a picture, the best day named in the caption."""
    return idle(data, chart_reply(ctx, period))


def chart_reply(ctx: SellerCtx, period: Period) -> Reply:
    shown = to_date(period, ctx)
    days = ctx.desk.daily_sales(shown)
    period_label = label(period, ctx)
    text, _best = caption(days, period_label)
    picture = Attachment("image", t.CHART_FILE.format(first=f"{shown.first_day:%Y%m%d}", last=f"{shown.last_day:%Y%m%d}"),
                         "image/png", {"what": "chart", "label": period_label, "shop": ctx.shop.name,
                                       "days": [[d.isoformat(), amount] for d, amount in days]})
    return Reply(text, attachment=picture)


def chart_days(render: dict[str, Any]) -> list[tuple[date, int]]:
    """The days a chart's Attachment carries, back as (date, amount)."""
    return [(date.fromisoformat(d), int(a)) for d, a in render.get("days", [])]

