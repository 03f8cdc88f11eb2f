"""Checkout offers an address the customer already gave (earlier in the chat, or their last
delivered order's) instead of asking for it from scratch."""

from __future__ import annotations

from conversations.customer.checkout import PlaceOrder
from conversations.ports import OrderSummary
from language.places import address_in
from tests.support import NOW, Dialogue, FakeOrders


def to_address_step(d: Dialogue, order: str = "pesan 2 keripik tempe") -> None:
    d.send("halo")
    d.send(order)
    d.send("checkout")
    d.send("Wati")
    d.press("Diantar")


def finish(d: Dialogue) -> PlaceOrder:
    d.press("Lewati")
    d.press("Transfer bank")
    d.press("Pesan sekarang")
    return next(e for e in d.effects if isinstance(e, PlaceOrder))


def test_an_address_inside_a_longer_message_is_read_without_the_talk_around_it():
    assert address_in("pesan 2 daster, kirim ke jl ijen no 5 malang ya kak") == "jl ijen no 5 malang"
    assert address_in("alamatnya Jl. Kawi 12 Klojen, bayar cod") == "Jl. Kawi 12 Klojen"
    assert address_in("pesan 1, alamat: perum griya asri blok c2 sawojajar ya") == "perum griya asri blok c2 sawojajar"
    # an area for the fee, a walk, or too little to deliver to is no address
    assert address_in("pesan 2 keripik, jl ijen no 5 malang") == "jl ijen no 5 malang"
    assert address_in("kirim ke jl ijen no 5 malang bisa?") == "jl ijen no 5 malang"
    for text in ("pesan 2 daster kirim ke jebres", "lagi jalan jalan kak", "jl ijen", "pesan 2 keripik tempe",
                 "tokonya di jl kawi atas ya kak?", "lokasinya jl kawi atas no 12 kan"):
        assert address_in(text) is None


def test_an_address_said_before_checkout_is_offered_and_a_yes_takes_it():
    d = Dialogue()
    to_address_step(d, "pesan 2 keripik tempe, kirim ke jl ijen no 5 malang ya kak")
    assert "Kirim ke alamat ini" in d.text and "jl ijen no 5 malang" in d.text
    assert "Kirim alamat lengkapnya" not in d.text
    d.send("iya kak")
    assert "Dalam Kota Malang" in d.text  # the offered address found its zone like a typed one
    placed = finish(d)
    assert placed.address == "jl ijen no 5 malang" and placed.zone_id == "dalam-kota"
    assert "said_address" not in d.data  # placed: the order's address is the one kept from now on


def test_the_offer_has_a_yes_button_and_another_address_can_be_typed_or_asked_for():
    d = Dialogue()
    to_address_step(d, "pesan 2 keripik tempe, alamatnya jl ijen no 5 malang")
    d.press("Ya, ke alamat ini")
    assert "Dalam Kota Malang" in d.text

    typed = Dialogue()
    to_address_step(typed, "pesan 2 keripik tempe, alamatnya jl ijen no 5 malang")
    typed.send("Jl. Kawi Atas No. 3, Klojen, Malang")
    assert finish(typed).address == "Jl. Kawi Atas No. 3, Klojen, Malang"

    other = Dialogue()
    to_address_step(other, "pesan 2 keripik tempe, alamatnya jl ijen no 5 malang")
    other.press("Alamat lain")
    assert "Kirim alamat lengkapnya" in other.text and "jl ijen" not in other.text
    other.send("ya")  # no address offered any more: "ya" is too short to be one
    assert "terlalu singkat" in other.text


def test_the_last_delivered_order_address_is_offered_when_none_was_said():
    last = OrderSummary("KD-0007", "completed", 40000, NOW, fulfilment="delivery", address="Jl. Ijen No. 5, Malang")
    d = Dialogue(orders=FakeOrders([last]))
    to_address_step(d)
    assert "Kirim ke alamat ini" in d.text and "Jl. Ijen No. 5, Malang" in d.text
    d.press("Ya, ke alamat ini")
    assert finish(d).address == "Jl. Ijen No. 5, Malang"


def test_without_any_known_address_checkout_asks_as_before():
    picked_up = OrderSummary("KD-0007", "completed", 40000, NOW, fulfilment="pickup")
    shared = OrderSummary("KD-0006", "completed", 40000, NOW, fulfilment="delivery", address="📍 -7.97000, 112.63000")
    d = Dialogue(orders=FakeOrders([picked_up, shared]))
    to_address_step(d)
    assert "Kirim alamat lengkapnya" in d.text and "Kirim ke alamat ini" not in d.text
