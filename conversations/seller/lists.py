"""The seller's help menu, the stock list (low first) and the order lists."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any

from language.money import rupiah
from conversations.base import Button, Reply, Step, Turn
from conversations.choice import Choice
from conversations.examples import fill
from conversations.seller.common import idle, words
from conversations.seller.ports import OrderBrief, SellerCtx, SellerProduct
from language.words import SELLER_HELP
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
    return None


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


def order_line(o: OrderBrief) -> str:
    items = ", ".join(t.ORDER_ITEM.format(qty=qty, name=name) for name, qty in o.items)
    return t.ORDER_LINE.format(code=o.code, name=o.customer_name, total=rupiah(o.total),
                               status=t.STATUS.get(o.status, o.status), items=items)
