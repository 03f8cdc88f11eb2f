"""Discount arithmetic in whole Rupiah, stacking, eligibility and expiry (marketing.promotions)."""

from __future__ import annotations

from datetime import timedelta

from hypothesis import given
from hypothesis import strategies as st

from marketing.promotions import (BUNDLE, CART, CATEGORY, FIXED, PERCENT, PRODUCT, BundleItem, Line, Promotion,
                                percent_of, price)
from tests.support import NOW

KERIPIK = Line("KRP-PDS", "Keripik Pedas", "Keripik", 15000, 2)
TEMPE = Line("KRP-TMP", "Keripik Tempe", "Keripik", 12000, 3)
ROA = Line("SBL-ROA", "Sambal Roa", "Sambal", 25000, 1)


def promo(id: int = 1, kind: str = PERCENT, value: int = 10, **kw) -> Promotion:
    return Promotion(id=id, name=kw.pop("name", f"P{id}"), kind=kind, value=value, **kw)


def saving(lines, *promos, codes=(), now=NOW) -> int:
    return price(lines, promos, now, codes).discount


def test_a_percent_discount_is_rounded_down_to_the_whole_rupiah():
    assert percent_of(9999, 10) == 999  # 999.9 -> 999: never more than the stated percent
    odd = Line("X", "X", "Keripik", 3333, 1)
    assert saving([odd], promo(value=15)) == 499  # 499.95 -> 499


def test_a_product_percent_is_rounded_per_line_not_per_unit():
    line = Line("X", "X", "Keripik", 1005, 3)  # 3015 at 15% = 452.25 -> 452; per unit it would be 3 x 150 = 450
    assert saving([line], promo(value=15, scope=PRODUCT, targets=("X",))) == 452


def test_a_percent_cap_bounds_the_saving():
    assert saving([KERIPIK, TEMPE, ROA], promo(value=50, max_discount=20000)) == 20000


def test_a_fixed_amount_on_products_is_per_unit_and_never_below_the_unit_price():
    assert saving([KERIPIK], promo(kind=FIXED, value=2000, scope=PRODUCT, targets=("KRP-PDS",))) == 4000
    assert saving([KERIPIK], promo(kind=FIXED, value=99000, scope=PRODUCT, targets=("KRP-PDS",))) == 30000


def test_a_fixed_amount_on_the_cart_is_taken_once_and_never_more_than_the_cart():
    assert saving([KERIPIK, ROA], promo(kind=FIXED, value=5000)) == 5000
    assert saving([ROA], promo(kind=FIXED, value=100000)) == 25000


def test_a_category_promo_covers_only_that_category_case_insensitively():
    p = promo(value=10, scope=CATEGORY, targets=("keripik",))
    assert saving([KERIPIK, TEMPE, ROA], p) == 3000 + 3600


def test_a_bundle_applies_as_many_whole_times_as_the_cart_holds():
    bundle = promo(kind=BUNDLE, value=45000, scope=PRODUCT, bundle=(BundleItem("KRP-PDS", 2), BundleItem("SBL-ROA", 1)))
    # 2 keripik + 1 roa = 55.000 regular, 45.000 bundled: saves 10.000 each time
    assert saving([KERIPIK, ROA], bundle) == 10000
    assert saving([Line("KRP-PDS", "K", "Keripik", 15000, 5), Line("SBL-ROA", "R", "Sambal", 25000, 2)], bundle) == 20000
    assert saving([KERIPIK], bundle) == 0  # no sambal, no bundle


def test_units_in_a_bundle_get_no_other_product_discount():
    bundle = promo(1, BUNDLE, 45000, scope=PRODUCT, bundle=(BundleItem("KRP-PDS", 2), BundleItem("SBL-ROA", 1)))
    keripik_off = promo(2, PERCENT, 10, scope=CATEGORY, targets=("Keripik",))
    four = Line("KRP-PDS", "K", "Keripik", 15000, 4)
    # 2 of the 4 keripik go into the bundle; 10% applies to the other 2 (30.000) only
    result = price([four, ROA], [bundle, keripik_off], NOW)
    assert [(d.promo_id, d.amount) for d in result.discounts] == [(1, 10000), (2, 3000)]


def test_levels_stack_bundle_then_product_then_cart_on_what_is_left():
    bundle = promo(1, BUNDLE, 45000, scope=PRODUCT, bundle=(BundleItem("KRP-PDS", 2), BundleItem("SBL-ROA", 1)))
    tempe = promo(2, FIXED, 1000, scope=PRODUCT, targets=("KRP-TMP",))
    cart = promo(3, PERCENT, 10)
    result = price([KERIPIK, TEMPE, ROA], [bundle, tempe, cart], NOW)
    # subtotal 91.000; bundle -10.000; tempe -3.000; cart 10% of 78.000 = 7.800
    assert result.subtotal == 91000
    assert [(d.promo_id, d.amount) for d in result.discounts] == [(1, 10000), (2, 3000), (3, 7800)]


def test_only_the_best_product_promo_applies_to_a_line_and_only_the_best_cart_promo_to_the_cart():
    small, big = promo(1, PERCENT, 5, scope=CATEGORY, targets=("Keripik",)), promo(2, FIXED, 2000, scope=PRODUCT, targets=("KRP-PDS",))
    result = price([KERIPIK], [small, big], NOW)
    assert [(d.promo_id, d.amount) for d in result.discounts] == [(2, 4000)]
    result = price([KERIPIK, ROA], [promo(3, PERCENT, 10), promo(4, FIXED, 6000)], NOW)
    assert [(d.promo_id, d.amount) for d in result.discounts] == [(4, 6000)]


