"""A customer in another city writing as people chat: the fee asked without "ongkir" ("kalau ke
malang brp"), a city's shorthand, their own address inside a long message (not a question about
the shop's), "udah dikirim blm?" without the word "pesanan", and the address kept without the
chat around it."""

from __future__ import annotations

from conversations.customer.checkout import PlaceOrder
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


def test_a_voice_note_order_keeps_every_line_before_the_talk_about_delivery() -> None:
    from language.order_lines import order_lines

    said = ("kak aku mau pesen keripik tempe satu sama sambal roa dua buat ibu aku di surabaya bisa cod ga "
            "terus ongkirnya berapa ya")
    assert [(line.name, line.qty) for line in order_lines(said)] == [("keripik tempe", 1), ("sambal roa", 2)]
    assert [(line.name, line.qty) for line in order_lines("pesan 2 nastar buat acara di rumah besok")] == [("nastar", 2)]
    chat = Dialogue(shop=far_shop())
    chat.send("halo")
    chat.send(said)
    assert chat.cart == {"KRP-TMP": 1, "SBL-ROA": 2}


def test_at_checkout_a_dash_is_no_note_a_yes_takes_the_one_way_left_and_setuju_places_it() -> None:
    shop = far_shop()
    shop = shop.model_copy(update={"payment_methods": [m for m in shop.payment_methods if m.kind != "qris"]})
    chat = QuoteWorld(shop=shop, name="Rina")
    to_address(chat, "Jl. Raya Darmo 45, Surabaya")
    chat.press("Luar kota")
    chat.send("-")
    assert "Mau bayar pakai apa" in chat.text and chat.data["co"]["note"] is None
    chat.send("ok kak")  # COD is not for luar kota: the transfer is the one way left
    assert chat.data["co"]["payment"] == "bank_transfer" and "Ringkasan pesanan" in chat.text
    chat.send("setuju")
    assert next(e for e in chat.effects if isinstance(e, PlaceOrder)).payment_method == "bank_transfer"


def test_as_before_after_a_quantity_is_no_product_and_keeps_the_quantity() -> None:
    from language.order_lines import order_lines

    for said in ("pesan keripik tempe 2 yg kmrn", "pesan keripik tempe 2 kayak biasa ya kak"):
        assert [(line.name, line.qty) for line in order_lines(said)] == [("keripik tempe", 2)], said


def test_dalam_kota_is_the_shops_own_area_and_a_typo_of_ongkir_still_asks_the_fee() -> None:
    text = asked("ongkir dlm kota brp kak")
    assert "Luar kota" not in text.split("\n")[0] and "Dalam Kota Malang: Rp10.000" in text  # the list, no claim
    assert "Ongkir ke Bantul" not in asked("ongkr ke batu") and "Batu" in asked("ongkr ke batu")
    assert "Ongkir ke Sleman" not in asked("ongkir ke daerah singosari")
    assert "Ongkir ke Singosari (Batu & Kab. Malang)" in asked("ongkir ke daerah singosari")
