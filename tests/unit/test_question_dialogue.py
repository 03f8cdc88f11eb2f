"""Scripted dialogues for questions about the shop and its products: every answer comes from the
shop's data, so each question is asked of two shops with different facts, and the cart never moves."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timezone
from zoneinfo import ZoneInfo

import pytest

from catalog.products import MemoryCatalog
from conversations.base import Ctx
from shops.profile import DeliveryZone, OutsideZones, PaymentMethod
from tests.support import NOW, Dialogue, demo_products, demo_profile

SOLO = {"name": "Omah Ratna", "address": "Jl. Dr. Rajiman No. 47, Laweyan", "phone": "081327700088",
        "latitude": None, "longitude": None, "opening_hours": "Setiap hari 09.00-17.00", "minimum_order": 30000,
        "pickup": False, "delivery_time": "2-4 hari lewat ekspedisi",
        "payment_methods": [PaymentMethod(kind="bank_transfer", bank="BRI", account_number="0152998811",
                                          account_holder="Ratna")],
        "delivery_zones": [DeliveryZone(id="solo", name="Dalam Kota Solo", fee=12000, areas=["laweyan", "jebres"]),
                           DeliveryZone(id="raya", name="Solo Raya", fee=0, areas=["kartasura"], quote=True)],
        "outside_zones": OutsideZones(allowed=True, fee=None)}


def chat(**facts) -> Dialogue:
    d = Dialogue(shop=demo_profile().model_copy(update=facts))
    d.send("halo")
    return d


def ask(text: str, **facts) -> str:
    d = chat(**facts)
    d.send(text)
    assert d.cart == {} and d.effects == []
    return d.text


@pytest.mark.parametrize("text", ["buka jam berapa?", "jam buka", "tokonya buka sampe jam brp?"])
def test_opening_hours_and_open_now_come_from_the_shop(text):
    malang = ask(text)  # Monday 13.00 WIB
    assert "Senin–Sabtu 08.00–20.00" in malang and "sedang buka" in malang and "20.00" in malang
    solo = ask(text, **SOLO)
    assert "Setiap hari 09.00-17.00" in solo and "sampai pukul 17.00" in solo


@dataclass
class At(Dialogue):
    """A dialogue at another moment than the tests' usual Monday 13.00 WIB."""

    now: datetime = NOW

    def ctx(self) -> Ctx:
        return replace(super().ctx(), now=self.now, tz=ZoneInfo(self.shop.timezone))


def test_closed_now_says_when_the_shop_opens_in_its_own_time_zone():
    late = At(now=datetime(2026, 11, 28, 14, 0, tzinfo=timezone.utc))  # Saturday 21.00 WIB
    late.send("halo")
    late.send("masih buka ga kak")  # Sunday is not in "Senin–Sabtu"
    assert "sedang tutup" in late.text and "Senin pukul 08.00" in late.text
    late.send("hari minggu buka?")
    assert "Minggu: tutup" in late.text
    late.shop = late.shop.model_copy(update={"opening_hours": "Setiap hari 06.00-22.00"})
    late.send("masih buka ga kak")
    assert "sedang buka" in late.text and "22.00" in late.text
    late.shop = late.shop.model_copy(update={"timezone": "Asia/Makassar"})  # 22.00 WITA there
    late.send("masih buka ga kak")
    assert "sedang tutup" in late.text and "besok pukul 06.00" in late.text


@pytest.mark.parametrize("text", ["alamatnya dimana?", "tokonya dimana", "alamat"])
def test_address_with_a_maps_link(text):
    malang = ask(text)
    assert "Jl. Kawi Atas No. 12" in malang and "https://maps.google.com/?q=-7.971630,112.623380" in malang
    solo = ask(text, **SOLO)
    assert "Rajiman" in solo and "maps" not in solo


@pytest.mark.parametrize("text", ["bisa minta nomor wa nya kak?", "no hp penjualnya berapa", "kontak admin?"])
def test_contact_number_and_whatsapp_link(text):
    assert "https://wa.me/6281234500011" in ask(text)
    assert "081327700088" in ask(text, **SOLO) and "https://wa.me/6281327700088" in ask(text, **SOLO)


