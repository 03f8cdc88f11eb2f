"""Loyalty as dialogues and rules: the seller's sentences become a rule, a customer sees their
stamps, and a ready reward is its own line in the checkout summary (the promotion engine's
"reward" level: after every promo, never competing with one). Taking it once under a race:
tests/integration/test_loyalty_race.py."""

from __future__ import annotations

import pytest

from conversations.customer.checkout import PlaceOrder
from conversations.ports import MemoryMarketing
from marketing.loyalty import REWARD_ID, Card, Rule, parse_rule, reward_promotion
from marketing.promotions import Line, Promotion, price
from tests.seller_support import SellerChat
from tests.support import NOW
from tests.unit.test_promo_dialogue import PromoDialogue, to_confirm

TEN_ORDERS = Rule(10, 20000)


@pytest.mark.parametrize("sentence, rule", [
    ("setiap 10 pesanan dapat potongan 20rb", Rule(10, 20000)),
    ("Tiap 5 order diskon Rp15.000", Rule(5, 15000)),
    ("tiap belanja 50rb dapat 1 stempel, 10 stempel potongan 25rb", Rule(10, 25000, 50000)),
    ("setiap belanja Rp100.000 dapat 2 stempel. 8 stempel dapat potongan 30 ribu", Rule(8, 30000, 50000)),
    ("setiap 10 pesanan", None),
    ("tiap hari buka jam 8", None),
])
def test_the_sellers_sentences(sentence, rule):
    assert parse_rule(sentence) == rule


def test_stamps_per_order_or_per_rupiah_and_the_reward_once_ready():
    assert Rule(10, 20000).stamps_for(999_000) == 1 and Rule(10, 25000, 50000).stamps_for(149_000) == 2
    card = Card(TEN_ORDERS, earned=12, spent=10, taken=1)
    assert card.balance == 2 and card.missing == 8 and reward_promotion(card, "x") is None
    assert reward_promotion(Card(TEN_ORDERS, 10, 0, 0), "x").value == 20000


def test_the_reward_stacks_after_a_cart_promo_and_never_exceeds_what_is_left():
    lines = [Line("KRP-TMP", "Keripik Tempe", "Keripik", 12000, 2)]
    reward = reward_promotion(Card(TEN_ORDERS, 10, 0, 0), "Hadiah")
    cart_promo = Promotion(7, "Hemat", "fixed", 5000)
    priced = price(lines, [cart_promo, reward], NOW)
    assert [(d.promo_id, d.amount) for d in priced.discounts] == [(7, 5000), (REWARD_ID, 19000)]


def test_the_seller_sets_shows_and_stops_the_rule():
    seller = SellerChat()
    seller.send("setiap 10 pesanan dapat potongan 20rb")
    assert "Rp20.000" in seller.text and type(seller.effects[0]).__name__ == "SetLoyaltyRule"
    seller.send("tiap belanja 50rb dapat 1 stempel, 10 stempel potongan 500")
    assert "minimal Rp1.000" in seller.text and seller.effects == []
    seller.send("stempel stop")
    assert type(seller.effects[0]).__name__ == "StopLoyaltyRule"


def customer(card: Card | None) -> PromoDialogue:
    chat = PromoDialogue(promos=MemoryMarketing([], card=card))
    chat.send("halo")
    return chat


def test_a_customer_sees_their_stamps_and_what_is_missing():
    chat = customer(Card(TEN_ORDERS, 7, 0, 0))
    chat.send("poin saya")
    assert "7 dari 10" in chat.text and "Kurang 3 stempel" in chat.text and "Rp20.000" in chat.text
    chat = customer(None)
    chat.send("stempel saya")
    assert "belum punya program stempel" in chat.text


def test_a_ready_reward_is_its_own_line_in_the_summary_and_goes_into_the_order():
    chat = customer(Card(TEN_ORDERS, 10, 0, 0))
    chat.send("stempel saya")
    assert "sudah bisa dapat potongan *Rp20.000*" in chat.text
    chat.send("pesan 2 kastengel")
    to_confirm(chat)
    assert "Hadiah stempel" in chat.text and "Rp20.000" in chat.text
    chat.send("ya")
    placed = next(e for e in chat.effects if isinstance(e, PlaceOrder))
    assert placed.discount == 20000
