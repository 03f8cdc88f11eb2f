"""Scripted dialogues of issue 17: the question the bot asked is remembered (the number typed
next is its answer), and the cart is edited by text, each edit saying what changed."""

from __future__ import annotations

from tests.option_support import option_catalog
from tests.support import Dialogue


def chat(**stock: int) -> Dialogue:
    d = Dialogue(catalog=option_catalog(**stock), name="Rina")
    d.send("halo")
    return d


def test_the_number_typed_after_ketik_jumlah_answers_it():
    d = chat()
    d.send("kastengel 500 10")  # only 6 left: "ketik jumlah 6 atau kurang"
    assert "tinggal 6" in d.text and d.cart == {}
    d.send("yaudah 6 aja")
    assert d.cart == {"KST-500": 6}
    d = chat()
    d.send("nastar keju 500 berapaan kak?")  # a question: shown, not added
    assert d.cart == {}
    d.send("ok kak ambil 1")
    assert d.cart == {"NST-KJ-500": 1}
    d = chat()
    d.send("sambal 1")  # which sambal? the quantity waits
    d.send("roa")
    assert d.cart == {"SBL-ROA": 1}


def test_a_new_order_while_we_asked_how_many_is_an_order():
    d = chat()
    d.send("kastengel 500 10")
    d.send("nastar keju 250 2")
    assert d.cart == {"NST-KJ-250": 2}


def filled() -> Dialogue:
    d = chat()
    d.send("keripik pedas 1, nastar keju 250 2, sambal roa 1")
    assert d.cart == {"KRS-PDS": 1, "NST-KJ-250": 2, "SBL-ROA": 1}
    return d


def test_cart_edits_by_text_say_what_changed():
    d = filled()
    d.send("keripiknya jadi 3 aja")
    assert d.cart == {"KRS-PDS": 3, "NST-KJ-250": 2, "SBL-ROA": 1}
    assert "Keripik Singkong — Pedas*: 1 → 3" in d.text
    d.send("hapus sambal")
    assert d.cart == {"KRS-PDS": 3, "NST-KJ-250": 2} and "Sambal Roa 150ml* (1) dihapus" in d.text
    d.send("nastarnya ganti yang 500 aja")
    assert d.cart == {"KRS-PDS": 3, "NST-KJ-500": 2} and "Nastar Keju — 250g* (2) diganti *Nastar Keju — 500g*" in d.text
    d.send("nomor 1 jadi 4")
    assert d.cart == {"KRS-PDS": 4, "NST-KJ-500": 2}
    d.send("ga jadi yang kastengel")  # not in the cart: said, nothing changes
    assert d.cart == {"KRS-PDS": 4, "NST-KJ-500": 2} and "tidak ada di keranjang" in d.text
    d.send("kurangi nastar 1")
    assert d.cart == {"KRS-PDS": 4, "NST-KJ-500": 1} and "2 → 1" in d.text
    d.send("kosongkan keranjang")
    assert d.cart == {} and "Keranjang dikosongkan" in d.text


def test_an_edit_that_fits_two_lines_asks_which_and_changes_nothing():
    d = chat()
    d.send("keripik pedas 1, keripik original 1")
    d.send("keripiknya jadi 3")
    assert d.cart == {"KRS-PDS": 1, "KRS-ORI": 1} and "yang mana" in d.text


def test_lanjut_bayar_starts_the_checkout():
    d = filled()
    d.send("udah itu aja, lanjut bayar ya kak")
    assert d.state.startswith("checkout")
