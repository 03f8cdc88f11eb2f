"""Every time limit the README promises, pinned just inside and just outside it, through the
code that applies it (the database-side ones are in tests/integration/test_time_limits_db.py).
Shortening any of them (the 24-hour window to one hour, the 10-minute question to five...)
fails a test here."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.channels.whatsapp_window import Window
from config import Settings
from marketing.broadcasts import SEND, SKIPPED_WINDOW, TEMPLATE, verdict
from orders.lifecycle import after_rejection
from shops.profile import ShopProfile
from storage.models import Order
from tests.seller_support import SellerChat
from tests.support import NOW

JUST = timedelta(seconds=1)
DAY = timedelta(hours=24)


@pytest.mark.parametrize("ago,free", [(DAY - JUST, True), (DAY + JUST, False)])
def test_a_broadcast_reaches_a_whatsapp_customer_freely_only_within_24_hours_of_their_last_message(ago, free):
    when_closed = verdict(True, True, "whatsapp", NOW - ago, has_template=False, now=NOW)
    with_template = verdict(True, True, "whatsapp", NOW - ago, has_template=True, now=NOW)
    assert (when_closed, with_template) == ((SEND, SEND) if free else (SKIPPED_WINDOW, TEMPLATE))
    assert verdict(True, True, "telegram", NOW - ago, has_template=False, now=NOW) == SEND  # Telegram has no window


@pytest.mark.parametrize("ago,free", [(DAY - JUST, True), (DAY + JUST, False)])
def test_the_whatsapp_sender_writes_freely_only_within_24_hours(ago, free):
    assert Window(NOW - ago, True, "Toko", ShopProfile(name="Toko")).open(NOW) is free


def test_the_payment_window_and_the_broadcast_grace_default_to_what_the_readme_says():
    settings = Settings(_env_file=None)
    assert settings.payment_window_minutes == 180 and settings.broadcast_grace_minutes == 60
    assert ShopProfile(name="Toko").payment_window_minutes is None  # a shop may set its own, else the setting


@pytest.mark.parametrize("rejected_after,grace_ends_after", [
    (timedelta(minutes=170), timedelta(minutes=170 + 60)),  # before the deadline: an hour from the rejection
    (timedelta(minutes=250), timedelta(minutes=250 + 60)),  # after it: an hour too
])
def test_a_rejected_proof_gives_an_hour_more(rejected_after, grace_ends_after):
    order = Order(created_at=NOW, pay_by=NOW + timedelta(minutes=180))
    assert after_rejection(order, NOW + rejected_after) == NOW + grace_ends_after


def test_a_rejected_proof_never_gives_more_than_the_window_itself():
    order = Order(created_at=NOW, pay_by=NOW + timedelta(minutes=20))  # a shop with a 20-minute window
    assert after_rejection(order, NOW + timedelta(minutes=25)) == NOW + timedelta(minutes=45)


@pytest.mark.parametrize("minutes,seconds,applied", [(9, 59, True), (10, 1, False)])
def test_the_sellers_which_product_question_holds_ten_minutes(minutes, seconds, applied):
    chat = SellerChat()
    chat.send("stok nastar 15")
    chat.later(minutes=minutes, seconds=seconds)
    chat.press("Nastar Keju")
    assert (chat.change() is not None) is applied
    assert applied or "sudah lewat" in chat.text


@pytest.mark.parametrize("minutes,seconds,applied", [(9, 59, True), (10, 1, False)])
def test_the_sellers_slip_question_holds_ten_minutes(minutes, seconds, applied):
    chat = SellerChat()
    chat.send("harga nastar keju 8rb")  # a tenth of the price looks like a slip: asked first
    chat.later(minutes=minutes, seconds=seconds)
    chat.send("ya")
    assert (chat.change() is not None) is applied


@pytest.mark.parametrize("minutes,seconds,undone", [(9, 59, True), (10, 1, False)])
def test_batalkan_takes_a_change_back_within_ten_minutes(minutes, seconds, undone):
    chat = SellerChat()  # "stok rendang 3" was applied at NOW (the engine keeps this in the seller's data)
    chat.data = {"undo": {"kind": "product", "product_id": 19, "name": "Rendang", "field": "stock", "before": 6,
                          "after": 3, "at": NOW.isoformat()}}
    chat.later(minutes=minutes, seconds=seconds)
    chat.send("batalkan")
    assert bool(chat.effects) is undone
    assert undone or "Tidak ada perubahan" in chat.text
