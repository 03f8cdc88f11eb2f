"""How our replies look on WhatsApp: numbered choices, typing hints, photos, long texts,
the shop's templates inside the window, and the approved template (or nothing) outside it."""

from __future__ import annotations

import json

from bot.channels.whatsapp_render import (BODY_LIMIT, render, render_outside_window, short_label, split_body,
                                          with_choices)
from bot.messages import Outbound
from shops.profile import WhatsAppTemplates
from conversations.base import Button, Reply
from handlers import choices
from conversations.base import Turn

PUBLIC = "https://bot.example.test"
NONE = WhatsAppTemplates()
MENU = [Button("🛍️ Katalog", "catalog"), Button("🔎 Cari produk", "search"), Button("🧺 Keranjang", "cart")]


def out(text: str = "Halo Kak", buttons=(), image_url=None, numbered=True) -> Outbound:
    return Outbound.reply("whatsapp", "+6281234567890", Reply(text, list(buttons), image_url, numbered))


def test_choices_become_a_short_numbered_list_that_the_engine_maps_back():
    [create] = render(out("Mau lihat apa, Kak?", MENU), NONE, PUBLIC)
    assert create["body"].startswith("Mau lihat apa, Kak?\n\n1. Katalog\n2. Cari produk\n3. Keranjang\n")
    offered = choices.remember([Reply("x", MENU)])
    assert choices.interpret(Turn(text="3"), offered).choice == "cart"
    assert choices.interpret(Turn(text="katalg"), offered).choice == "catalog"


def test_choices_next_to_a_quantity_question_are_hints_without_numbers():
    buttons = [Button("+1", "a:X:1"), Button("+2", "a:X:2"), Button("Jumlah lain", "q:X"), Button("« Kembali", "c:1:0")]
    text = with_choices(out("Keripik Tempe", buttons, numbered=False))
    assert "1." not in text and text.endswith("+1 · +2 · Jumlah lain · Kembali")


def test_labels_lose_leading_emoji_and_arrows_but_keep_signs():
    assert [short_label(x) for x in ("🛍️ Katalog", "« Kembali", "+2", "❌ Batal", "✅ Pesan sekarang")] == \
        ["Katalog", "Kembali", "+2", "Batal", "Pesan sekarang"]


def test_a_product_photo_goes_as_public_media_with_the_text_as_caption():
    [create] = render(out("Sambal Roa", image_url="/media/demo/roa.jpg"), NONE, PUBLIC)
    assert create == {"body": "Sambal Roa", "media_url": ["https://bot.example.test/media/demo/roa.jpg"]}
    [absolute] = render(out("x", image_url="https://cdn.example.test/a.jpg"), NONE, PUBLIC)
    assert absolute["media_url"] == ["https://cdn.example.test/a.jpg"]


def test_a_list_s_product_photos_carry_the_number_to_answer_with():
    from conversations.base import Picture

    buttons = [Button("Keripik Tempe 150g — Rp12.000", "p:KRP-TMP"), Button("Sambal Roa 150ml — Rp25.000", "p:SBL-ROA"),
               Button("« Kembali", "back")]
    shown = Outbound.reply("whatsapp", "+6281234567890", Reply("Pilih produk:", buttons, pictures=(
        Picture("/media/demo/roa.jpg", "Sambal Roa 150ml — Rp25.000"), Picture("/media/demo/t.jpg", "Keripik Tempe 150g — Rp12.000"))))
    roa, tempe, listed = render(shown, NONE, PUBLIC)
    assert roa["body"] == "2. Sambal Roa 150ml — Rp25.000" and tempe["body"] == "1. Keripik Tempe 150g — Rp12.000"
    assert "\n1. Keripik Tempe 150g — Rp12.000\n2. Sambal Roa" in listed["body"]
    unnumbered = Outbound.reply("whatsapp", "+62812", Reply("x", buttons, numbered=False, pictures=(Picture("/a.jpg", "Sambal Roa 150ml — Rp25.000"),)))
    assert render(unnumbered, NONE, PUBLIC)[0]["body"] == "Sambal Roa 150ml — Rp25.000"


def test_a_long_text_is_cut_at_line_ends_into_pieces_that_fit():
    lines = [f"{i}. Produk nomor {i} — Rp15.000" for i in range(200)]
    pieces = split_body("\n".join(lines))
    assert len(pieces) > 1 and all(len(p) <= BODY_LIMIT for p in pieces)
    assert "\n".join(pieces).split("\n") == lines
    creates = render(out("\n".join(lines), image_url="/media/a.jpg"), NONE, PUBLIC)
    assert creates[0] == {"media_url": ["https://bot.example.test/media/a.jpg"]} and len(creates) == len(pieces) + 1


def test_a_long_list_under_a_short_header_is_not_cut_after_the_header():
    text = "📦 *Stok*\n\n" + "\n".join(f"✅ Produk nomor {i}: {i}" for i in range(150))
    pieces = split_body(text)
    assert pieces[0].startswith("📦 *Stok*\n\n✅ Produk nomor 0") and len(pieces[0]) > BODY_LIMIT // 2
    assert all(len(p) <= BODY_LIMIT for p in pieces) and "\n".join(pieces) == text


def test_with_a_quick_reply_template_up_to_three_choices_go_as_buttons():
    templates = WhatsAppTemplates(quick_reply={"3": "HX" + "a" * 32})
    [create] = render(out("Mau lihat apa, Kak?", MENU), templates, PUBLIC)
    assert create["content_sid"] == "HX" + "a" * 32
    assert json.loads(create["content_variables"]) == {
        "1": "Mau lihat apa, Kak?", "2": "Katalog", "3": "catalog", "4": "Cari produk", "5": "search",
        "6": "Keranjang", "7": "cart"}


def test_with_a_list_picker_template_up_to_ten_choices_go_as_a_list():
    many = [Button(f"Produk dengan nama panjang sekali {i}", f"p:SKU{i}") for i in range(5)]
    templates = WhatsAppTemplates(quick_reply={"3": "HXq"}, list_picker={"5": "HXl"})
    [create] = render(out("Pilih produk", many), templates, PUBLIC)
    variables = json.loads(create["content_variables"])
    assert create["content_sid"] == "HXl" and variables["11"] == "p:SKU4" and len(variables["2"]) == 24


def test_without_a_template_for_that_many_choices_the_list_is_numbered_text():
    [create] = render(out("Pilih", MENU[:2]), WhatsAppTemplates(quick_reply={"3": "HXq"}), PUBLIC)
    assert "content_sid" not in create and "1. Katalog" in create["body"]


def test_outside_the_window_a_message_goes_as_the_approved_template_on_one_line():
    templates = WhatsAppTemplates(reengage="HXr", purposes={"order_update": "HXo"})
    create = render_outside_window(out("Pesanan *KD-0001*\nsudah dikirim", MENU), templates, "Dapur Bu Sri")
    assert create["content_sid"] == "HXr"
    assert json.loads(create["content_variables"]) == {"1": "Dapur Bu Sri", "2": "Pesanan *KD-0001* sudah dikirim"}
    marked = Outbound("whatsapp", "+62812", "Dikirim", extra={"purpose": "order_update"})
    assert render_outside_window(marked, templates, "Dapur Bu Sri")["content_sid"] == "HXo"


def test_outside_the_window_without_a_template_there_is_nothing_to_send():
    assert render_outside_window(out("Halo"), NONE, "Dapur Bu Sri") is None
