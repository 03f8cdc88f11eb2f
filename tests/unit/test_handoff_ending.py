"""A customer ending their chat with a seller (language.questions.ends_chat): where the line runs
between a message that ends the chat and one that is for the seller, and what the flows make of
each; the seller's side of it (conversations.seller.handoff: the notice, leaving the chat)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from conversations.base import Turn
from conversations.customer import handoff
from conversations.customer.handoff import LeaveHandoff, RelayToSeller
from conversations.ports import HandoffView, ListedHandoffs
from conversations.seller import handoff as seller_handoff
from conversations.seller.handoff import CloseHandoff, Closed, SellerHandoff
from language.questions import ends_chat
from language.words import END_CHAT
from tests.seller_support import SellerChat
from tests.support import Dialogue

ENDS = ["selesai", "Selesai kak", "udah kak makasih, selesai", "akhiri chat", "tutup chat", "sudah cukup kak",
        "Sudah cukup kak, makasih 🙏", "udh kak mksh selesaiii", "tutup chatnya aja ya min",
        "sekian dulu kak, terima kasih", "makasih infonya kak, sekian", "udahan dulu ya kak", "kembali ke bot",
        "oke kak sudah jelas, makasih banyak, selesai", "selesai chat dengan penjual", "sudah selesai kak, makasih",
        "akhiri percakapan", "cukup sekian kak", "Terima kasih kak, chat selesai"]
FOR_THE_SELLER = ["sudah selesai transfer kak", "pesanan saya selesai belum?", "pesanan saya sudah selesai",
                  "pesanannya sudah selesai kak", "sudah selesai tf 50rb", "kapan selesai", "selesai jam 3",
                  "selesai?", "belum selesai kak", "kalau sudah selesai kabari ya", "sudah selesai dikirim",
                  "transfer sudah selesai", "udah selesai kak",  # "done" may be the errand the seller asked for
                  "cukup kak", "cukup 2 aja", "cukup segitu kak",  # an answer to the seller's question
                  "tutup", "tutup jam berapa", "makasih kak", "udah kak", "ok kak ditunggu", "udah itu aja kak",
                  "batal", "keluar", "menu", ""]


@pytest.mark.parametrize("text", ENDS)
def test_a_whole_message_asking_to_end_the_chat_ends_it(text):
    assert ends_chat(text)


@pytest.mark.parametrize("text", FOR_THE_SELLER)
def test_a_sentence_with_those_words_in_it_is_for_the_seller(text):
    assert not ends_chat(text)


def test_every_word_a_seller_closes_with_ends_a_customers_chat_too():
    assert END_CHAT == seller_handoff.CLOSE
    assert all(ends_chat(phrase) for phrase in END_CHAT)


def open_chat(status: str = "open", cart: dict[str, int] | None = None) -> tuple[Dialogue, object]:
    chat = Dialogue()
    chat.send("halo")
    if cart:
        chat.data["cart"] = cart
    view = HandoffView(7, status, "talk", "Siti", seller_id=3 if status == "open" else None)
    return chat, replace(chat.ctx(), handoffs=ListedHandoffs([view], customer_id=1))


def test_in_an_open_chat_the_customer_ends_it_with_the_sellers_own_close():
    chat, ctx = open_chat(cart={"KRP-TMP": 1})
    step = handoff.intercept(chat.state, chat.data, Turn(text="udah kak makasih, selesai"), ctx)
    assert step.effects == [CloseHandoff(7, 3, by_customer=True)]
    told = step.then(step, [Closed("Siti")], ctx)
    assert told.state == chat.state and told.data == chat.data  # their own step resumes where it was
    text = told.replies[0].text
    assert "diakhiri" in text and "bot kami" in text and "*menu*" in text and "*keranjang*" in text


def test_in_an_open_chat_a_sentence_with_selesai_is_relayed_to_the_seller():
    chat, ctx = open_chat()
    for text in ("sudah selesai transfer kak", "pesanan saya selesai belum?"):
        step = handoff.intercept(chat.state, chat.data, Turn(text=text), ctx)
        assert step.effects == [RelayToSeller(7, text)] and step.replies == []


def test_a_waiting_customer_leaves_the_queue_with_batal_or_with_words_that_end_the_chat():
    chat, ctx = open_chat("waiting")
    for text in ("batal", "sudah cukup kak"):
        step = handoff.intercept(chat.state, chat.data, Turn(text=text), ctx)
        assert step.effects == [LeaveHandoff(7)] and "dibatalkan" in step.replies[0].text
    step = handoff.intercept(chat.state, chat.data, Turn(text="sudah selesai transfer kak"), ctx)
    assert step.effects == [RelayToSeller(7, "sudah selesai transfer kak")]


def test_the_seller_is_told_who_ended_and_offered_who_waits_next():
    alone = seller_handoff.ended_notice(Closed("Siti"))
    assert "Siti* mengakhiri chat" in alone.text and not alone.buttons and "Berikutnya" not in alone.text
    notice = seller_handoff.ended_notice(Closed("Siti", "Budi", "complaint", 12))
    assert "Berikutnya di antrian: *Budi* (komplain)" in notice.text
    assert [(b.label, b.value) for b in notice.buttons] == [("💬 Layani Budi", seller_handoff.TAKE.pack(12))]
    for state, data in (("", {}), (SellerHandoff.CHAT, {"handoff": 5})):  # idle, or in another customer's chat
        seller = SellerChat()
        seller.state, seller.data = state, data
        seller.send(choice=notice.buttons[0].value)
        assert [(type(e).__name__, e.handoff_id) for e in seller.effects] == [("TakeHandoff", 12)]


def test_the_seller_leaves_the_chat_their_customer_ended_and_no_other():
    data = {"handoff": 7, "name": "Siti", "question": "halal?", "answer": "iya", "undo": {"x": 1}, "keep": 1}
    assert seller_handoff.left_by_customer(SellerHandoff.CHAT, data, 7) == ("", {"keep": 1})
    assert seller_handoff.left_by_customer(SellerHandoff.CHAT, data, 8) is None  # in another customer's chat now
    assert seller_handoff.left_by_customer("", {"keep": 1}, 7) is None
