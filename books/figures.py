"""The figures of a report for one period, computed from the ledger (and orders for counts).

Every figure follows docs/BOOKS.md; the names below are the ones used there. All money is
whole Rupiah. Nothing here formats or words anything: the renderers do.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy.orm import Session

from books.accounts import CASH_SIGN, OPERATING_EXPENSES, Category, Kind
from books.periods import Period
from storage import ledger as lg

CHANNELS = ("whatsapp", "telegram")  # every other channel (the simulator, ...) is shown as "lainnya"
OTHER_CHANNEL = "other"


@dataclass(frozen=True)
class ProfitLoss:
    goods: int  # penjualan barang, counted when paid
    discount: int  # diskon given on those sales (a positive number, subtracted)
    refunds: int  # goods less discount of paid orders cancelled in the period (positive, subtracted)
    net_sales: int  # omzet = goods - discount - refunds
    delivery: int  # ongkos kirim received
    unique_code: int  # the transfer codes received
    other_income: int
    revenue: int  # pendapatan = net_sales + delivery + unique_code + other_income
    cogs: int  # HPP: bahan baku bought in the period
    gross_profit: int  # revenue - cogs
    expenses: dict[str, int]  # beban by category, in OPERATING_EXPENSES order
    total_expenses: int
    net_profit: int  # laba (rugi) = gross_profit - total_expenses


@dataclass(frozen=True)
class CashFlow:
    opening: int  # kas & bank at the start of the period
    from_sales: int  # money received for orders paid in the period
    other_income: int
    capital_in: int
    refunds: int  # money returned for cancelled paid orders
    raw_materials: int
    expenses: dict[str, int]  # by category, OPERATING_EXPENSES order
    drawings: int
    total_in: int
    total_out: int
    closing: int  # opening + total_in - total_out


@dataclass(frozen=True)
class Position:
    cash: int  # kas & bank at the end of the period
    receivables: int  # piutang: orders placed and not paid by the end
    receivable_orders: int
    stock_at_cost: int | None  # today's stock at cost, over products with a cost; None: no product has one
    products_without_cost: int  # products in stock whose cost is unknown
    capital: int  # modal disetor, all time to the end
    drawings: int  # prive, all time to the end
    retained_profit: int  # laba (rugi) all time to the end
    owner_equity: int  # capital - drawings + retained_profit (= cash: sales count when paid)


@dataclass(frozen=True)
class ChannelSales:
    channel: str  # whatsapp, telegram, other
    orders: int  # orders paid in the period
    net_sales: int


@dataclass(frozen=True)
class ProductSales:
    name: str
    sku: str
    qty: int
    amount: int  # value of the lines at their order price


@dataclass(frozen=True)
class StatusCount:
    status: str
    orders: int
    total: int


@dataclass(frozen=True)
class Report:
    shop_name: str
    period: Period
    made_at: datetime
    profit_loss: ProfitLoss
    cash: CashFlow
    position: Position
    channels: list[ChannelSales]
    top_products: list[ProductSales]
    statuses: list[StatusCount]
    daily_sales: list[tuple[date, int]] = field(default_factory=list)


class _Sums:
    """Ledger sums of one span, addressed by kind and category (and whether reversals)."""

    def __init__(self, rows: list[lg.Sum]):
        self.rows = rows

    def get(self, kind: Kind, category: Category | None = None, reversal: bool | None = None) -> int:
        return sum(r.amount for r in self.rows if r.kind == kind and (category is None or r.category == category)
                   and (reversal is None or r.reversal == reversal))

    def cash(self) -> int:
        return sum(CASH_SIGN[Kind(r.kind)] * r.amount for r in self.rows)


def profit_loss(s: _Sums) -> ProfitLoss:
    goods = s.get(Kind.SALE, Category.GOODS, reversal=False)
    discount = -s.get(Kind.SALE, Category.DISCOUNT, reversal=False)
    refunds = -(s.get(Kind.SALE, Category.GOODS, reversal=True) + s.get(Kind.SALE, Category.DISCOUNT, reversal=True))
    net_sales = goods - discount - refunds
    delivery, unique_code = s.get(Kind.SALE, Category.DELIVERY), s.get(Kind.SALE, Category.UNIQUE_CODE)
    other_income = s.get(Kind.INCOME)
    revenue = net_sales + delivery + unique_code + other_income
    cogs = s.get(Kind.EXPENSE, Category.RAW_MATERIALS)
    expenses = {c.value: s.get(Kind.EXPENSE, c) for c in OPERATING_EXPENSES}
    total = sum(expenses.values())
    return ProfitLoss(goods, discount, refunds, net_sales, delivery, unique_code, other_income, revenue, cogs,
                      revenue - cogs, expenses, total, revenue - cogs - total)


def cash_flow(opening: int, s: _Sums) -> CashFlow:
    from_sales, refunds = s.get(Kind.SALE, reversal=False), -s.get(Kind.SALE, reversal=True)
    other_income, capital_in = s.get(Kind.INCOME), s.get(Kind.CAPITAL)
    raw = s.get(Kind.EXPENSE, Category.RAW_MATERIALS)
    expenses = {c.value: s.get(Kind.EXPENSE, c) for c in OPERATING_EXPENSES}
    drawings = s.get(Kind.DRAWING)
    total_in = from_sales + other_income + capital_in
    total_out = refunds + raw + sum(expenses.values()) + drawings
    return CashFlow(opening, from_sales, other_income, capital_in, refunds, raw, expenses, drawings, total_in,
                    total_out, opening + total_in - total_out)


def position(session: Session, shop_id: int, end: datetime, to_end: _Sums) -> Position:
    count, owed = lg.open_receivables(session, shop_id, end)
    stock, unknown = lg.stock_at_cost(session, shop_id)
    capital, drawings = to_end.get(Kind.CAPITAL), to_end.get(Kind.DRAWING)
    retained = profit_loss(to_end).net_profit
    return Position(to_end.cash(), owed, count, stock, unknown, capital, drawings, retained,
                    capital - drawings + retained)


def sales_by_channel(session: Session, shop_id: int, period: Period) -> list[ChannelSales]:
    orders: dict[str, int] = defaultdict(int)
    sales: dict[str, int] = defaultdict(int)
    for channel, paid, net in lg.sales_by_channel(session, shop_id, period.start, period.end):
        key = channel if channel in CHANNELS else OTHER_CHANNEL
        orders[key] += int(paid)
        sales[key] += int(net)
    return [ChannelSales(c, orders[c], sales[c]) for c in (*CHANNELS, OTHER_CHANNEL)]


def daily_sales(session: Session, shop_id: int, period: Period) -> list[tuple[date, int]]:
    """Net sales (goods less discount, refunds netted) per local day, every day of the period."""
    per_day = {day: 0 for day in period.days()}
    for moment, amount in lg.sale_moments(session, shop_id, period.start, period.end):
        per_day[moment.astimezone(period.tz).date()] += int(amount)
    return sorted(per_day.items())


def omzet(session: Session, shop_id: int, start: datetime, end: datetime) -> int:
    """Net sales in [start, end): what the recap and every report call omzet (docs/BOOKS.md)."""
    return profit_loss(_Sums(lg.sums_between(session, shop_id, start, end))).net_sales


def compute(session: Session, shop_id: int, shop_name: str, period: Period, now: datetime,
            top: int = 10) -> Report:
    within = _Sums(lg.sums_between(session, shop_id, period.start, period.end))
    before = _Sums(lg.sums_between(session, shop_id, None, period.start))
    to_end = _Sums(before.rows + within.rows)
    return Report(
        shop_name=shop_name, period=period, made_at=now,
        profit_loss=profit_loss(within),
        cash=cash_flow(before.cash(), within),
        position=position(session, shop_id, period.end, to_end),
        channels=sales_by_channel(session, shop_id, period),
        top_products=[ProductSales(n, s, int(q), int(a))
                      for n, s, q, a in lg.top_products(session, shop_id, period.start, period.end, top)],
        statuses=[StatusCount(st, int(n), int(t))
                  for st, n, t in lg.orders_by_status(session, shop_id, period.start, period.end)],
        daily_sales=daily_sales(session, shop_id, period),
    )
