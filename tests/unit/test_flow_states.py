"""Every stored state names its flow ("checkout:name", "seller_stock:pick"), and a state no
flow knows (left by an older version) is answered with the main menu, never guessed at."""

from __future__ import annotations

import logging
from enum import StrEnum

import pytest

from conversations.customer import browsing, cart, checkout, consent, payment, review
from conversations.seller import broadcast, orders, products, promo, reviews, setup, stock
from handlers import customer, seller
from tests.seller_support import SellerChat
from tests.support import Dialogue
from texts.id import customer as t

FLOWS = {"browsing": browsing.Browse, "cart": cart.Cart, "checkout": checkout.Checkout, "payment": payment.Pay,
         "consent": consent.Consent, "seller_stock": stock.SellerStock, "seller_products": products.SellerProducts,
         "seller_orders": orders.SellerOrders, "seller_promo": promo.SellerPromo,
         "seller_broadcast": broadcast.SellerBroadcast, "seller_setup": setup.SellerSetup,
         "review": review.Review, "seller_reviews": reviews.SellerReviews}


@pytest.mark.parametrize("flow", FLOWS)
def test_each_state_is_prefixed_with_its_flows_name(flow):
    states: type[StrEnum] = FLOWS[flow]
    assert all(s.value.startswith(f"{flow}:") and s.value.count(":") == 1 for s in states)


def test_the_routers_know_every_state_and_no_two_flows_share_one():
    customer_states = {s for name, e in FLOWS.items() if not name.startswith("seller_") for s in e}
    seller_states = {s for name, e in FLOWS.items() if name.startswith("seller_") for s in e}
    assert customer.STATES == customer_states
    assert seller.STATES == seller_states | {""}
    assert sum(len(e) for e in FLOWS.values()) == len(customer_states | seller_states)


def test_a_customer_in_an_unknown_state_gets_the_menu_and_a_warning(caplog):
    chat = Dialogue()
    chat.send("halo")
    chat.send("pesan 2 keripik tempe")
    chat.state = "browse:home"  # a state name from before the flows were renamed
    with caplog.at_level(logging.WARNING, logger="handlers.customer"):
        chat.send("Siti Rahayu")  # as free text this would be a search
    assert chat.state == browsing.Browse.HOME and chat.text == t.MENU.format(product="nama produk")
    assert chat.cart == {"KRP-TMP": 2}  # the cart survives
    assert "unknown state 'browse:home'" in caplog.text


def test_a_seller_in_an_unknown_state_gets_the_seller_menu(caplog):
    chat = SellerChat()
    chat.state = "sp:kind"
    with caplog.at_level(logging.WARNING, logger="handlers.seller"):
        chat.send("diskon")
    assert chat.state == "" and chat.effects == [] and "stok" in chat.text.lower()
    assert "unknown state 'sp:kind'" in caplog.text
