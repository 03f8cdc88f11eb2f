"""Two channel-neutral answers the Telegram channel relies on: edits, and pages shown in place."""

from __future__ import annotations

from catalog.products import MemoryCatalog, ProductInfo
from tests.support import Dialogue, demo_products
from texts.id import customer as t


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


def many_snacks(count: int) -> MemoryCatalog:
    return MemoryCatalog([ProductInfo(id=i, sku=f"SNK-{i:02d}", name=f"Camilan {i:02d}", category_id=9,
                                      category="Camilan", price=5000, stock=10) for i in range(count, 0, -1)])


def product_labels(replies) -> list[str]:
    return [b.label.split(" — ")[0] for r in replies for b in r.buttons if b.value.startswith("p:")]


def test_a_long_category_is_paged_by_name_eight_at_a_time():
    chat = Dialogue(catalog=many_snacks(19))
    chat.send("halo")
    chat.press("Katalog")
    first = chat.press("Camilan")
    assert "halaman 1 dari 3" in chat.text
    assert product_labels(first) == [f"Camilan {i:02d}" for i in range(1, 9)]
    assert not any("Sebelumnya" in b.label for r in first for b in r.buttons)
    chat.press("Berikutnya")
    last = chat.press("Berikutnya")
    assert "halaman 3 dari 3" in chat.text and product_labels(last) == ["Camilan 17", "Camilan 18", "Camilan 19"]
    assert not any("Berikutnya" in b.label for r in last for b in r.buttons)


def test_a_page_that_no_longer_exists_shows_the_last_one_and_an_empty_category_the_list():
    chat = Dialogue(catalog=many_snacks(10))
    chat.send("halo")
    chat.send(choice="c:9:5")  # an old button, from when the category was longer
    assert "halaman 2 dari 2" in chat.text and product_labels(chat.last) == ["Camilan 09", "Camilan 10"]
    chat.catalog = MemoryCatalog(demo_products())  # the snacks are gone, the rest of the shop is not
    chat.send(choice="c:9:0")
    assert t.CATEGORY_GONE in chat.text and any(b.value == "c:1:0" for r in chat.last for b in r.buttons)
