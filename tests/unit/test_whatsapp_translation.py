"""Twilio's WhatsApp webhook fields -> one Inbound, on the recorded samples."""

from __future__ import annotations

from datetime import datetime, timezone

from bot.channels.twilio_inbound import is_twilio_url, translate
from tests.twilio_samples import sample

NOW = datetime(2026, 11, 23, 6, 0, tzinfo=timezone.utc)


def test_a_text_message_becomes_an_inbound_from_the_e164_number_to_our_number():
    msg = translate(sample("inbound_text"), NOW)
    assert msg is not None
    assert (msg.channel, msg.sender, msg.account) == ("whatsapp", "+6281234567890", "+6281188880000")
    assert msg.message_id == "SM5a1e00000000000000000000000a0001"
    assert msg.text == "Halo, mau pesan kaos batik parang ukuran L 2 pcs"
    assert msg.profile_name == "Siti Rahayu" and msg.choice is None and msg.media == ()
    assert msg.phone is None  # a WhatsApp sender is their phone already; phone means a shared contact


def test_a_photo_with_a_caption_carries_its_media_url_and_type():
    msg = translate(sample("inbound_image_caption"), NOW)
    assert msg.text.startswith("Bukti transfer")
    [media] = msg.media
    assert media.ref.startswith("https://api.twilio.com/2010-04-01/Accounts/") and media.content_type == "image/jpeg"


def test_a_shared_location_gives_coordinates_and_the_place_as_address():
    msg = translate(sample("inbound_location"), NOW)
    assert (msg.latitude, msg.longitude) == (-6.175392, 106.827153)
    assert msg.address == "Monumen Nasional, Gambir, Kecamatan Gambir, Kota Jakarta Pusat, DKI Jakarta 10110"


def test_a_quick_reply_press_is_a_choice_with_its_label_as_text():
    msg = translate(sample("inbound_quick_reply_button"), NOW)
    assert msg.choice == "order:confirm:INV-2025-000123" and msg.text == "Konfirmasi pesanan"


def test_a_list_picker_answer_is_a_choice_too():
    params = {**sample("inbound_text"), "Body": "Keranjang", "ListId": "cart", "ListTitle": "Keranjang"}
    assert translate(params, NOW).choice == "cart"


def test_unknown_extra_fields_are_ignored_and_waid_stands_in_for_a_missing_from():
    params = {**sample("inbound_profile_waid_forwarded"), "SomethingNew": "x"}
    params.pop("From")
    msg = translate(params, NOW)
    assert msg.sender == "+6285712345678" and msg.profile_name == "Rina 🌸 Olshop"


def test_fields_that_are_not_a_message_give_nothing():
    assert translate({"From": "whatsapp:+6281234567890"}, NOW) is None
    assert translate({"MessageSid": "SM1", "From": "whatsapp:not-a-number"}, NOW) is None


def test_only_twilio_hosts_get_our_credentials():
    assert is_twilio_url("https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME1")
    assert not is_twilio_url("https://evil.example/twilio.com/x")
    assert not is_twilio_url("http://api.twilio.com/x")
