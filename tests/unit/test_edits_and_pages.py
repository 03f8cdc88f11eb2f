"""Two channel-neutral answers the Telegram channel relies on: edits, and pages shown in place."""

from __future__ import annotations

from tests.support import Dialogue


def test_an_edited_message_changes_neither_cart_nor_step_and_asks_for_a_new_message():
    chat = Dialogue()
    chat.send("halo")
    chat.send("pesan 2 keripik tempe")
    state, cart = chat.state, chat.cart
    replies = chat.send("pesan 3 keripik tempe", edited=True)
    assert (chat.state, chat.cart) == (state, cart) == (state, {"KRP-TMP": 2})
    assert len(replies) == 1 and "diedit" in replies[0].text and "pesan baru" in replies[0].text


def test_category_lists_and_pages_may_be_shown_in_place_but_a_product_may_not():
    chat = Dialogue()
    chat.send("halo")
    assert [r.in_place for r in chat.press("Katalog")] == [True]
    assert [r.in_place for r in chat.press("Keripik")] == [True]
    assert [r.in_place for r in chat.press("Keripik Tempe")] == [False]
