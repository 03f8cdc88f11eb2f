"""The buyer's number for the seller: asked once at checkout when the shop does not have it (a
Telegram share-contact button), optional, and a shared contact mid-checkout keeps the step."""

from __future__ import annotations

from dataclasses import replace

from telegram import ReplyKeyboardMarkup

from bot.channels.telegram_render import plan
from conversations.base import CustomerView
from conversations.customer.checkout import Checkout
from effects.outbox import Outbound
from tests.support import Dialogue


def to_checkout(chat: Dialogue) -> None:
    chat.send("halo")
    chat.send("pesan 1 keripik tempe")
    chat.send("checkout")


def test_a_buyer_without_a_number_is_asked_once_and_may_go_on_without_it():
    chat = Dialogue()
    to_checkout(chat)
    asked = [r for r in chat.last if r.ask_contact]
    assert len(asked) == 1 and "bagikan nomor" in asked[0].text.lower()
    chat.send("", phone="+6281234567890")  # the contact shared: thanked, still at the name
    assert "sudah kami simpan" in chat.text and chat.state == Checkout.NAME
    chat.send("Siti")  # or declined: the checkout goes on
    assert chat.data["co"]["name"] == "Siti"


def test_a_buyer_whose_number_is_known_is_not_asked():
    chat = Dialogue()
    chat.ctx = lambda: replace(Dialogue.ctx(chat), customer=CustomerView(1, None, "+6281234567890"))  # type: ignore[method-assign]
    to_checkout(chat)
    assert not any(r.ask_contact for r in chat.last)


def test_telegram_shows_the_share_contact_button():
    [part] = plan(Outbound("telegram", "42", "Boleh bagikan nomor?", extra={"ask_contact": True}))
    assert isinstance(part.keyboard, ReplyKeyboardMarkup)
    assert part.keyboard.keyboard[0][0].request_contact is True
