"""An older seller asks "caranya gimana?" at any point: at rest they get how to do what they
named (or the menu), in the middle of a question what that question wants, the question kept
open and nothing changed; "ok" / "makasih" after an answer is chat, not an unknown command."""

from __future__ import annotations

import pytest

from conversations.seller.products import SellerProducts
from language.how import asks_how
from tests.seller_support import SellerChat


@pytest.mark.parametrize("text, topic", [
    ("caranya gimana?", ""), ("bingung kak", ""), ("terus gimana kak?", ""), ("ga ngerti", ""),
    ("gmn cara nambah barang", "new_product"), ("cara ganti harga gimana ya", "price"),
    ("caranya ganti stok gmn", "stock"), ("gimana cara liat pembukuan", "books"), ("cara upload foto", "photo"),
])
def test_a_question_how_is_read_with_what_it_is_about(text: str, topic: str) -> None:
    assert asks_how(text) == topic


@pytest.mark.parametrize("text", ["gimana rasanya", "stok nastar gimana", "harga nastar 25rb",
                                  "Gimana kabarnya kak? Ada promo nastar baru minggu ini lho", "laporan bulan ini"])
def test_words_that_do_not_ask_how(text: str) -> None:
    assert asks_how(text) is None


def test_asked_how_at_rest_names_the_command_with_the_shops_own_products() -> None:
    chat = SellerChat()
    chat.send("gmn cara nambah barang")
    assert "produk baru Nama Barang 35rb stok 10" in chat.text and not chat.effects
    chat.send("cara ganti harga gimana ya")
    assert "harga keripik singkong 25rb" in chat.text and not chat.effects
    chat.send("caranya gimana?")
    assert "Menu Penjual" in chat.text
    chat.send("cara bayar")  # a command of its own (the payment menu), not a question how
    assert "Menu Penjual" not in chat.text


def test_asked_how_in_the_middle_of_a_new_product_is_never_taken_as_the_answer() -> None:
    chat = SellerChat()
    chat.send("produk baru")
    chat.send("caranya gimana?")
    assert chat.state == SellerProducts.NEW_NAME and "nama produk barunya saja" in chat.text
    assert "new" in chat.data and not chat.data["new"].get("name")
    chat.send("Bolu Pandan")
    chat.send("gimana ini?")
    assert chat.state == SellerProducts.NEW_PRICE and "Ketik harganya saja" in chat.text and "batal" in chat.text
    chat.send("35rb")
    assert chat.state == SellerProducts.NEW_STOCK


@pytest.mark.parametrize("said, answer", [("ok", "Siap, Kak"), ("ya", "Siap, Kak"), ("siap bu", "Siap, Kak"),
                                          ("makasih ya", "Sama-sama, Kak")])
def test_ok_and_thanks_are_answered_as_chat(said: str, answer: str) -> None:
    chat = SellerChat()
    chat.send("harga keripik pedas 16rb")
    chat.send(said)
    assert answer in chat.text and "belum kami kenal" not in chat.text and not chat.effects


def test_a_greeting_with_words_around_it_opens_the_menu() -> None:
    chat = SellerChat()
    chat.send("pagi kak")
    assert "Menu Penjual" in chat.text


def test_a_price_for_a_product_not_in_the_shop_says_how_to_add_it() -> None:
    chat = SellerChat()
    chat.send("hrga nasi goreng jd 17rb")
    assert "belum ada di toko" in chat.text and "produk baru Nasi Goreng Rp17.000 stok 10" in chat.text
    assert not chat.effects
    chat.send("produk baru Nasi Goreng Rp17.000 stok 10")  # the example typed as shown works
    made = chat.effects[0]
    assert (made.name, made.price, made.stock) == ("Nasi Goreng", 17000, 10)
