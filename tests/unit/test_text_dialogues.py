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
