"""Normalisation, quantities, Rupiah amounts and order lines in Indonesian chat text."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from language.numbers import parse_quantity, parse_rupiah
from language.order_lines import split_order_text
from language.text import SLANG, SYNONYMS, normalize, tokens


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Keripik Pedas", "keripik pedas"),
        ("KRIPIK PEDES", "keripik pedas"),
        ("kripick pedess", "keripik pedas"),
        ("keripick", "keripik"),
        ("enak bangeeet", "enak banget"),
        ("pedeeees", "pedas"),
        ("Sambel Bwg", "sambal bawang"),
        ("sambal ijo!!!", "sambal hijau"),
        ("beras item", "beras hitam"),
        ("cokelat", "coklat"),
        ("kue kering", "kue kering"),
        ("Nastar Keju 500gr", "nastar keju 500g"),
        ("500 gram", "500g"),
        ("500 gr", "500g"),
        ("500g", "500g"),
        ("500GRM", "500g"),
        ("1 kg", "1kg"),
        ("2 kilo", "2kg"),
        ("250 ML", "250ml"),
        ("1 liter", "1l"),
        ("1 ltr", "1l"),
        ("1,5 liter", "1.5l"),
        ("gram", "g"),
        ("Crème brûlée", "creme brulee"),
        ("kopi   susu\n", "kopi susu"),
        ("kopsu", "kopi susu"),
        ("Rendang Sapi 500g (beku)", "rendang sapi 500g beku"),
        ("Otak-otak", "otak otak"),
        ("🙏🙏", ""),
        ("", ""),
    ],
)
def test_normalize_brings_spellings_to_one_form(text: str, expected: str) -> None:
    assert normalize(text) == expected


def test_tokens_are_the_words_of_the_normalised_text() -> None:
    assert tokens("Mau KRIPIK pedes 250 gr!") == ["mau", "keripik", "pedas", "250g"]


@given(st.text())
def test_normalize_is_idempotent(text: str) -> None:
    once = normalize(text)
    assert normalize(once) == once


def test_slang_and_synonym_tables_only_hold_forms_that_can_be_looked_up() -> None:
    # SLANG sees single folded tokens; SYNONYMS sees normalised text. A key in any
    # other form would silently never match.
    for key, value in SLANG.items():
        assert key.isalnum() and key == key.lower() and len(key.split()) == 1, key
        assert normalize(value) == value, value
    for key, value in SYNONYMS.items():
        assert normalize(key) == key, key
        assert normalize(value) == value, value


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2", 2), ("10", 10), ("2x", 2), ("x2", 2), ("2 x", 2), ("2pcs", 2), ("2 bungkus", 2),
        ("3 aja kak", 3), ("1.000", 1000),
        ("nol", 0), ("satu", 1), ("dua", 2), ("sembilan", 9), ("sepuluh", 10), ("sebelas", 11),
        ("dua belas", 12), ("dua puluh", 20), ("dua puluh lima", 25), ("seratus", 100),
        ("seratus lima puluh", 150), ("dua ratus", 200), ("seribu", 1000),
        ("selusin", 12), ("setengah lusin", 6), ("2 lusin", 24), ("dua lusin", 24),
        ("sebiji", 1), ("sebungkus", 1), ("sepack", 1), ("Dua Puluh", 20),
        ("-2", -2), ("-10 pcs", -10),
        ("halo kak", None), ("", None), ("nastar 500g", None), ("dimsum isi 10", None),
        ("15rb", None), ("setengah", None), ("1,5", None), ("sedang", None),
    ],
)
def test_parse_quantity_reads_digits_words_and_dozens(text: str, expected: int | None) -> None:
    assert parse_quantity(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("15rb", 15_000), ("15 rb", 15_000), ("15ribu", 15_000), ("15 ribu", 15_000),
        ("15.000", 15_000), ("15,000", 15_000), ("15k", 15_000), ("15K", 15_000),
        ("Rp 15.000", 15_000), ("Rp15.000", 15_000), ("rp. 15000", 15_000),
        ("IDR 15000", 15_000), ("15000", 15_000), ("Rp 15.000,-", 15_000),
        ("1,5jt", 1_500_000), ("1.5 juta", 1_500_000), ("2 juta", 2_000_000),
        ("2rb", 2_000), ("2.500", 2_500), ("2,5rb", 2_500),
        ("15.000,00", 15_000), ("15,000.00", 15_000), ("Rp 1.250.000", 1_250_000),
        ("harga 25rb kak", 25_000), ("2 bungkus 15rb", 15_000),
        ("lima belas ribu", 15_000), ("seribu", 1_000),
        ("halo", None), ("", None), ("2kg", None), ("500g", None),
    ],
)
def test_parse_rupiah_reads_every_way_of_writing_an_amount(text: str, expected: int | None) -> None:
    assert parse_rupiah(text) == expected


@given(st.integers(min_value=1, max_value=10**9))
def test_parse_rupiah_reads_dotted_thousands_with_and_without_rp(n: int) -> None:
    dotted = f"{n:,}".replace(",", ".")
    assert parse_rupiah(dotted) == n
    assert parse_rupiah(f"Rp{dotted}") == n
    assert parse_rupiah(f"{n:,}") == n


@given(st.integers(min_value=0, max_value=10**6))
def test_parse_quantity_reads_any_plain_number(n: int) -> None:
    assert parse_quantity(str(n)) == n


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("pesan 2 keripik pedas sama 1 sambal bawang", [(2, "keripik pedas"), (1, "sambal bawang")]),
        ("mau 3 nastar keju, 2 kastengel", [(3, "nastar keju"), (2, "kastengel")]),
        ("beli keripik pedas 2 dan sambal bawang 1", [(2, "keripik pedas"), (1, "sambal bawang")]),
        ("dua keripik pedas + satu sambal", [(2, "keripik pedas"), (1, "sambal")]),
        ("kripik pedes 2x ya kak\nsambel bwg x1", [(2, "keripik pedas"), (1, "sambal bawang")]),
        ("keripik pedas 2 sambal bawang 1", [(2, "keripik pedas"), (1, "sambal bawang")]),
        ("2 keripik 3 nastar", [(2, "keripik"), (3, "nastar")]),
        ("order nastar keju & kastengel", [(1, "nastar keju"), (1, "kastengel")]),
        ("nastar keju 500 gr 2", [(2, "nastar keju 500g")]),
        ("2 dimsum isi 10", [(2, "dimsum isi 10")]),
        ("dimsum isi 10", [(1, "dimsum isi 10")]),
        ("setengah lusin nastar terus selusin kastengel", [(6, "nastar"), (12, "kastengel")]),
        ("2 lusin nastar keju", [(24, "nastar keju")]),
        ("sebungkus keripik ama 2 botol teh rosella", [(1, "keripik"), (2, "teh rosella")]),
        ("tolong saya mau 2 porsi rendang min", [(2, "rendang")]),
        ("pesen dua puluh lima risol gan", [(25, "risoles")]),
        ("-2 keripik", [(-2, "keripik")]),
        ("halo kak", []),
        ("makasih ya sis", []),
        ("🙏🙏", []),
        ("", []),
        ("2", []),
    ],
)
def test_split_order_text_finds_each_product_and_its_quantity(
    text: str, expected: list[tuple[int, str]]
) -> None:
    assert split_order_text(text) == expected


@given(st.text())
def test_parsers_never_fail_on_any_text(text: str) -> None:
    quantity, amount = parse_quantity(text), parse_rupiah(text)
    assert quantity is None or isinstance(quantity, int)
    assert amount is None or (isinstance(amount, int) and amount >= 0)
    for qty, name in split_order_text(text):
        assert isinstance(qty, int) and name == normalize(name) and name


@given(st.from_regex(r"(?:rp ?)?[0-9.,]{1,60}(?: ?(?:rb|jt|k))?", fullmatch=True))
def test_parsers_never_fail_on_number_soup(text: str) -> None:
    amount = parse_rupiah(text)
    assert amount is None or amount >= 0
    parse_quantity(text)
    split_order_text(text)


@pytest.mark.parametrize("text", ["9" * 5000, "Rp " + "9" * 40, "9" * 30 + "rb", "0812345678901234567"])
def test_digit_runs_too_long_to_be_amounts_are_ignored(text: str) -> None:
    assert parse_quantity(text) is None
    assert parse_rupiah(text) is None


def test_a_line_whose_fillers_are_taken_out_is_still_normalised():
    # Found by the property test above: "pc" taken out left "0 g" side by side.
    [(qty, name)] = split_order_text("AB0PC:G")
    assert name == normalize(name)