def test_an_exclusive_promo_wins_only_when_it_alone_beats_the_stack():
    stack = [promo(1, PERCENT, 10, scope=CATEGORY, targets=("Keripik",)), promo(2, FIXED, 5000)]
    lone_small = promo(3, PERCENT, 8, stackable=False)
    lone_big = promo(4, PERCENT, 20, stackable=False)
    lines = [KERIPIK, TEMPE, ROA]  # stack: 6.600 + 5.000 = 11.600
    assert {d.promo_id for d in price(lines, [*stack, lone_small], NOW).discounts} == {1, 2}
    assert [(d.promo_id, d.amount) for d in price(lines, [*stack, lone_big], NOW).discounts] == [(4, 18200)]
    tie = promo(5, FIXED, 11600, stackable=False)
    assert {d.promo_id for d in price(lines, [*stack, tie], NOW).discounts} == {1, 2}


def test_the_minimum_subtotal_is_checked_before_any_discount():
    p = promo(value=10, min_subtotal=55000, code="HEMAT")
    assert saving([KERIPIK, ROA], p, codes=["hemat"]) == 5500  # exactly 55.000: allowed
    short = price([KERIPIK], [p], NOW, ["HEMAT"])
    assert short.discount == 0 and [(u.code, why) for u, why in short.unmet] == [("HEMAT", "min_subtotal")]


def test_a_code_promo_needs_its_code_and_says_why_a_given_code_saves_nothing():
    p = promo(value=10, code="HEMAT10", scope=PRODUCT, targets=("SBL-ROA",))
    assert saving([KERIPIK, ROA], p) == 0
    assert saving([KERIPIK, ROA], p, codes=[" hemat10 "]) == 2500
    assert [why for _, why in price([KERIPIK], [p], NOW, ["HEMAT10"]).unmet] == ["no_items"]
    better = promo(2, FIXED, 10000, scope=PRODUCT, targets=("SBL-ROA",))
    assert [why for _, why in price([ROA], [p, better], NOW, ["HEMAT10"]).unmet] == ["outdone"]


def test_a_promo_runs_from_its_start_inclusive_to_its_end_exclusive():
    p = promo(value=10, starts_at=NOW, ends_at=NOW + timedelta(days=1))
    assert saving([ROA], p, now=NOW - timedelta(seconds=1)) == 0
    assert saving([ROA], p, now=NOW) == 2500
    assert saving([ROA], p, now=NOW + timedelta(days=1) - timedelta(seconds=1)) == 2500
    assert saving([ROA], p, now=NOW + timedelta(days=1)) == 0
    assert saving([ROA], Promotion(1, "off", PERCENT, 10, active=False)) == 0


def test_usage_limits_count_the_total_and_each_customer():
    p = promo(max_uses=3, max_uses_per_customer=1, uses=2)
    assert p.usable(used_by_customer=0)
    assert not p.usable(used_by_customer=1)
    assert not promo(max_uses=3, uses=3).usable(0)
    assert promo().usable(99)


def test_the_total_discount_never_exceeds_the_subtotal():
    result = price([ROA], [promo(1, FIXED, 20000, scope=PRODUCT, targets=("SBL-ROA",)), promo(2, FIXED, 20000)], NOW)
    assert result.discount == 25000


def test_a_promo_being_written_names_what_is_wrong_with_it():
    assert Promotion(0, "x", PERCENT, 150).problems() == ["percent"]
    assert Promotion(0, "x", BUNDLE, 45000).problems() == ["bundle"]
    assert Promotion(0, "x", FIXED, 5000, scope=CATEGORY).problems() == ["targets"]
    assert Promotion(0, "x", PERCENT, 10, code="a b").problems() == ["code"]
    assert Promotion(0, "x", PERCENT, 10, starts_at=NOW, ends_at=NOW).problems() == ["period"]
    assert Promotion(0, "x", PERCENT, 10, scope=CART, code="HEMAT-10", max_uses=5).problems() == []


lines_st = st.lists(st.builds(Line, st.sampled_from(["A", "B", "C"]), st.just("n"), st.sampled_from(["K", "S"]),
                              st.integers(0, 200_000), st.integers(0, 20)), max_size=4, unique_by=lambda ln: ln.sku)
promos_st = st.lists(st.builds(
    Promotion, id=st.integers(1, 50), name=st.just("p"), kind=st.sampled_from([PERCENT, FIXED]), value=st.integers(1, 100),
    scope=st.sampled_from([CART, PRODUCT, CATEGORY]), targets=st.sampled_from([("A",), ("K",), ("B", "S")]),
    max_discount=st.none() | st.integers(0, 50_000), stackable=st.booleans()), max_size=5, unique_by=lambda p: p.id)


@given(lines_st, promos_st)
def test_any_cart_and_promos_give_whole_non_negative_savings_within_the_subtotal(lines, promos):
    result = price(lines, promos, NOW)
    assert all(isinstance(d.amount, int) and d.amount > 0 for d in result.discounts)
    assert 0 <= result.discount <= result.subtotal
    assert len({d.promo_id for d in result.discounts}) == len(result.discounts)
