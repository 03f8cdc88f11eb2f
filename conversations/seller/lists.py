"""The seller's help menu, the stock list (low first) and the order lists."""

from __future__ import annotations

import re
from collections import Counter
from datetime import datetime, time, timedelta
from typing import Any

from language.money import local_time, rupiah
from conversations.base import Button, Reply, Step, Turn
from conversations.choice import Choice
from conversations.examples import fill
from conversations.seller.common import idle, words
from conversations.seller.ports import OrderBrief, SellerCtx, SellerProduct
from orders.lifecycle import VOID
from language.words import ACK_WORDS, ADDRESS, QUESTION_WORDS, SELLER_HELP
from texts.id import seller as t
from texts.id import shop_setup as setup_texts

STOCK_LIST = {"stok", "stock", "cek stok", "cek stock", "lihat stok", "daftar stok", "list stok", "stok semua",
              "semua stok", "tampilkan stok", "stok barang", "stok produk", "info stok", "laporan stok", "sisa stok",
              "stok hari ini", "cek semua stok", "stoknya"}
ORDER_LISTS = {
    "today": {"pesanan", "pesanan hari ini", "order hari ini", "orderan hari ini", "orderan", "pesanan masuk",
              "cek pesanan", "lihat pesanan", "daftar pesanan", "order", "orders", "pesanan baru"},
    "unpaid": {"belum bayar", "belum dibayar", "belum lunas", "pesanan belum bayar", "pesanan belum lunas",
               "yang belum bayar", "yg belum bayar", "belum transfer", "tagihan"},
    "to_ship": {"perlu dikirim", "siap kirim", "belum dikirim", "pesanan perlu dikirim", "yang perlu dikirim",
                "yg perlu dikirim", "harus dikirim", "antar", "perlu diantar", "kirim hari ini"},
}
# A question about today's orders ("brp pesanan hari ini", "hari ini ada pesanan apa aja"): an
# order word and "hari ini", with nothing around them but question and chat words, so "kirim
# pesanan hari ini" or "pesanan hari ini belum bayar" stay the commands (or unknowns) they are.
ORDER_WORDS = frozenset({"pesanan", "pesenan", "pesanannya", "orderan", "orderannya", "order", "orders", "psnan"})
TODAY = re.compile(r"\b(?:hari|hr|hri) ini\b|\btoday\b")
AROUND_TODAY = QUESTION_WORDS | ADDRESS | ACK_WORDS | frozenset({
    "ada", "apa", "aja", "saja", "yg", "yang", "masuk", "udah", "sudah", "sdh", "udh", "total", "totalnya", "jumlah",
    "jumlahnya", "semua", "semuanya", "sampai", "sampe", "sekarang", "skrg", "cek", "lihat", "liat", "list", "daftar",
    "sih", "baru", "tadi", "aj", "ad", "brapa", "gmn", "gimana", "mana"})
HELP_BUTTON, STOCK_BUTTON, TODAY_BUTTON, RECAP_BUTTON = (Choice("sl:help"), Choice("sl:stock"), Choice("sl:today"),
                                                          Choice("sl:recap"))
CHOICES = {HELP_BUTTON.pack(): "help", STOCK_BUTTON.pack(): "stock", TODAY_BUTTON.pack(): "today"}
STOCK_SHOWN = 40


def route(state: str, data: dict[str, Any], turn: Turn, ctx: SellerCtx) -> Step | None:
    said = CHOICES.get(turn.choice or "") or ("" if turn.choice else words(turn.text))
    if said in SELLER_HELP:
        return help_(data, ctx)
    if said in STOCK_LIST or said == "stock":
        return stock_list(data, ctx)
    for which, phrases in ORDER_LISTS.items():
        if said in phrases or said == which:
            return order_list(data, ctx, which)
    if asks_todays_orders(said):
        return today_answer(data, ctx)
    return None


def asks_todays_orders(said: str) -> bool:
    """Whether the words ask how many or which orders came in today."""
    rest = re.sub(r"[^\w\s]", " ", TODAY.sub(" ", said)).split()
    return (TODAY.search(said) is not None and any(w in ORDER_WORDS for w in rest)
            and all(w in ORDER_WORDS or w in AROUND_TODAY for w in rest))


