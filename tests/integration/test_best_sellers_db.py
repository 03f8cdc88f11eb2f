""""Yg paling laris" on a real database: units of paid orders count, an unpaid or a cancelled
order's do not, and the customer's question is answered from them; the first rows by price or by
units sold, read for a ranking over the whole shop."""

from __future__ import annotations

import pytest

from adapters.catalog import DbCatalog, IndexCache
from orders.lifecycle import Action
from storage.db import unit_of_work
from tests.integration.orders_support import act, add_customer, place
from tests.support import EngineChat, seeded_engine


@pytest.fixture
def shop(db_url):
    return seeded_engine(db_url)


def sold(sessions, *skus: str) -> dict[str, int]:
    with unit_of_work(sessions) as s:
        return DbCatalog(s, 1, IndexCache()).units_sold(list(skus))


def test_units_sold_count_paid_orders_only(shop):
    _, sessions = shop
    buyer = add_customer(sessions, "budi")
    paid = place(sessions, buyer, lines=(("KRP-TMP", 2), ("SBL-BWG", 1)))
    act(sessions, paid, Action.CONFIRM)
    place(sessions, buyer, lines=(("SBL-BWG", 5),))  # never paid
    refunded = place(sessions, buyer, lines=(("KRP-KTG", 4),))
    act(sessions, refunded, Action.CONFIRM)
    act(sessions, refunded, Action.CANCEL_BY_SELLER)
    cod = place(sessions, buyer, method="cod", fulfilment="pickup", lines=(("KRP-TMP", 1),))
    act(sessions, cod, Action.COMPLETE)  # cash collected at pickup: paid
    assert sold(sessions, "KRP-TMP", "SBL-BWG", "KRP-KTG", "KRP-PSG-CKL") == {"KRP-TMP": 3, "SBL-BWG": 1}
    with unit_of_work(sessions) as s:  # the whole shop's first rows, as a ranking over it reads them
        catalog = DbCatalog(s, 1, IndexCache())
        assert [p.sku for p in catalog.leading("sold", 5)] == ["KRP-TMP", "SBL-BWG"]
        every = catalog.products()
        for by, key in (("cheap", lambda p: (p.price, p.id)), ("dear", lambda p: (-p.price, p.id))):
            assert [p.sku for p in catalog.leading(by, 4)] == [p.sku for p in sorted(every, key=key)[:4]]


def test_the_best_seller_question_is_answered_from_paid_orders(shop):
    engine, sessions = shop
    chat = EngineChat(engine, "sari")
    chat.send("halo")
    chat.send("yg paling laris apa kak?")
    assert "belum punya catatan penjualan" in chat.text
    buyer = add_customer(sessions, "budi")
    act(sessions, place(sessions, buyer, lines=(("KRP-PSG-CKL", 3), ("KRP-TMP", 1))), Action.CONFIRM)
    chat.send("best seller nya apa kak")
    assert "Keripik Pisang Coklat 200g" in chat.text.split("\n")[0] and "3 terjual" in chat.text
