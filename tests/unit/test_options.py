"""Options of a product, pure: measures and sizes as people write them, numbers that belong to
an option never read as quantities (language.options, language.numbers), and a catalog that
finds a product and the option named (catalog.families)."""

from __future__ import annotations

import pytest

from catalog.families import group
from language.order_lines import OrderLine, order_lines
from language.options import kind_of, pick_option, sizes_in, sort_key
from language.text import canonical_measures, normalize
from tests.option_support import option_catalog, option_products

SIZES = frozenset({250, 500, 150})


@pytest.mark.parametrize(("text", "expected"), [
    ("nastar 1/2 kg", "nastar 500g"), ("setengah kilo", "500g"), ("seperempat kilo", "250g"),
    ("seliter", "1l"), ("sekilo", "1kg"), ("0,5 kg", "500g"), ("setengah liter", "500ml"),
    ("kopi 1 liter", "kopi 1l"), ("1,5 liter", "1.5l"), ("setengah lusin", "setengah lusin"),
])
def test_measures_are_written_one_way_whatever_the_customer_typed(text, expected):
    assert normalize(text) == expected


def test_a_lone_l_after_a_number_is_a_size_not_a_litre():
    assert canonical_measures("kemeja m 1 l 1") == "kemeja m 1 l 1"
    assert canonical_measures("kopi 1l") == "kopi 1l"


@pytest.mark.parametrize(("text", "lines"), [
    ("nastar keju 500 2", [OrderLine(2, "nastar keju 500")]),
    ("rendang 250 dua", [OrderLine(2, "rendang 250")]),
    ("nastar 500 2, yg 250 satu", [OrderLine(2, "nastar 500"), OrderLine(1, "250", option_only=True)]),
    ("kemeja parang XL 2 sama L 1", [OrderLine(2, "kemeja parang xl"), OrderLine(1, "l", option_only=True)]),
    ("kemeja parang M 1 L 1", [OrderLine(1, "kemeja parang m"), OrderLine(1, "l", option_only=True)]),
    ("sambal level 5 satu", [OrderLine(1, "sambal level 5")]),
    ("kopi 1 liter 2 botol", [OrderLine(2, "kopi 1l")]),
    ("nastar 1/2 kg 2", [OrderLine(2, "nastar 500g")]),
    ("nastar setengah kilo 3", [OrderLine(3, "nastar 500g")]),
    ("pesan 2 nastar 500", [OrderLine(2, "nastar 500")]),
    ("rendang 250", [OrderLine(1, "rendang 250", counted=False)]),
])
def test_numbers_that_belong_to_an_option_are_never_quantities(text, lines):
    assert order_lines(text, SIZES) == lines


def test_a_number_that_is_no_size_of_the_shop_is_still_a_quantity():
    assert order_lines("nastar keju 20", SIZES) == [OrderLine(20, "nastar keju")]
    assert order_lines("nastar keju 500 2") == [OrderLine(500, "nastar keju"), ]  # no sizes known: as before


@pytest.mark.parametrize(("labels", "said", "index", "asked"), [
    (["M", "L", "XL"], "kemeja parang xl", 2, None),
    (["M", "L", "XL"], "kemeja parang l", 1, None),
    (["M", "L", "XL"], "kemeja 2xl", None, "2XL"),
    (["M", "L", "XL"], "kemeja parang", None, None),
    (["250g", "500g"], "nastar 500", 1, None),
    (["250g", "500g"], "nastar 1/2 kg", 1, None),
    (["250g", "500g"], "nastar 1kg", None, "1kg"),
    (["250ml", "1 liter"], "kopi seliter", 1, None),
    (["Level 3", "Level 5"], "sambal lvl 5", 1, None),
    (["Level 3", "Level 5"], "sambal level 7", None, "level 7"),
    (["Pedas", "Original"], "keripik singkong ori", 1, None),
])
def test_which_option_the_words_name(labels, said, index, asked):
    picked = pick_option(labels, said, SIZES)
    assert (picked.index, picked.asked) == (index, asked)


def test_options_sort_the_way_a_shopper_expects_and_know_their_kind():
    assert sorted(["XL", "S", "L", "M"], key=sort_key) == ["S", "M", "L", "XL"]
    assert sorted(["1kg", "250g", "500g"], key=sort_key) == ["250g", "500g", "1kg"]
    assert sorted(["Level 5", "Level 3"], key=sort_key) == ["Level 3", "Level 5"]
    assert [kind_of(x) for x in ("XL", "500g", "1 liter", "Level 5", "Merah")] == ["size", "weight", "volume", "level",
                                                                                  "variant"]
    assert sizes_in(["Nastar Keju 500g", "250g", "1 liter", "Wedang isi 10"]) == {250, 500}


def test_rows_of_one_product_are_one_family_with_its_price_range_and_stock():
    families = {f.name: f for f in group(option_products())}
    parang = families["Kemeja Batik Parang"]
    assert [o.option for o in parang.options] == ["M", "L", "XL"]
    assert (parang.price, parang.price_max, parang.stock) == (185000, 195000, 11)
    assert parang.lead.label == "Kemeja Batik Parang — M"
    assert not families["Bolu Pandan"].has_options and families["Bolu Pandan"].lead.label == "Bolu Pandan"


def test_the_catalog_finds_the_product_and_the_option_named():
    catalog = option_catalog()
    xl = catalog.find("kemeja parang xl").best
    assert xl is not None and xl.option is not None and xl.option.sku == "KMJ-PRG-XL"
    kawung = catalog.find("kemeja kawung xl").best  # Kawung lacks XL: it is still the Kawung, asked in XL
    assert kawung is not None and kawung.family.name == "Kemeja Batik Kawung" and kawung.option is None
    assert kawung.asked == "XL"
    both = catalog.find("nastar 500")  # Nastar Original 500g next to Nastar Keju 500g: a question
    assert both.best is None and {h.option.sku for h in both.candidates if h.option} == {"NST-ORI-500", "NST-KJ-500"}
    assert catalog.family_of("KPS-1L").labels == ["250ml", "1 liter"]
    assert 500 in catalog.sizes() and 250 in catalog.sizes()


def test_a_category_page_lists_each_product_once():
    catalog = option_catalog()
    batik = next(c for c in catalog.categories() if c.name == "Batik")
    shown, total = catalog.category_slice(batik.id, 0, 8)
    assert batik.count == total == 4
    assert [f.name for f in shown] == ["Daster Batik Allsize", "Kain Batik Tulis Sogan 2m", "Kemeja Batik Kawung",
                                       "Kemeja Batik Parang"]
