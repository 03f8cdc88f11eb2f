"""Whatever a channel hands over, an Inbound holds only what the database takes (issue 12): no
NUL or other control characters, nothing longer than its column, a location that is one, and
button numbers that fit the columns they are looked up in."""

from __future__ import annotations

import math
from datetime import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.messages import MAX_ID, MAX_NAME, STALE_CHOICE, Inbound, clean_id
from conversations.base import Media, Turn
from handlers import choices
from conversations.choice import MAX_BUTTON_NUMBER, number as button_number

CONTROL = [chr(c) for c in (*range(0, 9), 11, 12, *range(14, 32), 127, *range(0x80, 0xA0))]


def test_nul_and_control_characters_go_and_text_keeps_its_lines_and_tabs():
    inbound = Inbound("simulator", "si\x00ti", "m\x00-1", text="Siti\x00 Rahayu\r\nJl. Ijen\t5\x1b[2J\x7f",
                      profile_name="Siti\nRahayu\x00", address="Jl.\x00 Ijen", choice="c:1:0\x00")
    assert (inbound.sender, inbound.message_id) == ("siti", "m-1")
    assert inbound.text == "Siti Rahayu\nJl. Ijen\t5[2J"
    assert inbound.profile_name == "Siti Rahayu" and inbound.address == "Jl. Ijen" and inbound.choice == "c:1:0"


def test_names_are_cut_to_their_column_and_long_ids_become_a_digest_that_still_tells_them_apart():
    inbound = Inbound("telegram", "1", "SM" + "9" * 120, profile_name="N" * 500)
    assert len(inbound.profile_name or "") == MAX_NAME
    assert len(inbound.message_id) == MAX_ID and inbound.message_id.startswith("SM999")
    assert clean_id("x" * 150 + "a") != clean_id("x" * 150 + "b")
    assert clean_id("x" * 150) == clean_id("x" * 150)  # a redelivery is still recognised
    assert clean_id("short") == "short"


def test_a_location_that_is_not_one_is_dropped_and_an_over_long_button_value_is_an_old_button():
    for lat, lon in ((math.nan, 1.0), (91.0, 1.0), (1.0, math.inf), (1e400, 0.0), (True, 1.0)):
        inbound = Inbound("whatsapp", "+62812", "m", latitude=lat, longitude=lon)
        assert (inbound.latitude, inbound.longitude) == (None, None)
    assert Inbound("telegram", "1", "m", latitude=-7.98, longitude=112.6).latitude == -7.98
    assert Inbound("simulator", "u", "m", choice="p:" + "x" * 300).choice == STALE_CHOICE
    assert Inbound("simulator", "u", "m", choice="").choice is None


def test_wrong_types_from_a_channel_become_empty_values():
    inbound = Inbound("telegram", 12345, 99, text=12345, profile_name=["x"], received_at="yesterday",  # type: ignore[arg-type]
                      media=(Media(ref=7, content_type=None),))  # type: ignore[arg-type]
    assert (inbound.sender, inbound.message_id, inbound.text, inbound.profile_name) == ("12345", "99", "", None)
    assert isinstance(inbound.received_at, datetime)
    assert inbound.media[0].rejected == "unavailable"


@given(st.text(), st.text(), st.text(), st.one_of(st.none(), st.text()), st.one_of(st.none(), st.text()))
def test_any_text_at_all_comes_out_bounded_and_clean(sender, message_id, text, name, choice):
    inbound = Inbound("simulator", sender, message_id, text=text, profile_name=name, choice=choice)
    for value, limit in ((inbound.sender, 100), (inbound.message_id, 100), (inbound.profile_name or "", 200),
                         (inbound.choice or "", 200), (inbound.text, 20_000)):
        assert len(value) <= limit
        assert not any(c in value for c in CONTROL) and not any(0xD800 <= ord(c) <= 0xDFFF for c in value)


@pytest.mark.parametrize("text", ["99999999999999999999", "2147483648", "-1", "1e3", "²", "١٢", "", " 1", "0x10"])
def test_a_button_number_out_of_range_or_not_plain_digits_is_refused(text):
    with pytest.raises(ValueError):
        button_number(text)


def test_a_button_number_in_range_is_read():
    assert button_number("0") == 0 and button_number(str(MAX_BUTTON_NUMBER)) == MAX_BUTTON_NUMBER


@pytest.mark.parametrize("typed", ["²", "٣", "9" * 5000, "00000000000001"])
def test_a_typed_number_that_is_no_list_position_is_read_as_text(typed):
    offered = {"numbered": True, "items": [["Katalog", "catalog"], ["Keranjang", "cart"]]}
    assert choices.interpret(Turn(text=typed), offered).choice is None