def test_payment_methods_yes_and_no():
    assert "Bisa COD" in ask("bisa cod?") and "Bisa bayar pakai QRIS" in ask("bisa qris?")
    assert "belum bisa COD" in ask("bisa cod?", **SOLO) and "belum bisa bayar pakai QRIS" in ask("bisa qris?", **SOLO)
    assert "BRI 0152998811 a.n. Ratna" in ask("rekening nya apa kak", **SOLO)
    everything = ask("bayarnya bisa pake apa aja?")
    assert "BCA 3150123456" in everything and "QRIS" in everything and "COD" in everything


def test_delivery_fee_for_an_area_a_quoted_zone_and_beyond_the_zones():
    assert "Batu & Kab. Malang): *Rp20.000*" in ask("ongkir ke Batu berapa?")
    assert "belum kirim ke Surabaya" in ask("kirim ke surabaya bisa?")
    assert "Dalam Kota Solo): *Rp12.000*" in ask("ongkos kirim ke jebres", **SOLO)
    assert "menyusul" in ask("ongkir ke kartasura brp kak", **SOLO)
    assert "menyusul" in ask("ongkir ke surabaya?", **SOLO)  # beyond the zones, quoted
    assert "menyusul" in ask("bisa kirim luar kota?", **SOLO)
    listed = ask("ongkir")
    assert "Rp10.000" in listed and "Rp20.000" in listed and "Ambil sendiri: gratis" in listed
    assert "Ambil sendiri" not in ask("ongkir", **SOLO)


def test_minimum_order_pickup_and_delivery_time():
    assert "Tidak ada minimal" in ask("minimal order berapa kak?")
    assert "Rp30.000" in ask("min order?", **SOLO)
    assert "rumah pagar hijau" in ask("bisa ambil sendiri ke toko?")
    assert "belum bisa diambil sendiri" in ask("bisa pickup kak?", **SOLO)
    assert "1–2 jam" in ask("pengiriman berapa lama kak?")
    assert "2-4 hari" in ask("kalau kirim ke jakarta sampe berapa hari?", **SOLO)


def test_two_questions_in_one_message_get_both_answers():
    both = ask("kak kalo cod bisa ga? trus ongkir ke klojen brp")
    assert "Bisa COD" in both and "Rp10.000" in both


def test_a_question_at_checkout_is_answered_and_the_checkout_waits():
    d = chat()
    d.send("pesan 1 keripik tempe")
    d.send("checkout")
    state = d.state
    d.send("ongkir ke batu berapa?")
    assert "Rp20.000" in d.text and d.state == state and d.cart == {"KRP-TMP": 1}
    d.send("Siti")  # the checkout's own question still takes the answer
    assert d.data["co"]["name"] == "Siti"


@pytest.mark.parametrize("text", ["nastar keju 500 berapaan kak?", "nastar keju masih ada?", "harga nastar keju brp"])
def test_a_product_question_answers_price_and_stock_and_leaves_the_cart(text):
    d = chat()
    d.send(text)
    assert d.cart == {} and "Rp85.000" in d.text and "stok 10" in d.text
    d.press("+2")
    assert d.cart == {"KUE-NST-KJU": 2}


def test_a_product_question_follows_the_catalog():
    gone = Dialogue(catalog=MemoryCatalog(demo_products(FRZ_RDG=0)))
    gone.send("halo")
    gone.send("rendang ready?")
    assert "sedang habis" in gone.text and "+1" not in [b.label for r in gone.last for b in r.buttons]
    assert "Ada, Kak" in ask("rendang ready?") and "Rp120.000" in ask("rendang ready?")


@pytest.mark.parametrize("text", ["ada bakso?", "kue bawang ada kak?", "jual martabak ga"])
def test_what_the_shop_does_not_sell_is_said_plainly(text):
    said = ask(text)
    assert "tidak menjual" in said and "Rp" not in said
