"""Personal offers by chat: one sentence names who bought a product before but not lately, and
the broadcast goes on from the message with that audience already chosen."""

from __future__ import annotations

from dataclasses import dataclass
from zoneinfo import ZoneInfo

import pytest

from catalog.products import MemoryCatalog
from conversations.base import CustomerView
from conversations.seller.ports import SellerCtx
from marketing.broadcasts import Segment
from tests.seller_support import SellerChat
from tests.support import FakeOrders, demo_products


@dataclass
class OfferChat(SellerChat):
    def ctx(self) -> SellerCtx:
        return SellerCtx(self.shop, MemoryCatalog(demo_products()), CustomerView(9), FakeOrders(), self.now,
                         ZoneInfo("Asia/Jakarta"), seller=self.me, desk=self.desk, examples=self.examples())


@pytest.mark.parametrize("sentence, days", [
    ("kirim promo ke yang pernah beli kastengel tapi 30 hari tidak", 30),
    ("Kirim promo ke pelanggan yang pernah beli kastengel, tapi sudah 14 hari tidak beli lagi", 14),
    ("broadcast ke yang pernah beli kastengel tapi tidak beli lagi 45 hari terakhir", 45),
])
def test_the_sentence_chooses_the_audience_and_the_broadcast_asks_for_the_message(sentence, days):
    chat = OfferChat()
    chat.send(sentence)
    assert chat.state == "seller_broadcast:text" and "Kastengel" in chat.text and f"{days} hari" in chat.text
    chat.send("Halo {nama}, kastengel diskon 10% minggu ini!")
    segment = Segment.from_json(chat.data["bc_draft"]["segment"])
    assert segment == Segment(skus=("KUE-KST",), lapsed_days=days)
    assert chat.state != "seller_broadcast:audience"  # not asked again who it goes to


def test_an_unknown_product_is_said_and_nothing_starts():
    chat = OfferChat()
    chat.send("kirim promo ke yang pernah beli sepatu kulit tapi 30 hari tidak")
    assert "tidak kami temukan" in chat.text and chat.state == ""
