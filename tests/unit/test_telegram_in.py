"""Telegram updates (the shared sample shapes) translated into the engine's Inbound."""

from __future__ import annotations

import copy
import json

import pytest
from telegram import Bot, Update

from bot.channels.telegram_in import Membership, e164, translate
from bot.channels.telegram_render import callback_data
from tests import samples

SAMPLES = samples.TELEGRAM
BOT = Bot("7012345678:AAFakeTokenForTests_0123456789abcdefXYZ")


def sample(name: str) -> dict:
    return json.loads((SAMPLES / name).read_text(encoding="utf-8"))


def update(data: dict) -> Update:
    return Update.de_json(data, BOT)


def test_a_private_text_becomes_an_inbound_keyed_by_update_id():
    got = translate(update(sample("private_text.json")), "7012345678")
    inbound = got.inbound
    assert (inbound.channel, inbound.sender, inbound.message_id) == ("telegram", "5123456789", "804211001")
    assert inbound.text.startswith("Halo kak, kaos batik") and inbound.profile_name == "Siti Rahayu"
    assert inbound.account == "7012345678" and got.callback_id is None and not inbound.edited


def test_start_with_a_deep_link_payload_keeps_the_payload_apart_from_the_command():
    inbound = translate(update(sample("start_deeplink.json"))).inbound
    assert (inbound.text, inbound.start_payload) == ("/start", "promo_RAMADAN25-ig")


def test_a_start_payload_telegram_would_not_allow_is_dropped():
    data = sample("start_deeplink.json")
    data["message"]["text"] = "/start <script>"
    assert translate(update(data)).inbound.start_payload is None


def test_a_command_from_the_menu_reads_as_its_word_with_or_without_the_bot_name():
    data = sample("private_text.json")
    for text, word in [("/katalog@tokobatiksekar_bot", "katalog"), ("/keranjang", "keranjang"),
                       ("/cari nastar", "cari nastar")]:
        data["message"]["text"] = text
        assert translate(update(data)).inbound.text == word


def test_a_photo_keeps_only_the_largest_file_id_and_its_caption():
    inbound = translate(update(sample("photo_payment_proof.json"))).inbound
    assert [m.ref for m in inbound.media] == [sample("photo_payment_proof.json")["message"]["photo"][-1]["file_id"]]
    assert inbound.text.startswith("Bukti transfer INV-2025-000123")


def test_an_image_sent_as_a_file_counts_as_media():
    data = sample("private_text.json")
    del data["message"]["text"]
    data["message"]["document"] = {"file_id": "BQACAgUAAx", "file_unique_id": "AgAD", "mime_type": "image/png"}
    assert [(m.ref, m.content_type) for m in translate(update(data)).inbound.media] == [("BQACAgUAAx", "image/png")]


def test_photos_of_one_album_share_one_message_id_so_only_the_first_is_answered():
    first, second = sample("photo_payment_proof.json"), sample("photo_payment_proof.json")
    second["update_id"] += 1
    second["message"]["message_id"] += 1
    for data in (first, second):
        data["message"]["media_group_id"] = "13912345678901234"
    ids = {translate(update(d)).inbound.message_id for d in (first, second)}
    assert ids == {"album:13912345678901234"}


def test_a_location_and_a_venue_give_coordinates_and_an_address():
    inbound = translate(update(sample("location.json"))).inbound
    assert (inbound.latitude, inbound.longitude, inbound.address) == (-6.175392, 106.827153, None)
    data = sample("location.json")
    data["message"]["venue"] = {"location": data["message"]["location"], "title": "Monas",
                                "address": "Gambir, Jakarta Pusat"}
    assert translate(update(data)).inbound.address == "Monas, Gambir, Jakarta Pusat"


def test_a_shared_contact_gives_the_phone_in_e164():
    assert translate(update(sample("contact_share.json"))).inbound.phone == "+6281234567890"


def test_someone_elses_contact_card_gives_no_phone():
    shared = sample("contact_share.json")
    shared["message"]["contact"]["user_id"] = 999
    assert translate(update(shared)).inbound.phone is None
    del shared["message"]["contact"]["user_id"]  # a card of someone not on Telegram
    assert translate(update(shared)).inbound.phone is None


@pytest.mark.parametrize("raw", ["6281234567890", "+6281234567890", "081234567890", " +62 812-3456-7890 "])
def test_indonesian_numbers_in_every_common_form_normalise_to_one_e164(raw):
    assert e164(raw) == "+6281234567890"


def test_a_number_that_is_no_phone_number_gives_none():
    assert e164("12") is None and e164("halo") is None


def test_a_button_press_is_a_choice_with_the_callback_to_answer():
    got = translate(update(sample("callback_query_inline_keyboard.json")))
    assert got.inbound.choice == "order:confirm:INV-2025-000123" and got.inbound.message_id == "804211004"
    assert got.inbound.sender == "5123456789" and got.inbound.pressed is None
    assert got.callback_id == "4382917465012345678"


def test_a_press_on_a_page_message_names_that_message_so_the_next_page_can_replace_it():
    data = sample("callback_query_inline_keyboard.json")
    data["callback_query"]["data"] = callback_data("c:1:1", page=True)
    inbound = translate(update(data)).inbound
    assert (inbound.choice, inbound.pressed) == ("c:1:1", "1205")


def test_a_press_on_a_digest_button_reads_as_its_label_typed_out():
    data = sample("callback_query_inline_keyboard.json")
    digest = callback_data("zone:" + "x" * 80)
    data["callback_query"]["message"]["reply_markup"]["inline_keyboard"][1][0]["callback_data"] = digest
    data["callback_query"]["data"] = digest
    inbound = translate(update(data)).inbound
    assert (inbound.choice, inbound.text) == (None, "💳 Cara bayar")


def test_an_edited_message_is_marked_as_an_edit():
    inbound = translate(update(sample("edited_message.json"))).inbound
    assert inbound.edited and inbound.message_id == "804211007" and "XL" in inbound.text


def test_blocking_and_unblocking_the_bot_are_membership_changes():
    blocked = sample("my_chat_member_blocked.json")
    assert translate(update(blocked)) .membership == Membership("6234567890", reachable=False)
    back = copy.deepcopy(blocked)
    back["my_chat_member"]["old_chat_member"], back["my_chat_member"]["new_chat_member"] = (
        blocked["my_chat_member"]["new_chat_member"], blocked["my_chat_member"]["old_chat_member"])
    assert translate(update(back)).membership == Membership("6234567890", reachable=True)


def test_group_chats_are_ignored_but_a_press_there_is_still_answered():
    data = sample("private_text.json")
    data["message"]["chat"] = {"id": -1001234567890, "type": "supergroup", "title": "Grup Arisan"}
    assert translate(update(data)).inbound is None
    press = sample("callback_query_inline_keyboard.json")
    press["callback_query"]["message"]["chat"] = {"id": -1001234567890, "type": "supergroup", "title": "Grup"}
    got = translate(update(press))
    assert got.inbound is None and got.callback_id == "4382917465012345678"
