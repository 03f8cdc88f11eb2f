"""An older seller says an order is paid the way they would tell a person ("BS-0001 sudah bayar",
"udah tf bs 1", "uangnya udah masuk"); a question ("sudah bayar?") never confirms anything, and a
payment named by the customer's name gets the unpaid orders as buttons (never confirmed by a name)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from conversations.seller.orders import OrderCommand
from conversations.seller.ports import OrderBrief
from orders.lifecycle import Action
from tests.seller_support import MemoryDesk, SellerChat
from tests.support import NOW


@pytest.mark.parametrize("said", ["KD-0042 sudah bayar", "sudah bayar KD-0042", "udah tf kd 42",
                                  "uangnya udah masuk KD-0042 kak", "pesanan KD-0042 sudah lunas ya"])
def test_paid_in_words_with_the_code_confirms_it(said: str) -> None:
    chat = SellerChat()
    chat.send(said)
    assert chat.effects == [OrderCommand("KD-0042", Action.CONFIRM)]


@pytest.mark.parametrize("said", ["KD-0042 sudah bayar?", "KD-0042 belum bayar", "apa KD-0042 udah tf"])
def test_a_question_about_payment_confirms_nothing(said: str) -> None:
    chat = SellerChat()
    chat.send(said)
    assert not any(isinstance(e, OrderCommand) and e.action == Action.CONFIRM for e in chat.effects)


def test_paid_by_the_customers_name_offers_the_unpaid_orders_that_name_first() -> None:
    unpaid = [OrderBrief(code, "pending_payment", total, name, "bank_transfer", "pickup", NOW - timedelta(hours=1))
              for code, name, total in (("KD-0041", "Pak Budi", 175002), ("KD-0042", "Bu Wati", 85001))]
    chat = SellerChat(desk=MemoryDesk(order_briefs={"unpaid": unpaid}))
    chat.send("udah lunas yg bu wati")
    labels = [b.label for r in chat.last for b in r.buttons]
    assert labels == ["✅ Lunas KD-0042 (Bu Wati, Rp85.001)", "✅ Lunas KD-0041 (Pak Budi, Rp175.002)"]
    assert not chat.effects and "lunas KD-0042" in chat.text
    chat.press("Bu Wati")
    assert chat.effects == [OrderCommand("KD-0042", Action.CONFIRM)]
    chat = SellerChat()
    chat.send("udah lunas yg bu wati")
    assert "Tidak ada pesanan yang menunggu pembayaran" in chat.text
