"""Amount forms sellers use for expenses that parse_rupiah learnt for the books (issue 18)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from catalog.parsing import parse_rupiah


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2 ceban", 20_000), ("ceban", 10_000), ("goceng", 5_000), ("dua goceng", 10_000),
        ("3 goban", 150_000), ("bensin goceng", 5_000), ("parkir 2 noceng", 4_000),
        ("1jt 200rb", 1_200_000), ("1 juta 250 ribu", 1_250_000), ("rp 1jt 500rb", 1_500_000),
        ("2jt 500k", 2_500_000), ("1,5jt", 1_500_000),
        # a thousands amount after a millions one adds only when it is smaller than a million
        ("1jt 2 bungkus", 1_000_000), ("1jt rp 200rb", 1_000_000), ("1jt 1500rb", 1_000_000),
        # a count of things is not the amount; a number written in thousands is
        ("beli 3 dus kemasan 45.000", 45_000), ("beli 3 kemasan 45.000", 45_000), ("2 karung 300000", 300_000),
        ("gas 2 tabung 50000", 50_000), ("harga nastar 85", 85),
    ],
)
def test_slang_and_compound_amounts(text: str, expected: int) -> None:
    assert parse_rupiah(text) == expected


@given(st.integers(1, 99), st.integers(1, 999))
def test_millions_then_thousands_add_up(millions: int, thousands: int) -> None:
    assert parse_rupiah(f"{millions}jt {thousands}rb") == millions * 1_000_000 + thousands * 1_000
