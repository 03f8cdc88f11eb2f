"""The loyalty reward on a real database: earned by completed orders, taken at order time once
even when two checkouts of the same customer race for it (one wins, the other is told the
discount changed), and given back when the order that took it is cancelled."""

from __future__ import annotations

from orders.lifecycle import Action
from orders.placing import Line, OrderRequest, place_order
from marketing.pricing import PromoChanged, loyalty_card
from storage.db import unit_of_work
from storage.regular_models import LoyaltyRedemption
from tests.integration.orders_support import act, add_customer, count, order, place, run_together
from tests.support import NOW, EngineChat, demo_profile, seeded_engine


def card(sessions, customer: int):  # type: ignore[no-untyped-def]
    with sessions() as s:
        return loyalty_card(s, 1, customer)


def test_the_reward_is_taken_once_by_two_checkouts_at_once_and_given_back_on_cancel(db_url):
    engine, sessions = seeded_engine(db_url)
    engine.clock = lambda: NOW
    EngineChat(engine, "penjual").send("setiap 2 pesanan dapat potongan 10rb")  # the seller's rule, by chat
    siti = add_customer(sessions, "siti")
    for _ in range(2):
        code = place(sessions, siti, fulfilment="pickup", method="cod")
        act(sessions, code, Action.COMPLETE)
    assert card(sessions, siti).ready
    chat = EngineChat(engine, "siti")
    chat.send("stempel saya")
    assert "2 dari 2" in chat.text and "Rp10.000" in chat.text

    placed: list[str] = []

    def checkout() -> None:
        req = OrderRequest(shop_id=1, customer_id=siti, channel="simulator", customer_name="Siti", fulfilment="pickup",
                           payment_method="cod", lines=(Line("KUE-KST", 1),), expected_discount=10000)
        with unit_of_work(sessions) as s:
            try:
                placed.append(place_order(s, demo_profile(), req, NOW, 180, actor=f"customer:{siti}").code)
            except PromoChanged:
                return
            s.commit()

    assert run_together(checkout, checkout) == []
    assert len(placed) == 1 and order(sessions, placed[0]).discount == 10000
    assert count(sessions, LoyaltyRedemption) == 1
    assert not card(sessions, siti).ready and card(sessions, siti).balance == 0

    act(sessions, placed[0], Action.CANCEL_BY_SELLER)  # the order that took it is cancelled: stamps back
    assert card(sessions, siti).ready
