"""How replies look on Telegram: HTML Telegram accepts, limits it enforces, compact buttons."""

from __future__ import annotations

from hypothesis import given, settings, strategies as st

from bot.channels.telegram_render import (CAPTION_LIMIT, TEXT_LIMIT, callback_data, keyboard, plain, plan,
                                          split_text, to_html, utf16_len)
from bot.messages import Outbound
from catalog.products import MemoryCatalog
from conversations.base import Button
from tests.fakes.telegram_rules import parse_html
from tests.support import Dialogue, demo_products

TRICKY_NAMES = ["Sambal Level_5 (pedas) [baru]", "Kue <Lapis> & Bolu", "Nasi_Goreng *Spesial", "a*b_c", "* _ [ ] ( )"]


def test_our_markup_becomes_bold_and_italic_entities():
    text, entities = parse_html(to_html("Halo *Dapur Bu Sri*! Ketik _pesan 2 keripik_."))
    assert text == "Halo Dapur Bu Sri! Ketik pesan 2 keripik."
    assert [(e["type"], text[e["offset"]:e["offset"] + e["length"]]) for e in entities] == [
        ("bold", "Dapur Bu Sri"), ("italic", "pesan 2 keripik")]


def test_names_with_markdown_and_html_characters_arrive_exactly_as_written():
    for name in TRICKY_NAMES:
        source = f"✅ 2 × {name} masuk keranjang."
        text, _ = parse_html(to_html(source))
        assert text == source


def test_a_name_in_bold_keeps_its_own_underscores_and_brackets():
    text, entities = parse_html(to_html("*Sambal Level_5 (pedas) [baru]*\n💰 Rp15.000"))
    assert text == "Sambal Level_5 (pedas) [baru]\n💰 Rp15.000" and entities[0]["type"] == "bold"


def test_underscores_and_asterisks_inside_words_stay_literal():
    assert to_html("kode promo_RAMADAN dan 2*3") == "kode promo_RAMADAN dan 2*3"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab *_<>&[]()\n🙏é ")), max_size=60))
def test_any_text_renders_to_html_telegram_parses_with_the_same_visible_text(source):
    text, _ = parse_html(to_html(source))  # raises like Telegram's 400 "can't parse entities"
    assert text == plain(source)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from(list("abc 🙏\n")), min_size=1, max_size=900), min_size=1, max_size=12))
def test_split_pieces_fit_the_limit_and_keep_every_word(chunks):
    source = "\n".join(chunks)
    pieces = split_text(source, 1000)
    assert all(utf16_len(p) <= 1000 for p in pieces)
    assert "".join(source.split()) == "".join("".join(pieces).split())


def test_a_long_text_is_cut_between_lines_under_4096_units_counting_emoji_twice():
    lines = [f"{i}. 🙏 Keripik Singkong Pedas 250g — Rp15.000" for i in range(300)]
    pieces = split_text("\n".join(lines))
    assert len(pieces) > 1 and all(utf16_len(p) <= TEXT_LIMIT for p in pieces)
    assert all(p.split("\n")[0].split(".")[0].isdigit() for p in pieces)  # every piece starts at a line


def test_every_button_of_the_demo_shop_fits_callback_data_and_carries_no_product_name():
    products = demo_products()
    chat = Dialogue(catalog=MemoryCatalog(products))
    seen = []
    for step in [lambda: chat.send("halo"), lambda: chat.press("Katalog"), lambda: chat.press("Keripik"),
                 lambda: chat.press("Keripik Tempe"), lambda: chat.press("+2"), lambda: chat.press("Keranjang"),
                 lambda: chat.press("Ubah jumlah"), lambda: chat.send("cari sambal"), lambda: chat.send("checkout")]:
        for reply in step():
            markup = keyboard(reply.buttons, page=reply.in_place)
            seen += [b.callback_data for row in (markup.inline_keyboard if markup else ()) for b in row]
    assert len(seen) > 30
    for data in seen:
        assert len(data.encode()) <= 64
        assert not any(p.name.lower() in data.lower() for p in products)


def test_a_value_too_long_for_callback_data_is_sent_as_a_short_digest():
    long_value = "zone:" + "kecamatan-lowokwaru-dan-sekitarnya-" * 3
    data = callback_data(long_value)
    assert len(data.encode()) <= 64 and data.startswith("~") and data == callback_data(long_value)
    assert callback_data("c:1:1", page=True) == "@c:1:1"


def test_short_labels_share_rows_and_product_names_stand_alone():
    markup = keyboard([Button("Keripik Singkong Pedas 250g — Rp15.000", "p:A"), Button("+1", "a:A:1"),
                       Button("+2", "a:A:2"), Button("+3", "a:A:3"), Button("Jumlah lain", "q:A")])
    assert [[b.text for b in row] for row in markup.inline_keyboard] == [
        ["Keripik Singkong Pedas 250g — Rp15.000"], ["+1", "+2", "+3"], ["Jumlah lain"]]


def test_a_photo_with_a_long_text_carries_a_caption_within_1024_and_the_rest_follows_with_the_buttons():
    text = "*Nastar Keju*\n" + "\n".join(f"Baris deskripsi nomor {i} yang cukup panjang." for i in range(60))
    out = Outbound("telegram", "5", text, (Button("+1", "a:N:1"),), "/media/nastar.jpg")
    photo, rest = plan(out)
    assert photo.photo == "/media/nastar.jpg" and photo.keyboard is None
    assert utf16_len(photo.text) <= CAPTION_LIMIT and photo.text.startswith("*Nastar Keju*")
    assert rest.photo is None and rest.keyboard is not None
    assert "".join((photo.text + rest.text).split()) == "".join(text.split())


def test_a_short_photo_message_is_one_call_and_only_a_lone_text_page_edits():
    [single] = plan(Outbound("telegram", "5", "Keripik", (Button("+1", "a:K:1"),), "https://cdn.example/k.jpg"))
    assert single.photo == "https://cdn.example/k.jpg" and single.keyboard and single.edit is None
    [page] = plan(Outbound("telegram", "5", "Halaman 2", (Button("»", "c:1:2"),), extra={"in_place": True, "edit": "41"}))
    assert page.edit == 41 and page.keyboard.inline_keyboard[0][0].callback_data == "@c:1:2"
    long_page = plan(Outbound("telegram", "5", "x\n" * 5000, extra={"in_place": True, "edit": "41"}))
    assert len(long_page) == 3 and all(p.edit is None for p in long_page)
