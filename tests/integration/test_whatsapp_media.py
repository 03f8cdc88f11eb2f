"""Inbound WhatsApp media fetched from the fake Twilio API with basic auth into the media store,
or refused: wrong type, over 5 MB, or not a Twilio URL (our credentials never leave Twilio)."""

from __future__ import annotations

import asyncio
import hashlib

from bot import media_store
from bot.channels.twilio_inbound import TwilioMedia
from bot.messages import Inbound
from conversations.base import Media
from tests.media_samples import picture

API = "https://api.twilio.com/2010-04-01/Accounts/{sid}/Messages/MM{n}/Media/ME{n}"


def keep(fake, tmp_path, *media: Media) -> tuple[Media, ...]:
    async def run() -> tuple[Media, ...]:
        fetcher = TwilioMedia(fake.account_sid, fake.auth_token, tmp_path, fake.base_url)
        try:
            return (await fetcher.keep(Inbound("whatsapp", "+6281234567890", "MMx", media=media))).media
        finally:
            await fetcher.aclose()
    return asyncio.run(run())


def test_a_photo_and_a_pdf_are_downloaded_through_the_redirect_and_stored(fake_twilio, tmp_path):
    photo, pdf = API.format(sid=fake_twilio.account_sid, n=1), API.format(sid=fake_twilio.account_sid, n=2)
    jpeg = picture()
    fake_twilio.add_media(photo, jpeg, "image/jpeg")
    fake_twilio.add_media(pdf, b"%PDF-1.4", "application/pdf")
    kept = keep(fake_twilio, tmp_path, Media(photo, "image/jpeg"), Media(pdf, "application/pdf"))
    assert [m.rejected for m in kept] == [None, None]
    assert kept[0].ref == "incoming:" + hashlib.sha256(jpeg).hexdigest() + ".jpg" and kept[0].content_type == "image/jpeg"
    assert (tmp_path / "shop_media" / "incoming" / kept[0].ref.split(":")[1]).read_bytes() == jpeg
    assert kept[1].ref.endswith(".pdf") and kept[1].content_type == "application/pdf"


def test_a_video_a_huge_photo_and_a_foreign_url_are_refused_and_nothing_is_stored(fake_twilio, tmp_path):
    big = API.format(sid=fake_twilio.account_sid, n=3)
    fake_twilio.add_media(big, b"x" * (media_store.MAX_BYTES + 1), "image/jpeg")
    kept = keep(fake_twilio, tmp_path, Media(API.format(sid=fake_twilio.account_sid, n=4), "video/mp4"),
                Media(big, "image/jpeg"), Media("https://evil.example/steal.jpg", "image/jpeg"))
    assert [m.rejected for m in kept] == ["type", "too_large", "unavailable"]
    assert not list(tmp_path.rglob("*.jpg"))
    paths = [path for _, path, _ in fake_twilio.requests]
    assert not any("ME4" in p for p in paths)  # a refused type is not even downloaded


def test_media_twilio_no_longer_has_is_marked_unavailable(fake_twilio, tmp_path):
    [kept] = keep(fake_twilio, tmp_path, Media(API.format(sid=fake_twilio.account_sid, n=9), "image/png"))
    assert kept.rejected == "unavailable" and kept.ref.startswith("https://api.twilio.com/")
