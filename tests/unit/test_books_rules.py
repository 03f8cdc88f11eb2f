"""The pure rules of the books: an order's total in its parts, reversals, periods in shop time."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from books.accounts import CASH_SIGN, Category, Kind, kind_for
from books.periods import BadPeriod, days, last_days, last_month, month, parse_month, this_month
from books.posting import Draft, reversals, sale_parts
from books.render_pdf import latin

WIB, WIT = ZoneInfo("Asia/Jakarta"), ZoneInfo("Asia/Jayapura")


@given(st.integers(0, 10**9), st.integers(0, 10**6), st.integers(0, 10**5), st.integers(0, 999))
def test_the_sale_parts_add_up_to_the_total_and_zero_parts_are_left_out(subtotal, discount, fee, code) -> None:
    discount = min(discount, subtotal)
    parts = sale_parts(subtotal, discount, fee, code)
    assert sum(p.amount for p in parts) == subtotal - discount + fee + code
    assert all(p.amount != 0 and p.kind == Kind.SALE for p in parts)
    assert {p.category for p in parts} <= {Category.GOODS, Category.DISCOUNT, Category.DELIVERY, Category.UNIQUE_CODE}


@dataclass
class E:
    id: int
    kind: str
    category: str
    amount: int
    reverses_id: int | None = None


def test_reversals_negate_what_stands_and_link_to_it() -> None:
    rows = [E(1, "receivable", "pesanan", 58_001), E(2, "receivable", "pesanan", -58_001),
            E(3, "sale", "barang", 48_000), E(4, "sale", "ongkir", 10_000), E(5, "sale", "kode_unik", 1),
            E(6, "sale", "kode_unik", -1, reverses_id=5)]
    assert reversals(rows, Kind.SALE) == [Draft(Kind.SALE, Category.GOODS, -48_000, 3),
                                          Draft(Kind.SALE, Category.DELIVERY, -10_000, 4)]


def test_which_way_money_moves() -> None:
    assert kind_for(Category.CAPITAL) == Kind.CAPITAL and kind_for(Category.DRAWING) == Kind.DRAWING
    assert kind_for(Category.OTHER) == Kind.EXPENSE and kind_for(Category.OTHER, money_in=True) == Kind.INCOME
    assert kind_for(Category.WAGES, money_in=True) == Kind.EXPENSE
    assert CASH_SIGN[Kind.RECEIVABLE] == 0 and CASH_SIGN[Kind.DRAWING] == -1 and CASH_SIGN[Kind.CAPITAL] == 1


def test_a_month_is_its_days_in_shop_time() -> None:
    nov = parse_month("2026-11", WIB)
    assert (nov.first_day, nov.last_day, len(nov.days()), nov.is_month()) == (date(2026, 11, 1), date(2026, 11, 30), 30, True)
    assert nov.start == datetime(2026, 10, 31, 17, tzinfo=timezone.utc)
    assert nov.end == datetime(2026, 11, 30, 17, tzinfo=timezone.utc)
    assert parse_month("2026-11", WIT).start == datetime(2026, 10, 31, 15, tzinfo=timezone.utc)
    dec = month(2026, 12, WIB)
    assert (dec.last_day, dec.end) == (date(2026, 12, 31), datetime(2026, 12, 31, 17, tzinfo=timezone.utc))
    assert month(2028, 2, WIB).last_day == date(2028, 2, 29)


def test_this_month_last_month_and_the_last_days_follow_the_shops_clock() -> None:
    late_on_the_31st_utc = datetime(2026, 10, 31, 18, tzinfo=timezone.utc)  # 1 November 01.00 WIB
    assert this_month(late_on_the_31st_utc, WIB).first_day == date(2026, 11, 1)
    assert last_month(late_on_the_31st_utc, WIB).first_day == date(2026, 10, 1)
    assert last_month(datetime(2026, 1, 10, tzinfo=timezone.utc), WIB).first_day == date(2025, 12, 1)
    week = last_days(late_on_the_31st_utc, WIB, 7)
    assert (week.first_day, week.last_day, week.is_month()) == (date(2026, 10, 26), date(2026, 11, 1), False)


@pytest.mark.parametrize("text", ["2026-13", "2026-0", "26-11", "November", "", "2026/11", "2026-11-01"])
def test_a_month_that_cannot_be_read_is_refused(text: str) -> None:
    with pytest.raises(BadPeriod):
        parse_month(text, WIB)


def test_a_range_must_not_end_before_it_starts() -> None:
    with pytest.raises(BadPeriod):
        days(date(2026, 11, 2), date(2026, 11, 1), WIB)


def test_pdf_text_keeps_latin_letters_and_drops_what_the_font_lacks() -> None:
    assert latin("Dapur Bu Sri 🍜 — Malang") == "Dapur Bu Sri - Malang"
    assert latin("Kue “Lebaran” café…") == 'Kue "Lebaran" café...'
