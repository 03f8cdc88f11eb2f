"""The simulator page in a real browser: Debian's chromium (apt; `make test` installs it) driven
by Playwright, at a phone's 390x844. An order placed by clicking, a photo sent (the payment
proof, through the media store), a location shared, *bold* and _italic_ rendered as such, the
input row on screen, an error shown when the server cannot be reached, a message that arrives
later shown without reloading, and a screenshot saved (docs/simulator-phone.png, made once)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.e2e import server
from tests.media_samples import picture

pytestmark = pytest.mark.e2e

CHROMIUM = os.environ.get("KEDAI_CHROMIUM", "/usr/bin/chromium")
PHONE = {"width": 390, "height": 844}
DOC_SHOT = server.ROOT / "docs" / "simulator-phone.png"


def browser_or_skip():  # type: ignore[no-untyped-def]
    if not Path(CHROMIUM).is_file() and not shutil.which("chromium"):
        pytest.skip(f"Debian's chromium is not installed ({CHROMIUM}): `apt-get install chromium` "
                    "(`make test` does) to check the simulator page in a browser")
    return pytest.importorskip("playwright.sync_api", reason="the playwright package is missing: `make install`")


def test_a_phone_sized_page_orders_by_clicking_sends_a_photo_and_shows_formatting_and_later_messages(tmp_path):
    sync_api = browser_or_skip()
    with server.kedai(tmp_path, {"KEDAI_DATA_DIR": str(tmp_path / "data")}) as port, sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM if Path(CHROMIUM).is_file() else shutil.which("chromium"))
        try:
            context = browser.new_context(viewport=PHONE, geolocation={"latitude": -7.9666, "longitude": 112.6326},
                                          permissions=["geolocation"])
            page = context.new_page()
            page.set_default_timeout(5000)
            page.goto(f"http://127.0.0.1:{port}/")
            bot = page.locator(".msg.bot")

            def say(text: str) -> None:
                before = bot.count()
                page.fill("#text", text)
                page.press("#text", "Enter")
                page.wait_for_function(f"document.querySelectorAll('.msg.bot').length > {before}")

            def click(label: str) -> None:
                before = bot.count()
                bot.last.locator("button", has_text=label).first.click()
                page.wait_for_function(f"document.querySelectorAll('.msg.bot').length > {before}")

            say("halo")
            welcome = bot.last
            assert welcome.locator("b", has_text="Dapur Bu Sri").count() == 1  # *Dapur Bu Sri* in bold
            assert "*" not in welcome.locator(".text").inner_text()
            click("Katalog")
            click("Keripik")
            click("Keripik Tempe")
            click("+2")
            say("checkout")
            say("Siti")
            click("Ambil sendiri")
            assert bot.last.locator("i", has_text="tolong dibungkus rapi").count() == 1  # _italic_
            click("Lewati")
            click("Transfer bank")
            click("Pesan sekarang")
            page.wait_for_function("[...document.querySelectorAll('.msg.bot')].some(m => m.textContent.includes('KD-0001'))")

            # The payment proof as a photo: shrunk by the page, uploaded, sent; the shop keeps it private.
            before = bot.count()
            page.set_input_files("#photo", {"name": "bukti.jpg", "mimeType": "image/jpeg", "buffer": picture(1600, 1200)})
            page.wait_for_function(f"document.querySelectorAll('.msg.bot').length > {before}")
            assert page.locator(".msg.me img.photo").count() == 1
            kept = [p for p in (tmp_path / "data" / "shop_media").glob("*/private/*.jpg") if ".thumb." not in p.name]
            assert len(kept) == 1

            # A location from the browser's geolocation.
            before = bot.count()
            page.click("#place-button")
            page.wait_for_function(f"document.querySelectorAll('.msg.bot').length > {before}")
            assert "Lokasi -7.96660, 112.63260" in page.locator(".msg.me").last.inner_text()

            # The input row is on the phone's screen, below the messages.
            box = page.locator("#text").bounding_box()
            assert box is not None and box["y"] + box["height"] <= PHONE["height"] and box["y"] > PHONE["height"] / 2
            page.screenshot(path=str(tmp_path / "simulator-phone.png"))
            if not DOC_SHOT.exists():
                shutil.copy(tmp_path / "simulator-phone.png", DOC_SHOT)

            # The server out of reach: said on the page, not swallowed.
            page.route("**/api/simulator/messages", lambda route: route.abort())
            page.fill("#text", "halo")
            page.press("#text", "Enter")
            page.locator("#status", has_text="Server tidak bisa dihubungi").wait_for()
            page.unroute("**/api/simulator/messages")

            # The seller's new-order alert, arriving later for the seller's id, without reloading.
            page.fill("#user", "penjual")
            page.locator(".msg.bot", has_text="Pesanan baru KD-0001").wait_for(timeout=6000)
            assert page.locator("#status.shown").count() == 0  # the next poll got through: the error is gone
        finally:
            browser.close()
