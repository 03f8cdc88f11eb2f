"""Numbers as sellers write them (digits, words, Rupiah forms, slang), read by
language.numbers.read_number; and the small pure rules around stock alerts and SKUs."""

from __future__ import annotations

from decimal import Decimal

import pytest

from language.numbers import read_number
from catalog.sku import new_sku, sku_base
from conversations.seller.invites import shown, typed_code
from effects.stock_alerts import crossing
from conversations.seller.parse import words_of

NUMBERS = [
    ("18rb", 18000, True), ("18 rb", 18000, True), ("18ribu", 18000, True), ("18 rebu", 18000, True),
    ("18k", 18000, True), ("Rp18.000", 18000, True), ("Rp 18.000,-", 18000, True), ("rp.18000", 18000, True),
    ("IDR 18000", 18000, True), ("18.000", 18000, False), ("18,000", 18000, False), ("18000", 18000, False),
    ("1,5jt", 1500000, True), ("1.5 juta", 1500000, True), ("goceng", 5000, True), ("ceban", 10000, True),
    ("seceng", 1000, True), ("lima belas ribu", 15000, True), ("dua puluh", 20, False), ("sebelas", 11, False),
    ("seratus", 100, False), ("tiga ratus lima puluh ribu", 350000, True), ("selusin", 12, False),
    ("1.000.000", 1000000, False), ("15.000,00", 15000, False),
]


@pytest.mark.parametrize(("text", "value", "money"), NUMBERS, ids=[t for t, _, _ in NUMBERS])
def test_a_number_in_any_written_form_is_read_with_whether_it_was_money(text, value, money):
    words = words_of(text)
    number = read_number(words, 0)
    assert number is not None and number.whole == value and number.money is money
    assert number.end == len(words)


def test_a_fraction_is_read_but_is_not_whole():
    number = read_number(words_of("2,5"), 0)
    assert number is not None and number.value == Decimal("2.5") and number.whole is None


def test_a_word_is_not_a_number():
    assert read_number(["rendang"], 0) is None and read_number(["rp"], 0) is None


def test_sizes_and_signs_are_kept_apart_from_amounts():
    assert words_of("stok Teh Rosella 1 liter +5") == ["stok", "teh", "rosella", "1l", "plus", "5"]
    assert words_of("harga sambal 18rb, stok -3") == ["harga", "sambal", "18", "rb", "stok", "minus", "3"]


@pytest.mark.parametrize(("before", "after", "threshold", "kind"), [
    (6, 5, 5, "low"), (6, 0, 5, "sold_out"), (5, 4, 5, None), (3, 0, 5, "sold_out"), (0, 0, 5, None),
    (10, 8, 5, None), (4, 9, 5, None),
])
def test_an_alert_is_due_only_when_stock_crosses_the_threshold_or_runs_out(before, after, threshold, kind):
    assert crossing(before, after, threshold) == kind


def test_a_new_product_gets_a_readable_unique_sku():
    assert sku_base("Bolu Pandan 500g (isi 8)") == "BOLU-PANDAN-500G-ISI-8"
    assert sku_base("Kué Lapis Légit") == "KUE-LAPIS-LEGIT"
    assert sku_base("!!!") == "PRODUK"
    assert new_sku("BOLU", {"BOLU", "BOLU-2"}) == "BOLU-3"


@pytest.mark.parametrize("text", ["gabung KDRT-4821", "KDRT4821", "kdrt 4821", "Gabung: kdrt-4821.", "join KDRT-4821"])
def test_an_invite_code_is_recognised_however_it_is_typed(text):
    assert typed_code(text) == "KDRT4821" and shown("KDRT4821") == "KDRT-4821"


@pytest.mark.parametrize("text", ["checkout", "pesan 2 nastar", "KDRT-482", "gabung", "KDRT-4821 dan nastar"])
def test_ordinary_text_is_no_invite_code(text):
    assert typed_code(text) is None
