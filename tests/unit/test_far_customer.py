"""A customer in another city writing as people chat: the fee asked without "ongkir" ("kalau ke
malang brp"), a city's shorthand, their own address inside a long message (not a question about
the shop's), "udah dikirim blm?" without the word "pesanan", and the address kept without the
chat around it."""

from __future__ import annotations

from conversations.ports import OrderSummary
from shops.profile import OutsideZones
from tests.support import NOW, Dialogue, FakeOrders, demo_profile
from tests.unit.test_quote_dialogue import QuoteWorld, to_address


def far_shop():
    return demo_profile().model_copy(update={"outside_zones": OutsideZones(allowed=True)})


def asked(text: str, **kw) -> str:
    chat = Dialogue(shop=far_shop(), **kw)
    chat.send("halo")
    chat.send(text)
    return chat.text


def test_the_fee_asked_without_the_word_ongkir() -> None:
    assert "Ongkir ke Malang (Dalam Kota Malang): *Rp10.000*" in asked("kalau ke malang brp kak")
    assert "Ongkir ke Kota Malang (Dalam Kota Malang)" in asked("klo dikirim ke kt malang berapa")


def test_a_city_shorthand_is_named_in_full_in_the_answer() -> None:
    assert "Ke Surabaya bisa, Kak (Luar kota)" in asked("ongkir ke sby brp kak?")


def test_the_customers_own_address_in_a_long_message_is_not_a_question_about_the_shops() -> None:
    text = asked("mau pesen 2 keripik tempe ya, dikirim ke malang, alamatnya jl ijen no 5 klojen, cod bisa kan kak?")
    assert "Alamat *Dapur Bu Sri*" not in text and "Jl. Kawi Atas" not in text
    assert "Ongkir ke Malang (Dalam Kota Malang)" in text  # the place ends where the address begins
    assert "Alamat *Dapur Bu Sri*" in asked("alamatnya dimana kak?")


def test_sent_yet_without_the_word_order_shows_their_orders() -> None:
    shipped = OrderSummary("KD-0009", "shipped", 58000, NOW, "bank_transfer", None, "delivery",
                           customer_name="Dewi", courier="JNE", tracking_no="JNE123")
    text = asked("udah dikirim blm kak?", orders=FakeOrders([shipped]))
    assert "KD-0009" in text and "JNE123" in text


def test_the_address_is_kept_without_the_chat_around_it() -> None:
    chat = QuoteWorld(name="Dewi")
    to_address(chat, "alamatnya di jl soekarno hatta no 12 rt 3 rw 4 lowokwaru kota malang ya kak 🙏")
    assert chat.data["co"]["address"] == "jl soekarno hatta no 12 rt 3 rw 4 lowokwaru kota malang"
    assert "Area Dalam Kota Malang, ongkir Rp10.000" in chat.text
