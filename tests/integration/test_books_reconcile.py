"""Every figure of November's report equals a sum the test makes itself from what it did, to the
Rupiah, on SQLite and PostgreSQL: paid, unpaid, COD delivered and not, cancelled, expired and
refunded orders, a discount, expenses of every kind, capital, drawings, and a "batalkan"."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import datetime

import pytest
from sqlalchemy import select

from storage import ledger as lg

from books import figures
from books.accounts import OPERATING_EXPENSES
from books.periods import month
from storage.models import Product
from tests.integration.books_support import NOV_END, NOV_START, TZ, Month, Story, database, play_november, wib

MADE = wib(12, 3)


def inside(at: datetime | None, start: datetime | None = NOV_START, end: datetime = NOV_END) -> bool:
    return at is not None and (start is None or at >= start) and at < end


def net(s: Story) -> int:
    return s.subtotal - s.discount


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def november(request, tmp_path_factory):  # type: ignore[no-untyped-def]
    """One played month per backend, shared by the checks below (they only read)."""
    with database(request.param, tmp_path_factory.mktemp("books")) as url:
        played = play_november(url)
        with played.sessions() as s:
            report = figures.compute(s, 1, "Dapur Bu Sri", month(2026, 11, TZ), MADE)
        stock = _stock(played)
        played.sessions.kw["bind"].dispose()
        yield played, report, stock


def _stock(played: Month) -> dict[str, int]:
    with played.sessions() as s:
        return dict(s.execute(select(Product.sku, Product.stock)).all())  # type: ignore[arg-type]


COSTS = {"KRP-SGK-PDS": 9_000, "SBL-BWG": 11_000}  # what play_november sets


def test_the_month_holds_every_kind_of_order(november) -> None:
    played, _, _ = november
    stories = list(played.stories.values())
    assert {s.status for s in stories} == {"completed", "paid", "shipped", "cancelled", "expired", "pending_payment"}
    assert any(s.discount for s in stories) and any(s.unique for s in stories) and any(s.fee for s in stories)
    assert sum(s.refunded for s in stories) == 2
    assert {s.channel for s in stories} == {"whatsapp", "telegram", "simulator"}


def test_profit_and_loss(november) -> None:
    played, report, _ = november
    pl = report.profit_loss
    paid = [s for s in played.stories.values() if inside(s.paid_at)]
    refunded = [s for s in played.stories.values() if s.refunded and inside(s.voided_at)]
    spent = [m for m in played.money if inside(m.at)]

    def money_of(kind: str, category: str | None = None) -> int:
        return sum(m.amount for m in spent if m.kind == kind and (category is None or m.category == category))

    assert pl.goods == sum(s.subtotal for s in paid)
    assert pl.discount == sum(s.discount for s in paid) > 0
    assert pl.refunds == sum(net(s) for s in refunded) > 0
    assert pl.net_sales == sum(net(s) for s in paid) - sum(net(s) for s in refunded)
    assert pl.delivery == sum(s.fee for s in paid) - sum(s.fee for s in refunded)
    assert pl.unique_code == sum(s.unique for s in paid) - sum(s.unique for s in refunded)
    assert pl.other_income == money_of("income") == 200_000
    assert pl.revenue == pl.net_sales + pl.delivery + pl.unique_code + pl.other_income
    assert pl.cogs == money_of("expense", "bahan_baku") == 350_000 + 300_000
    assert pl.expenses == {c.value: money_of("expense", c.value) for c in OPERATING_EXPENSES}
    assert pl.expenses["operasional"] == 175_000 and pl.expenses["transport"] == 35_000
    assert pl.expenses["lainnya"] == 0  # typed and taken back
    assert pl.total_expenses == money_of("expense") - money_of("expense", "bahan_baku")
    assert pl.net_profit == pl.revenue - pl.cogs - pl.total_expenses


def test_cash_in_and_out(november) -> None:
    played, report, _ = november
    cash = report.cash
    stories = list(played.stories.values())

    def cash_between(start: datetime | None, end: datetime) -> int:
        from_orders = sum(s.total for s in stories if inside(s.paid_at, start, end))
        back = sum(s.total for s in stories if s.refunded and inside(s.voided_at, start, end))
        sign = {"expense": -1, "drawing": -1, "income": 1, "capital": 1}
        return from_orders - back + sum(sign[m.kind] * m.amount for m in played.money if inside(m.at, start, end))

    assert cash.opening == cash_between(None, NOV_START) == 2_000_000 - 10_000 + sum(
        s.total for s in stories if s.paid_at is not None and s.paid_at < NOV_START)
    assert cash.from_sales == sum(s.total for s in stories if inside(s.paid_at))
    assert cash.refunds == sum(s.total for s in stories if s.refunded and inside(s.voided_at))
    assert cash.capital_in == 3_000_000 and cash.drawings == 500_000 and cash.other_income == 200_000
    assert cash.raw_materials == 650_000
    assert cash.total_in == cash.from_sales + cash.other_income + cash.capital_in
    assert cash.total_out == cash.refunds + cash.raw_materials + sum(cash.expenses.values()) + cash.drawings
    assert cash.closing == cash_between(None, NOV_END) == cash.opening + cash.total_in - cash.total_out


def test_position_at_the_end_of_the_month(november) -> None:
    played, report, stock = november
    p = report.position
    stories = list(played.stories.values())
    owed = [s for s in stories if s.placed_at < NOV_END and not (s.paid_at and s.paid_at < NOV_END)
            and not (s.voided_at and s.voided_at < NOV_END)]
    assert {s.status for s in owed} == {"shipped", "paid"}  # the COD still out, and the one paid in December
    assert (p.receivable_orders, p.receivables) == (len(owed), sum(s.total for s in owed))
    assert p.cash == report.cash.closing
    assert p.stock_at_cost == sum(stock[sku] * cost for sku, cost in COSTS.items())
    assert p.products_without_cost == sum(1 for sku, n in stock.items() if n > 0 and sku not in COSTS)
    assert (p.capital, p.drawings) == (5_000_000, 500_000)
    before_and_in = [s for s in stories if s.paid_at and s.paid_at < NOV_END]
    refunds = [s for s in stories if s.refunded and s.voided_at < NOV_END]  # type: ignore[operator]
    expenses = sum(m.amount for m in played.money if m.kind == "expense" and m.at < NOV_END)
    income = sum(m.amount for m in played.money if m.kind == "income" and m.at < NOV_END)
    assert p.retained_profit == (sum(s.total for s in before_and_in) - sum(s.total for s in refunds)
                                 + income - expenses)
    assert p.owner_equity == p.capital - p.drawings + p.retained_profit == p.cash


def test_sales_by_channel(november) -> None:
    played, report, _ = november
    orders: Counter[str] = Counter()
    sales: dict[str, int] = defaultdict(int)
    for s in played.stories.values():
        key = s.channel if s.channel in ("whatsapp", "telegram") else "other"
        if inside(s.paid_at):
            orders[key] += 1
            sales[key] += net(s)
        if s.refunded and inside(s.voided_at):
            sales[key] -= net(s)
    assert [(c.channel, c.orders, c.net_sales) for c in report.channels] ==         [(c, orders[c], sales[c]) for c in ("whatsapp", "telegram", "other")]
    assert sum(c.net_sales for c in report.channels) == report.profit_loss.net_sales


def test_top_products_are_the_goods_sold_in_the_month(november) -> None:
    played, report, _ = november
    qty: Counter[str] = Counter()
    value: Counter[str] = Counter()
    names: dict[str, str] = {}
    for s in played.stories.values():
        if inside(s.paid_at) and not (s.refunded and inside(s.voided_at)):
            for sku, name, n, line in s.items:
                qty[sku] += n
                value[sku] += line
                names[sku] = name
    ranked = sorted(qty, key=lambda k: (-value[k], names[k]))[:10]
    assert len(qty) > 10  # the list is cut, so the order matters
    assert [(p.sku, p.qty, p.amount) for p in report.top_products] == [(k, qty[k], value[k]) for k in ranked]
    with played.sessions() as s:  # and the whole list, past the cut: refunded orders' goods are not in it
        everything = lg.top_products(s, 1, NOV_START, NOV_END, 100)
    assert {sku: (int(n), int(v)) for _, sku, n, v in everything} == {k: (qty[k], value[k]) for k in qty}


def test_orders_by_status(november) -> None:
    played, report, _ = november
    counts: Counter[str] = Counter()
    totals: Counter[str] = Counter()
    for s in played.stories.values():
        if inside(s.placed_at):
            counts[s.status] += 1
            totals[s.status] += s.total
    assert {r.status: (r.orders, r.total) for r in report.statuses} == {k: (counts[k], totals[k]) for k in counts}


def test_sales_per_day_add_up_to_net_sales(november) -> None:
    played, report, _ = november
    days = dict(report.daily_sales)
    assert len(days) == 30 and sum(days.values()) == report.profit_loss.net_sales
    first = next(s for s in played.stories.values() if s.placed_at == wib(11, 1, 0, 30))
    assert days[wib(11, 1).astimezone(TZ).date()] == net(first)  # paid 1 November 01.00 WIB, 31 October UTC


def test_omzet_is_net_sales_paid_in_the_span(november) -> None:
    played, report, _ = november
    with played.sessions() as s:
        assert figures.omzet(s, 1, NOV_START, NOV_END) == report.profit_loss.net_sales