def help_(data: dict[str, Any], ctx: SellerCtx) -> Step:
    """shows what a seller can type, with examples."""
    pending = ctx.seller.is_owner and not (ctx.shop.address and ctx.shop.payment_methods)
    text = fill(t.HELP, ctx.examples, shop=ctx.shop.name, staff=t.HELP_STAFF_OWNER if ctx.seller.is_owner else "",
                setup=setup_texts.SETUP_PENDING if pending else "", code=f"{ctx.shop.order_prefix}-0042")
    buttons = [Button(t.BTN_STOCK, STOCK_BUTTON.pack()), Button(t.BTN_TODAY, TODAY_BUTTON.pack()),
               Button(t.BTN_RECAP, RECAP_BUTTON.pack())]
    return idle(data, Reply(text, buttons))


def stock_order(p: SellerProduct) -> tuple[int, int, str]:
    """Empty first, then under the threshold, then the rest; fewest first within each."""
    return (0 if p.stock <= 0 else 1 if p.low else 2, p.stock, p.label)


def stock_list(data: dict[str, Any], ctx: SellerCtx) -> Step:
    """lists every product's stock, the ones running out first."""
    products = sorted(ctx.desk.products(), key=stock_order)
    if not products:
        return idle(data, Reply(t.STOCK_EMPTY_CATALOG))
    lines = [t.STOCK_LIST_HEADER]
    for p in products[:STOCK_SHOWN]:
        mark = "🚫" if p.stock <= 0 else "⚠️" if p.low else "✅"
        hidden = "" if p.visible else t.HIDDEN_MARK
        lines.append(t.STOCK_LINE.format(mark=mark, name=p.label, stock=p.stock, hidden=hidden))
    if len(products) > STOCK_SHOWN:
        lines.append(t.STOCK_MORE.format(count=len(products) - STOCK_SHOWN))
    return idle(data, Reply("\n".join(lines)))


def day_bounds(ctx: SellerCtx, days_back: int = 0) -> tuple[datetime, datetime]:
    """A local calendar day (today, or days_back before) as UTC bounds."""
    day = ctx.now.astimezone(ctx.tz).date() - timedelta(days=days_back)
    start = datetime.combine(day, time(0), tzinfo=ctx.tz)
    return start, start + timedelta(days=1)


def order_list(data: dict[str, Any], ctx: SellerCtx, which: str) -> Step:
    """lists today's orders, the unpaid ones, or the ones waiting to be sent."""
    start, end = day_bounds(ctx)
    orders = ctx.desk.orders(which, start, end)
    if not orders:
        return idle(data, Reply(t.ORDERS_NONE[which]))
    return idle(data, Reply("\n".join([t.ORDERS_HEADER[which]] + [order_line(o) for o in orders])))


def today_answer(data: dict[str, Any], ctx: SellerCtx) -> Step:
    """answers "brp pesanan hari ini": the shop-local day's count, items, money paid and unpaid (the
    recap's figures, cancelled and expired orders left out), how many are in which status, then the
    orders themselves (the newest, as the order list shows them)."""
    start, end = day_bounds(ctx)
    figures, orders = ctx.desk.recap(start, end), ctx.desk.orders("today", start, end)
    if not orders:
        return idle(data, Reply(t.ORDERS_NONE["today"]))
    statuses = Counter(t.STATUS.get(o.status, o.status) for o in orders)
    head = t.TODAY_ANSWER.format(
        date=local_time(start, ctx.tz, "EEEE, d MMM yyyy"), orders=figures.orders, items=figures.items,
        revenue=rupiah(figures.revenue), unpaid_orders=figures.unpaid_orders, unpaid_total=rupiah(figures.unpaid_total),
        statuses=", ".join(t.TODAY_STATUS.format(count=n, status=s) for s, n in statuses.most_common()))
    lines = [head, ""] + [order_line(o) for o in orders]
    if (hidden := figures.orders - sum(o.status not in VOID for o in orders)) > 0:
        lines.append(t.TODAY_MORE.format(count=hidden))
    return idle(data, Reply("\n".join(lines)))


def order_line(o: OrderBrief) -> str:
    items = ", ".join(t.ORDER_ITEM.format(qty=qty, name=name) for name, qty in o.items)
    return t.ORDER_LINE.format(code=o.code, name=o.customer_name, total=rupiah(o.total),
                               status=t.STATUS.get(o.status, o.status), items=items)
