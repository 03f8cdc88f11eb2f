"""Product lists with their pictures: the category page names them, and each channel shows them
its own way (Telegram: an album or one photo, never an edit in place; WhatsApp: image messages;
the simulator: the small copies)."""

from __future__ import annotations

from dataclasses import replace

from bot.channels.simulator import reply_json
from bot.channels.telegram_render import plan
from bot.channels.whatsapp_render import render
from bot.messages import Outbound
from catalog.products import MemoryCatalog
from conversations.base import Button, Picture
from shops.profile import WhatsAppTemplates
from tests.support import Dialogue, demo_products

NASTAR = "/media/1/" + "a" * 64 + ".jpg"
ROA = "/media/1/" + "b" * 64 + ".png"


def with_photos(**photos: str) -> MemoryCatalog:
    return MemoryCatalog([replace(p, image_url=photos.get(p.sku.replace("-", "_"))) for p in demo_products()])


def test_a_category_page_carries_the_pictures_of_its_products_that_have_one():
    chat = Dialogue(catalog=with_photos(KRP_TMP=NASTAR, KRP_SGK_ORI=ROA))
    chat.send("katalog")
    [page] = chat.press("Keripik")
    assert [p.url for p in page.pictures] == [ROA, NASTAR]  # in the page's order, products without a photo left out
    labels = [b.label for b in page.buttons]
    assert all(p.caption in labels for p in page.pictures) and "Rp12.000" in page.pictures[1].caption


def page(*pictures: Picture, **kw) -> Outbound:
    return Outbound("telegram", "5", "Keripik (halaman 1 dari 1)", (Button("Keripik Tempe", "p:KRP-TMP"),),
                    extra={"in_place": True, "edit": "77"}, pictures=pictures, **kw)


def test_telegram_shows_several_pictures_as_an_album_and_the_page_as_a_new_message():
    album, text = plan(page(Picture(NASTAR, "*Nastar* Rp85.000"), Picture(ROA, "Sambal Roa Rp35.000")))
    assert album.album == ((NASTAR, "*Nastar* Rp85.000"), (ROA, "Sambal Roa Rp35.000")) and album.keyboard is None
    assert text.edit is None and text.keyboard is not None and text.text.startswith("Keripik")


def test_telegram_shows_one_picture_as_a_photo_with_its_caption_and_no_pictures_as_an_edit():
    photo, _ = plan(page(Picture(NASTAR, "Nastar Rp85.000")))
    assert (photo.photo, photo.text, photo.album) == (NASTAR, "Nastar Rp85.000", ())
    [edited] = plan(page())
    assert edited.edit == 77


def test_whatsapp_sends_an_image_message_per_product_before_the_list():
    creates = render(page(Picture(NASTAR, "Nastar Rp85.000"), Picture(ROA, "Sambal Roa Rp35.000")),
                     WhatsAppTemplates(), "https://bot.example.test")
    assert creates[:2] == [{"body": "Nastar Rp85.000", "media_url": ["https://bot.example.test" + NASTAR]},
                           {"body": "Sambal Roa Rp35.000", "media_url": ["https://bot.example.test" + ROA]}]
    assert creates[2]["body"].startswith("Keripik") and "media_url" not in creates[2]


def test_the_simulator_page_gets_the_small_copies_and_the_payload_round_trips():
    out = page(Picture(NASTAR, "Nastar"), Picture("/media/demo/qris.png", "QRIS"))
    again = Outbound.from_row(out.channel, out.recipient, out.payload())
    assert again.pictures == out.pictures
    assert reply_json(again)["pictures"] == [{"url": "/media/1/" + "a" * 64 + ".thumb.jpg", "caption": "Nastar"},
                                             {"url": "/media/demo/qris.png", "caption": "QRIS"}]
    assert "pictures" not in page().payload()  # a message without them is stored as before


def test_a_proof_photo_the_channel_could_not_keep_is_asked_again_and_nothing_is_attached():
    from conversations.base import Media

    chat = Dialogue()
    chat.send("halo")
    [reply] = chat.send("", media=(Media("AgACAgUAAxkBAAIbad", rejected="too_large"),))
    assert "terlalu besar" in reply.text and chat.effects == []
