"""Cash on delivery only where the shop collects the cash itself: pickup and its own delivery
zones (unless the seller turns a zone's COD off), never "luar kota" unless the seller turns it on
(ShopProfile.cod_for). Out of town a parcel goes by courier and one refused at the door comes
back at the seller's cost."""

from __future__ import annotations

from conversations.customer.checkout import PlaceOrder
from shops.profile import OutsideZones
from tests.support import Dialogue, demo_profile
from tests.unit.test_quote_dialogue import QuoteWorld, to_address


def shop(outside_cod: bool = False, **zone_cod: bool):
    profile = demo_profile()
    zones = [z.model_copy(update={"cod": zone_cod.get(z.id.replace("-", "_"), True)}) for z in profile.delivery_zones]
    return profile.model_copy(update={"delivery_zones": zones,
                                      "outside_zones": OutsideZones(allowed=True, cod=outside_cod)})


def labels(chat: Dialogue) -> list[str]:
    return [b.label for r in chat.last for b in r.buttons]


def to_payment(chat: Dialogue, address: str) -> None:
    to_address(chat, address)
    if "belum cocok" in chat.text:
        chat.press("Luar kota")
    chat.press("Lewati")


def test_luar_kota_is_not_offered_cod_and_cod_typed_is_refused_with_where_it_is_taken():
    chat = QuoteWorld(shop=shop(), name="Rina")
    to_payment(chat, "Jl. Raya Darmo 45, Surabaya")
    assert not any("COD" in b for b in labels(chat)) and any("Transfer" in b for b in labels(chat))
    assert "COD (bayar di tempat) hanya untuk Dalam Kota Malang" in chat.text and "ambil sendiri" in chat.text
    chat.send("cod aja kak")
    assert "payment" not in chat.data["co"] and "hanya untuk" in chat.text
    chat.send("transfer")
    chat.send("eh ganti cod aja")  # at the summary: still refused, the summary stays
    assert chat.data["co"]["payment"] == "bank_transfer" and "hanya untuk" in chat.text
    chat.send("ya")
    assert next(e for e in chat.effects if isinstance(e, PlaceOrder)).payment_method == "bank_transfer"


def test_the_shops_own_zones_and_pickup_keep_cod():
    chat = QuoteWorld(shop=shop(), name="Rina")
    to_payment(chat, "Jl. Ijen 5, Klojen")
    assert any("COD" in b for b in labels(chat)) and "hanya untuk" not in chat.text
    chat.send("cod")
    chat.send("ya")
    assert next(e for e in chat.effects if isinstance(e, PlaceOrder)).payment_method == "cod"


def test_the_seller_decides_cod_per_zone_and_beyond_the_zones():
    chat = QuoteWorld(shop=shop(outside_cod=True), name="Rina")
    to_payment(chat, "Jl. Raya Darmo 45, Surabaya")
    assert any("COD" in b for b in labels(chat))
    chat = QuoteWorld(shop=shop(luar_kota=False), name="Rina")
    to_payment(chat, "Jl. Raya Singosari 3, Singosari")
    assert not any("COD" in b for b in labels(chat)) and "*Batu & Kab. Malang*" in chat.text


def test_cod_asked_says_where_it_is_taken():
    chat = Dialogue(shop=shop())
    chat.send("halo")
    chat.send("cod bisa?")
    assert "Bisa COD (bayar di tempat) untuk Dalam Kota Malang, Batu & Kab. Malang, ambil sendiri di toko" in chat.text
    assert "luar kota" in chat.text
    chat = Dialogue()  # the demo shop ships nowhere beyond its zones: COD wherever it goes
    chat.send("halo")
    chat.send("cod bisa?")
    assert "Bisa COD (bayar di tempat), Kak 👍" in chat.text


def test_the_owner_turns_cod_beyond_the_zones_on_and_off_by_chat() -> None:
    from tests.unit.test_shop_setup_dialogue import configured

    owner = configured()
    owner.send("terima cod luar kota")
    assert owner.shop.outside_zones.cod and "COD luar kota: tidak" in owner.text and "→ bisa" in owner.text
    owner.send("batalkan")
    assert not owner.shop.outside_zones.cod
    owner.send("cod luar kota")
    owner.send("matikan cod luar kota")
    assert not owner.shop.outside_zones.cod
