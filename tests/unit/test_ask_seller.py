"""No reply sends a customer to "contact the seller" without the way to do it from this chat: the
"Tanya penjual" button (conversations.customer.ask_seller) under each, carrying why (the product
and quantity, the cart), typed as its label on WhatsApp too; and "batal" said to a seller in a
chat (conversations.customer.handoff): relayed, with the way out and, for an order, the way to
cancel it. No I/O."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from bot.channels.whatsapp_render import with_choices
from bot.messages import Outbound
from conversations.base import Turn
from conversations.customer import handoff
from conversations.customer.ask_seller import ASK_ABOUT
from conversations.customer.handoff import OpenHandoff, Relayed, RelayToSeller
from conversations.ports import HandoffView, ListedHandoffs, OrderSummary
from language.questions import handoff_request
from catalog.products import MemoryCatalog
from tests.support import NOW, Dialogue, FakeOrders, demo_products, demo_profile

ASK = "🙋 Tanya penjual"


def labels(chat: Dialogue) -> list[str]:
    return [b.label for r in chat.last for b in r.buttons]


def opened(chat: Dialogue) -> OpenHandoff:
    [effect] = [e for e in chat.effects if isinstance(e, OpenHandoff)]
    return effect


@pytest.mark.parametrize("said, wanted", [(["keripik tempe", "1500"], "1.500"),
                                          (["pesan 2000 keripik tempe"], "2.000"),
                                          (["pesan 1 keripik tempe", "keripiknya jadi 1000"], "1.000"),
                                          (["pesan 900 keripik tempe", "pesan 200 keripik tempe"], "1.100")])
def test_more_than_chat_takes_offers_the_seller_with_the_product_and_quantity(said, wanted):
    chat = Dialogue(catalog=MemoryCatalog(demo_products(KRP_TMP=5000)))
    chat.send("halo")
    for text in said:
        chat.send(text)
    assert "Maksimal 999" in chat.text and "hubungi penjual" not in chat.text.lower()
    assert "pilih *Tanya penjual*" in chat.text and labels(chat)[0] == ASK
    chat.press("Tanya penjual")
    about = opened(chat).about
    assert f"{wanted} × Keripik Tempe" in about and "999" in about
    assert chat.state == "browsing:home" and "sku" not in chat.data  # the quantity question is left


def test_on_whatsapp_the_button_typed_as_its_label_asks_the_seller_with_the_context():
    chat = Dialogue()
    chat.send("halo")
    chat.send("keripik tempe")
    chat.send("1500")  # a quantity step: WhatsApp shows "ketik: Tanya penjual / ...", not numbers
    [reply] = chat.last
    assert not reply.numbered and "Tanya penjual" in with_choices(Outbound("whatsapp", "+62811", reply.text, reply.buttons))
    chat.send("tanya penjual")
    assert "1.500 × Keripik Tempe" in opened(chat).about


@pytest.mark.parametrize("text", ["tanya penjual", "Tanya penjual", "🙋 Tanya penjual", "mau tanya ke admin dong"])
def test_the_buttons_label_typed_anywhere_asks_for_a_person(text):
    assert handoff_request(text) == "talk"  # e.g. after a notice, whose buttons are not remembered


@pytest.mark.parametrize("text", ["tanya penjual rendangnya pedas?", "tanya bu sri", "tanya"])
def test_a_question_that_merely_starts_so_is_still_a_question(text):
    assert handoff_request(text) is None


def test_a_shop_without_payment_methods_offers_the_seller_with_the_cart():
    chat = Dialogue(shop=demo_profile().model_copy(update={"payment_methods": []}))
    chat.send("halo")
    chat.send("pesan 2 keripik tempe")
    chat.send("checkout")
    chat.send("Siti")
    chat.press("Ambil sendiri")
    chat.press("Lewati")
    assert "belum mengatur cara bayar" in chat.text and labels(chat)[0] == ASK
    assert "hubungi penjual" not in chat.text.lower() and "Keranjang Kakak tetap tersimpan" in chat.text
    chat.press("Tanya penjual")
    about = opened(chat).about
    assert "belum mengatur cara bayar" in about and "2 × Keripik Tempe" in about
    assert chat.cart == {"KRP-TMP": 2}


def test_what_the_shop_does_not_sell_can_be_asked_of_the_seller_here_not_only_by_phone():
    chat = Dialogue()
    chat.send("halo")
    chat.send("mie ayam 1")
    assert "belum jual “mie ayam”" in chat.text and "pilih *Tanya penjual*" in chat.text
    assert "+6281234500011" in chat.text and ASK in labels(chat)
    chat.press("Tanya penjual")
    assert (opened(chat).kind, opened(chat).question) == ("question", "mie ayam 1")


def test_a_forged_or_stale_button_still_only_asks_for_a_person():
    chat = Dialogue()
    chat.send("halo")
    chat.send(choice=ASK_ABOUT.pack("NO-SUCH", "qty", 5))
    assert opened(chat).about == "Ingin bicara dengan penjual." and opened(chat).order_code is None


def order(code: str, status: str = "pending_payment", **kw) -> OrderSummary:
    return OrderSummary(code, status, 65001, NOW - timedelta(hours=1), "bank_transfer", NOW + timedelta(hours=2), **kw)


def in_chat(*orders: OrderSummary, status: str = "open"):
    chat = Dialogue(orders=FakeOrders(list(orders)))
    chat.send("halo")
    view = HandoffView(7, status, "talk", "Siti", seller_id=3 if status == "open" else None)
    return chat, replace(chat.ctx(), handoffs=ListedHandoffs([view], customer_id=1))


def relay(chat: Dialogue, ctx, text: str, cancel_code: str = ""):
    step = handoff.intercept(chat.state, chat.data, Turn(text=text), ctx)
    assert step.effects == [RelayToSeller(7, text, cancel_code=cancel_code)]  # the seller reads it, whatever the bot adds
    return step.then(step, [Relayed(waiting=False)], ctx)


def test_batal_to_a_seller_reaches_them_and_the_customer_learns_how_to_end_the_chat():
    chat, ctx = in_chat()
    told = relay(chat, ctx, "batal")
    assert told.state == chat.state and told.data == chat.data
    assert "teruskan ke penjual" in told.replies[0].text and "*selesai*" in told.replies[0].text
    assert relay(chat, ctx, "oke kak").replies == []  # anything else: the seller answers, the bot is quiet


def test_cancelling_an_unpaid_order_in_a_chat_reaches_the_seller_and_the_customer_can_do_it_themselves():
    chat, ctx = in_chat(order("KD-0003"))
    told = relay(chat, ctx, "batalkan pesanan saya kak", "KD-0003")  # the only order they could cancel
    assert "belum dibayar" in told.replies[0].text and "KD-0003" in told.replies[0].text
    [button] = told.replies[0].buttons
    chat.state, chat.data = told.state, told.data
    chat.send(choice=button.value)  # buttons work during a chat: the usual question, then the cancel
    assert "Yakin batalkan pesanan *KD-0003*" in chat.text
    chat.press("Ya, batalkan")
    assert type(chat.effects[-1]).__name__ == "CancelOrder" and chat.effects[-1].code == "KD-0003"


def test_cancelling_a_paid_order_in_a_chat_is_left_to_the_seller_who_reads_it():
    chat, ctx = in_chat(order("KD-0003", "paid", paid_at=NOW))
    told = relay(chat, ctx, "batal KD-0003", "KD-0003")
    assert "diurus penjual di chat ini" in told.replies[0].text and not told.replies[0].buttons


def test_cancelling_an_order_not_theirs_or_unnamed_among_several_names_none():
    chat, ctx = in_chat(order("KD-0003"), order("KD-0004"))
    assert relay(chat, ctx, "batalkan pesanan").replies[0].text.startswith("📨 Permintaan batal")
    assert not relay(chat, ctx, "batal KD-0999").replies[0].buttons


def test_the_seller_in_a_chat_runs_an_order_command_only_with_a_slash():
    from tests.seller_support import SellerChat
    from conversations.seller.handoff import SellerHandoff

    seller = SellerChat()
    seller.state, seller.data = SellerHandoff.CHAT, {"handoff": 7, "name": "Siti"}
    seller.send("batal KD-0003")
    assert [type(e).__name__ for e in seller.effects] == ["RelayToCustomer"]
    seller.send("/batal KD-0003")
    assert [type(e).__name__ for e in seller.effects][-1] == "OrderCommand" and seller.state == SellerHandoff.CHAT
    seller.send("/batal")  # no order named: still words for the customer
    assert [type(e).__name__ for e in seller.effects][-1] == "RelayToCustomer"


def test_a_waiting_customer_still_leaves_the_queue_with_batal():
    chat, ctx = in_chat(status="waiting")
    step = handoff.intercept(chat.state, chat.data, Turn(text="batal"), ctx)
    assert type(step.effects[0]).__name__ == "LeaveHandoff"
