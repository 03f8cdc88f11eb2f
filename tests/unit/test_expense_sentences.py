"""Money sentences as sellers type them: kind, guessed category, amount and note; and the
sentences that are something else come back None so the seller's router tries its commands."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from books.accounts import Category, Kind
from books.expense_parsing import category_named, parse_money_sentence

E, CAP, DRAW, INC = Kind.EXPENSE, Kind.CAPITAL, Kind.DRAWING, Kind.INCOME
C = Category


@pytest.mark.parametrize(
    ("text", "kind", "category", "amount", "note"),
    [
        ("beli gas 25rb", E, C.OPERATIONAL, 25_000, "beli gas"),
        ("bayar listrik 150rb", E, C.OPERATIONAL, 150_000, "bayar listrik"),
        ("belanja bahan 350rb di pasar", E, C.RAW_MATERIALS, 350_000, "belanja bahan di pasar"),
        ("gaji karyawan 1,5jt", E, C.WAGES, 1_500_000, "gaji karyawan"),
        ("modal masuk 2jt", CAP, C.CAPITAL, 2_000_000, "modal masuk"),
        ("tarik 500rb buat pribadi", DRAW, C.DRAWING, 500_000, "tarik buat pribadi"),
        ("sewa kios 1jt", E, C.RENT, 1_000_000, "sewa kios"),
        ("bensin 20rb", E, C.TRANSPORT, 20_000, "bensin"),
        ("ongkos kurir 15rb", E, C.TRANSPORT, 15_000, "ongkos kurir"),
        ("Bayar WiFi Rp 350.000", E, C.OPERATIONAL, 350_000, "Bayar WiFi"),
        ("bayar token listrik 100k", E, C.OPERATIONAL, 100_000, "bayar token listrik"),
        ("beli tepung terigu 2 karung 300rb", E, C.RAW_MATERIALS, 300_000, "beli tepung terigu 2 karung"),
        ("belanja di pasar 275.000", E, C.RAW_MATERIALS, 275_000, "belanja di pasar"),
        ("beli 3 dus kemasan 45.000", E, C.RAW_MATERIALS, 45_000, "beli 3 dus kemasan"),
        ("beli telor 2kg 56rb", E, C.RAW_MATERIALS, 56_000, "beli telor 2kg"),
        ("belanja alat masak 200rb", E, C.OPERATIONAL, 200_000, "belanja alat masak"),
        ("upah asisten 75rb", E, C.WAGES, 75_000, "upah asisten"),
        ("gaji kurir 500rb", E, C.WAGES, 500_000, "gaji kurir"),
        ("bayar kontrakan 1jt 500rb", E, C.RENT, 1_500_000, "bayar kontrakan"),
        ("sewa lapak pasar malam 150rb", E, C.RENT, 150_000, "sewa lapak pasar malam"),
        ("isi bensin goceng", E, C.TRANSPORT, 5_000, "isi bensin"),
        ("parkir 2rb", E, C.TRANSPORT, 2_000, "parkir"),
        ("ongkir jne 18rb", E, C.TRANSPORT, 18_000, "ongkir jne"),
        ("bayar gojek antar pesanan 12rb", E, C.TRANSPORT, 12_000, "bayar gojek antar pesanan"),
        ("bayar iklan ig 50rb", E, C.OPERATIONAL, 50_000, "bayar iklan ig"),
        ("beli pulsa 2 ceban", E, C.OPERATIONAL, 20_000, "beli pulsa"),
        ("tambah modal 5 juta", CAP, C.CAPITAL, 5_000_000, "tambah modal"),
        ("setor modal Rp 1.000.000", CAP, C.CAPITAL, 1_000_000, "setor modal"),
        ("ambil uang 300rb buat keperluan rumah", DRAW, C.DRAWING, 300_000, "ambil uang buat keperluan rumah"),
        ("prive 250rb", DRAW, C.DRAWING, 250_000, "prive"),
        ("terima uang arisan 200rb", INC, C.OTHER, 200_000, "terima uang arisan"),
        ("tadi bayar tukang 150rb", E, C.OTHER, 150_000, "bayar tukang"),
        ("bayar lain-lain 30rb", E, C.OTHER, 30_000, "bayar lain-lain"),
        ("Beli Gas 3kg 22.000", E, C.OPERATIONAL, 22_000, "Beli Gas 3kg"),
        ("beli gas dua puluh dua ribu", E, C.OPERATIONAL, 22_000, "beli gas dua puluh dua ribu"),
        # Shops that do not cook: a batik or clothing seller's materials are raw materials too
        ("beli kain 500rb", E, C.RAW_MATERIALS, 500_000, "beli kain"),
        ("beli benang sama kancing 75rb", E, C.RAW_MATERIALS, 75_000, "beli benang sama kancing"),
        ("beli pewarna batik 120rb", E, C.RAW_MATERIALS, 120_000, "beli pewarna batik"),
        ("ongkos jahit 20 potong 400rb", E, C.WAGES, 400_000, "ongkos jahit 20 potong"),
    ],
)
def test_money_sentences_are_read(text: str, kind: Kind, category: Category, amount: int, note: str) -> None:
    found = parse_money_sentence(text)
    assert found is not None
    assert (found.kind, found.category, found.amount, found.note) == (kind, category, amount, note)


@pytest.mark.parametrize(
    "text",
    [
        # seller commands with amounts or numbers
        "harga sambal bawang 18rb", "harga kering tempe naik 2rb", "stok keripik pedas 20", "stok +10 nastar",
        "nastar laku 3", "produk baru Bolu Pandan 35rb stok 10", "diskon 10% untuk kategori Keripik",
        "potongan Rp2.000 per item", "2 keripik pedas + 1 sambal roa Rp45.000", "batas stok rendang 3",
        "kirim KD-0042 JNE 1234567", "lunas KD-0042", "rekap minggu ini",
        # ingredients alone might be a product: a verb is needed
        "tahu bulat 5rb", "tepung 50rb",
        # money words without an amount, and chatter
        "beli bensin", "bayar listrik", "halo", "", "makasih", "🙏", "gaji",
        # amounts too big to be real
        "beli gas 9999999999999",
    ],
)
def test_other_sentences_are_not_money(text: str) -> None:
    assert parse_money_sentence(text) is None


def test_a_sentence_with_no_category_word_is_lainnya_and_says_it_guessed_nothing() -> None:
    found = parse_money_sentence("bayar 40rb")
    assert found is not None and found.category == C.OTHER and found.kind == E and not found.guessed
    assert parse_money_sentence("bayar listrik 40rb").guessed  # type: ignore[union-attr]


@pytest.mark.parametrize("text", ["kemarin beli gas 25rb", "kmrn bayar parkir 2rb", "kemaren sore belanja bahan 90rb"])
def test_yesterday_is_noted(text: str) -> None:
    found = parse_money_sentence(text)
    assert found is not None and found.days_ago == 1
    assert not found.note.lower().startswith("kem") and not found.note.startswith("kmrn")


def test_today_by_default() -> None:
    assert parse_money_sentence("tadi beli gas 25rb").days_ago == 0  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("word", "category"),
    [("gaji", C.WAGES), ("bahan baku", C.RAW_MATERIALS), ("Bahan", C.RAW_MATERIALS), ("ops", C.OPERATIONAL),
     ("operasional", C.OPERATIONAL), ("sewa", C.RENT), ("transportasi", C.TRANSPORT), ("modal", C.CAPITAL),
     ("prive", C.DRAWING), ("pribadi", C.DRAWING), ("lain-lain", C.OTHER), ("lainnya", C.OTHER),
     ("ganti ke gaji", C.WAGES), ("halo", None), ("", None)],
)
def test_a_category_is_named_by_a_word(word: str, category: Category | None) -> None:
    assert category_named(word) == category


@given(st.text(max_size=80))
def test_any_text_gives_none_or_a_positive_amount(text: str) -> None:
    found = parse_money_sentence(text)
    assert found is None or (found.amount > 0 and found.category in Category and found.kind in Kind)
