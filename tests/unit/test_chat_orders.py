"""Orders and polite words as customers type them: numbers that belong to the product, filler
after the quantity, list numbers, "masing-masing", regional number words, polite-only messages."""

from __future__ import annotations

import pytest

from language.order_lines import order_lines
from language.words import asks, politeness

SIZES = frozenset({250, 500})


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("putri salju dua ya bun", [(2, "putri salju")]),
        ("sambal roa 2 nggih", [(2, "sambal roa")]),
        ("kastengel 250 tiga toples ya kaa 🙏", [(3, "kastengel 250")]),
        ("kakk nastarr kejuu 250 2 yaa", [(2, "nastar keju 250")]),
        ("1) nastar keju 250 - 2\n2) kastengel 250 - 1", [(2, "nastar keju 250"), (1, "kastengel 250")]),
        ("daster batik sepasang kak buat ibu sama mertua", [(2, "daster batik")]),
        ("kastengel 250 sama putri salju masing-masing 2", [(2, "kastengel 250"), (2, "putri salju")]),
        ("nastar keju 250 ama kastengel 250 masing2 1", [(1, "nastar keju 250"), (1, "kastengel 250")]),
        ("nastar keju 250 sama kastengel 250 @2", [(2, "nastar keju 250"), (2, "kastengel 250")]),
        ("tumbas nastar keju 250 kalih", [(2, "nastar keju 250")]),
        ("punten, bade mesen putri salju hiji", [(1, "putri salju")]),
        ("misi kak mau order sambal roa 2", [(2, "sambal roa")]),
        ("ayam ungkep sekor aja", [(1, "ayam ungkep")]),
        ("rendang 250 dua", [(2, "rendang 250")]),
        ("sambal level 5 satu", [(1, "sambal level 5")]),
        ("nastar setengah lusin", [(6, "nastar")]),
    ],
)
def test_order_lines_keep_every_quantity(text: str, expected: list[tuple[int, str]]) -> None:
    assert [(line.qty, line.name) for line in order_lines(text, SIZES)] == expected


@pytest.mark.parametrize(
    ("text", "kind"),
    [("misi kak", "hello"), ("punten teh", "hello"), ("mba", "hello"), ("oke siap kak 🙏", "hello"),
     ("makasih kak", "thanks"), ("matur nuwun", "thanks"), ("bu tumbas", "order"), ("mau pesan kak", "order"),
     ("es teh", None), ("nastar kak", None), ("siap bun", "hello")],
)
def test_politeness_names_only_polite_messages(text: str, kind: str | None) -> None:
    assert politeness(text) == kind


def test_a_question_is_not_an_order() -> None:
    assert asks("keripik singkong pedas brp sebungkus") and asks("kastengel 500 ready 3 toples?")
    assert not asks("nastar keju 2 ya kak")


def test_did_you_mean_is_honest_about_what_the_shop_does_not_sell():
    from tests.option_support import option_catalog
    catalog = option_catalog()
    for query in ("es teh", "kue bawang", "mie ayam", "seblak level 5", "kue lapis legit", "kaos polos size L"):
        found = catalog.find(query)
        assert found.best is None and found.candidates == [], query
    for query, sku in (("kastengel 250", "KST-250"), ("sambal roa pedes", "SBL-ROA"), ("kopi susunya pake gula apa", "KPS")):
        found = catalog.find(query)
        hits = [found.best] if found.best else found.candidates
        assert any(o.sku.startswith(sku) for h in hits for o in h.family.options), query


def test_slang_amounts_and_spoken_times():
    from language.numbers import parse_rupiah
    from marketing.parsing import parse_clock
    assert [parse_rupiah(t) for t in ("2 ceban", "goceng", "gopek", "cepek", "seceng", "min belanja 1jt 500rb")] == [
        20000, 5000, 500, 100, 1000, 1_500_000]
    assert [parse_clock(t) for t in ("jam 12 malam", "jam 2 siang", "jam 1 malam", "jam 8 malam", "jam 12 siang")] == [
        "00:00", "14:00", "01:00", "20:00", "12:00"]
