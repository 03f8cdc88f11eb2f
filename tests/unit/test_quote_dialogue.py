"""Scripted dialogues for delivery beyond the zones: an address no zone names is never put in
one, "luar kota" with "ongkir menyusul", the customer's accept and refusal of a quote, and the
seller's quote command. The world is played by a fake: what the database does is the
integration tests' business (tests/integration/test_quotes_db.py)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import timedelta
from typing import Any

from conversations.base import settle
from conversations.customer.checkout import OrderPlaced, PlaceOrder
from conversations.customer.payment import CancelOrder, OrderCancelled
from conversations.customer.quote import AcceptQuote, QuoteAccepted, QuoteGone
from conversations.ports import OrderSummary
from orders.lifecycle import Action
from shops.profile import DeliveryZone, OutsideZones
from tests.seller_support import SellerChat
from tests.support import NOW, Dialogue, FakeOrders, demo_profile

SURABAYA = "Jl. Darmo No. 20, Surabaya"


def shop(**outside: Any):
    profile = demo_profile()
    return profile.model_copy(update={"outside_zones": OutsideZones(**outside)}) if outside else profile


@dataclass
class QuoteWorld(Dialogue):
    """A Dialogue whose world also places quote orders and accepts quotes."""

    accepted: list[str] = field(default_factory=list)

    def _apply(self, step):  # type: ignore[no-untyped-def]
        return settle(step, self._outcome, self.ctx())

    def _outcome(self, effect: Any) -> Any:
        self.effects.append(effect)
        if isinstance(effect, PlaceOrder):
            quoted = effect.outside and self.shop.outside_zones.quote or any(
                z.quote for z in self.shop.delivery_zones if z.id == effect.zone_id)
            return OrderPlaced(OrderSummary("KD-0007", "awaiting_quote" if quoted else "pending_payment", 24000, NOW,
                                            effect.payment_method, None if quoted else NOW + timedelta(hours=3),
                                            effect.fulfilment, customer_name=effect.customer_name,
                                            quote_by=NOW + timedelta(hours=12) if quoted else None))
        if isinstance(effect, AcceptQuote):
            order = self.orders.find(1, effect.code)
            if order is None or order.status != "quoted":
                return QuoteGone(effect.code, order)
            self.accepted.append(effect.code)
            return QuoteAccepted(replace(order, status="pending_payment", pay_by=NOW + timedelta(hours=3)))
        if isinstance(effect, CancelOrder):
            return OrderCancelled(replace(self.orders.find(1, effect.code), status="cancelled"))
        return super()._outcome(effect)


def to_address(chat: Dialogue, address: str = SURABAYA) -> None:
    chat.send("halo")
    chat.send("pesan 2 keripik tempe")
    chat.send("checkout")
    chat.press("Diantar")
    chat.send(address)


def test_an_address_beyond_the_zones_is_offered_luar_kota_and_the_fee_follows():
    chat = QuoteWorld(shop=shop(allowed=True), name="Siti")
    to_address(chat)
    buttons = [b.label for r in chat.last for b in r.buttons]
    assert "belum cocok dengan area" in chat.text and "🚚 Luar kota (ongkir menyusul)" in buttons
    assert "Dalam Kota Malang (Rp10.000)" in buttons  # the zones stay offered: the customer may know better
    assert chat.data["co"].get("zone") is None  # nothing chosen for them
    chat.press("Luar kota")
    assert "ongkir menyusul" in chat.text
    chat.press("Lewati")
    chat.send("transfer")
    assert "Ongkir (Luar kota): menyusul" in chat.text and "*Total: Rp24.000 + ongkir*" in chat.text
    chat.send("ya")
    placed = next(e for e in chat.effects if isinstance(e, PlaceOrder))
    assert placed.outside and placed.zone_id is None
    assert "Ongkirnya kami hitung dulu" in chat.text and "transfer" not in chat.text.lower()  # no paying yet


def test_a_shop_that_does_not_ship_beyond_its_zones_says_so_and_offers_pickup():
    chat = QuoteWorld(name="Siti")
    to_address(chat)
    assert "belum bisa kirim ke sana" in chat.text and "ambil sendiri" in chat.text
    assert "Luar kota" not in " ".join(b.label for r in chat.last for b in r.buttons)
    chat.press("Ambil sendiri")
    assert chat.data["co"]["fulfilment"] == "pickup" and "catatan" in chat.text
    chat = QuoteWorld(name="Siti")
    to_address(chat)
    chat.send("luar kota")  # not offered, so not taken
    assert chat.data["co"].get("zone") is None and "Pilih salah satu area" in chat.text


def test_a_fixed_fee_beyond_the_zones_and_a_zone_whose_fee_the_seller_quotes():
    chat = QuoteWorld(shop=shop(allowed=True, fee=50000, name="Luar Malang"), name="Siti")
    to_address(chat)
    chat.press("Luar Malang")
    assert "Luar Malang, ongkir Rp50.000" in chat.text
    profile = demo_profile()
    zones = [z.model_copy(update={"quote": True}) if z.id == "luar-kota" else z for z in profile.delivery_zones]
    chat = QuoteWorld(shop=profile.model_copy(update={"delivery_zones": zones}), name="Siti")
    to_address(chat, "Jl. Raya Singosari 3, Singosari")
    assert "Area Batu & Kab. Malang: ongkir menyusul" in chat.text
    chat = QuoteWorld(name="Siti")
    to_address(chat, "Jl. Ijen 5, Klojen")
    assert "Area Dalam Kota Malang, ongkir Rp10.000" in chat.text  # a named area: as before


def test_only_a_sole_zone_without_areas_takes_every_address():
    everywhere = demo_profile().model_copy(update={"delivery_zones": [DeliveryZone(id="all", name="Antar", fee=15000)]})
    chat = QuoteWorld(shop=everywhere, name="Siti")
    to_address(chat)
    assert "Area Antar, ongkir Rp15.000" in chat.text
    one_named = demo_profile().model_copy(update={"delivery_zones": demo_profile().delivery_zones[:1]})
    chat = QuoteWorld(shop=one_named, name="Siti")
    to_address(chat)
    assert "belum cocok dengan area" in chat.text  # before, a shop with one zone put every address in it


def quoted(code: str = "KD-0007") -> OrderSummary:
    return OrderSummary(code, "quoted", 49123, NOW, "bank_transfer", None, "delivery", unique_code=123,
                        customer_name="Siti", quote_by=NOW + timedelta(hours=12), delivery_fee=25000)


def test_the_customer_accepts_a_quote_by_button_or_by_saying_so_and_then_gets_how_to_pay():
    chat = QuoteWorld(name="Siti", orders=FakeOrders([quoted()]))
    chat.send("halo")
    chat.send(choice="qok:KD-0007")
    assert chat.accepted == ["KD-0007"]
    assert "lanjut dengan total *Rp49.123*" in chat.text and "tepat Rp49.123" in chat.text
    chat = QuoteWorld(name="Siti", orders=FakeOrders([quoted()]))
    chat.send("halo")
    chat.send("ok setuju kak")
    assert chat.accepted == ["KD-0007"]


def test_setuju_without_a_quoted_order_is_not_an_accept_and_two_quoted_orders_ask_which():
    chat = QuoteWorld(name="Siti")
    chat.send("halo")
    chat.send("setuju")
    assert not any(isinstance(e, AcceptQuote) for e in chat.effects)
    chat = QuoteWorld(name="Siti", orders=FakeOrders([quoted("KD-0007"), quoted("KD-0008")]))
    chat.send("halo")
    chat.send("setuju")
    assert chat.accepted == [] and "Ongkir pesanan mana" in chat.text
    chat.press("KD-0008")
    assert chat.accepted == ["KD-0008"]


def test_a_quote_no_longer_waiting_is_not_accepted_and_the_refusal_cancels():
    chat = QuoteWorld(name="Siti", orders=FakeOrders([replace(quoted(), status="expired")]))
    chat.send("halo")
    chat.send(choice="qok:KD-0007")
    assert chat.accepted == [] and "sudah tidak menunggu" in chat.text
    chat = QuoteWorld(name="Siti", orders=FakeOrders([quoted()]))
    chat.send("halo")
    chat.send(choice="ocancel:KD-0007")  # the quote's "Batalkan pesanan"
    chat.press("Ya")
    assert any(isinstance(e, CancelOrder) and e.code == "KD-0007" for e in chat.effects)


def test_the_seller_quotes_by_command_or_by_button_and_is_asked_the_fee_when_missing():
    c = SellerChat()
    c.send("ongkir KD-0042 25rb jne")
    cmd = c.effects[0]
    assert (cmd.code, cmd.action, cmd.fee, cmd.courier) == ("KD-0042", Action.QUOTE, 25000, "JNE")
    c = SellerChat()
    c.send(choice="ongkir:KD-0042")
    assert "Berapa ongkir *KD-0042*" in c.text and not c.effects
    c.send("ya segitu")
    assert "belum kebaca" in c.text and not c.effects
    c.send("gimana ya")  # asked how: what the question wants, still open (conversations.seller.how)
    assert "Ketik ongkirnya dan kurirnya, misal _25rb jne_" in c.text and not c.effects
    c.send("30")  # sellers drop the thousands
    assert (c.effects[0].fee, c.effects[0].courier) == (30000, None)
    c = SellerChat()
    c.send("ongkir KD-0042")
    c.send("batal")
    assert "dibatalkan" in c.text and not c.effects and c.state == ""


def test_an_owner_sets_luar_kota_by_chat_with_a_quoted_or_a_fixed_fee():
    from conversations.seller import shop_words

    assert shop_words.zone("Sleman menyusul") == {"id": "sleman", "name": "Sleman", "fee": 0, "areas": ["sleman"],
                                                    "quote": True}
    found = shop_words.zones("Kota Jogja 10rb\nLuar kota menyusul")
    after = shop_words.zones_change([], found)
    assert [z["id"] for z in after["delivery_zones"]] == ["kota-jogja"]
    assert after["outside_zones"] == {"allowed": True, "fee": None, "name": "Luar kota"}
    assert shop_words.zones_change([], shop_words.zones("luar kota 50rb"))["outside_zones"]["fee"] == 50000
