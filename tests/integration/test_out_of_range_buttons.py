"""Numbers no button of ours ever carried, pressed or typed, on SQLite and PostgreSQL (issue 12:
`c:99999999999999999999:0` overflowed SQLite's integers, a large page number PostgreSQL's
bigint, and the 500 came back on every redelivery). A customer is told the button is old; a
seller's command with such a number is answered like any other it does not know."""

from __future__ import annotations

import pytest

from tests.integration.seller_db import seller_engine, snapshot
from tests.support import EngineChat
from texts.id import customer as t

HUGE = ["99999999999999999999", "9223372036854775808", "2147483648", "²", "-1", ""]


@pytest.mark.parametrize("template", ["c:{}:0", "c:1:{}", "c:{}", "a:KRP-SGK-PDS:{}", "bc:report:{}", "sl:pick:{}"])
def test_a_customer_pressing_a_button_with_an_impossible_number_is_told_it_is_old(db_url, template):
    engine, sessions, _ = seller_engine(db_url)
    chat = EngineChat(engine, "pelanggan")
    chat.send("halo")
    before = snapshot(sessions)
    for number in HUGE:
        chat.send(choice=template.format(number))
        assert t.STALE_BUTTON in chat.text, (template, number, chat.text)
    assert snapshot(sessions) == before


def test_a_page_past_the_end_shows_the_last_page(db_url):
    engine, _, _ = seller_engine(db_url)
    chat = EngineChat(engine, "pelanggan")
    chat.send(choice="c:1:2147483647")
    assert "halaman 1 dari 1" in chat.text


def test_a_seller_typing_or_pressing_an_impossible_number_changes_nothing(db_url):
    engine, sessions, _ = seller_engine(db_url)
    seller = EngineChat(engine, "penjual")
    before = snapshot(sessions)
    for message in ("broadcast laporan 99999999999999999999", "broadcast batal 99999999999999999999",
                    "promo stop 99999999999999999999", "promo stop ²", "hapus staf ²", "KD-99999999999999999999"):
        seller.send(message)
        assert seller.last.replies, message
    for value in ("bc:report:99999999999999999999", "bc:report:x", "sl:pick:99999999999999999999"):
        seller.send(choice=value)
        assert seller.last.replies, value
    assert snapshot(sessions) == before
