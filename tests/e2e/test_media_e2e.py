"""Pictures that reach every channel (issue 15): a seller on WhatsApp sends a product photo with a
caption; a Telegram customer and a simulator customer then see the product with that picture,
fetched from the shop's served URL as an image; a Telegram customer's payment proof reaches the
WhatsApp seller as an image behind a signed link, which is the only way to it."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import httpx
import pytest

from tests.e2e import server
from tests.e2e.telegram_driver import SECRET, Telegram, User
from tests.e2e.whatsapp_client import PUBLIC, WhatsAppUser, env_for, query
from tests.fakes.telegram_api import FakeTelegramAPI
from tests.fakes.twilio_api import FakeTwilioAPI
from tests.media_samples import is_picture, picture

pytestmark = pytest.mark.e2e
SELLER = "+6281299990000"


def served(http: httpx.Client, url: str) -> httpx.Response:
    """What Telegram or Twilio gets fetching one of our public URLs (here: the local server)."""
    assert url.startswith(PUBLIC + "/media/"), url
    parts = urlsplit(url)
    return http.get(parts.path + ("?" + parts.query if parts.query else ""))


def test_a_whatsapp_sellers_photo_reaches_telegram_and_the_simulator_and_a_telegram_proof_reaches_the_seller(tmp_path):
    with FakeTelegramAPI(per_chat_per_sec=20) as tg, FakeTwilioAPI() as twilio:
        env = {**env_for(tmp_path, twilio), "TELEGRAM_BOT_TOKEN": tg.token, "TELEGRAM_API_BASE_URL": tg.base_url,
               "TELEGRAM_MODE": "webhook", "TELEGRAM_WEBHOOK_SECRET": SECRET, "TELEGRAM_CHAT_RATE": "10",
               "KEDAI_SIMULATOR": "1", "KEDAI_SCHEDULER_INTERVAL_SECONDS": "0.2"}
        env["KEDAI_PORT"] = str(port := server.free_port())
        server.subprocess.run([server.sys.executable, "main.py", "seller", "add", "--channel", "whatsapp", "--id", SELLER,
                               "--name", "Bu Sri"], cwd=server.ROOT, env={**server.os.environ, **env}, check=True,
                              capture_output=True)
        with server.server(["main.py", "serve"], env, "/healthz", port, log=tmp_path / "server.log"), \
                httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=15, trust_env=False) as http:
            # The seller's photo, captioned with the product it shows.
            seller = WhatsAppUser(http, twilio, tmp_path, SELLER, "Bu Sri")
            photo = picture(1024, 768, "teal")
            replies = seller.send("foto keripik tempe", NumMedia="1", MediaContentType0="image/jpeg",
                                  MediaUrl0=twilio.new_media(photo).replace(twilio.url, "https://api.twilio.com"))
            [(ref,)] = query(tmp_path, "SELECT image_url FROM products WHERE sku = 'KRP-TMP'")
            assert re.fullmatch(r"/media/\d+/[0-9a-f]{64}\.jpg", ref), (ref, seller.text)
            assert replies[-1]["MediaUrl"] == [PUBLIC + ref]  # the seller sees it as customers will

            # A simulator customer sees the product with it.
            sim = http.post("/api/simulator/messages", json={"user": "rina", "text": "cari keripik tempe"}).json()
            [shown] = [r for r in sim["replies"] if r["image_url"]]
            assert shown["image_url"] == ref and "Keripik Tempe" in shown["text"]
            got = http.get(shown["image_url"])
            assert got.status_code == 200 and got.content == photo and got.headers["content-type"] == "image/jpeg"

            # A Telegram customer sees it too, as a photo Telegram fetches from our public URL.
            telegram = Telegram(tg, tmp_path / "kedai.db", port)
            siti = User(telegram, 5123400001, "Siti")
            siti.say("cari keripik tempe")
            [sent] = [c for c in tg.calls_to("sendPhoto") if str(c["chat_id"]) == str(siti.chat_id)]
            assert sent["photo"] == PUBLIC + ref and "Keripik Tempe" in sent["caption"]
            assert is_picture(served(http, sent["photo"]).content) == (1024, 768)

            # Her order and her proof photo: the seller on WhatsApp gets the proof as an image.
            for line in ("pesan 2 keripik tempe", "checkout", "Siti", "Ambil sendiri", "Lewati", "Transfer bank"):
                siti.say(line)
            siti.press("Pesan sekarang")
            siti.send_photo()
            telegram.wait(lambda: any("Bukti bayar KD-0001" in (m["Body"] or "") for m in twilio.messages_to(
                f"whatsapp:{SELLER}")), "the proof at the WhatsApp seller")
            [proof] = [m for m in twilio.messages_to(f"whatsapp:{SELLER}") if "Bukti bayar KD-0001" in (m["Body"] or "")]
            [url] = proof["MediaUrl"]
            assert url.startswith(PUBLIC + "/media/private/") and "?e=" in url and "&s=" in url
            assert is_picture(served(http, url).content) == (1280, 960)
            assert served(http, url.split("?")[0]).status_code == 404  # never without the signature
            name = urlsplit(url).path.rsplit("/", 1)[1]
            assert served(http, f"{PUBLIC}/media/{ref.split('/')[2]}/{name}").status_code == 404  # nor as public
            assert "Traceback" not in (tmp_path / "server.log").read_text()  # while it runs (stopping cancels jobs)
    assert tg.server_errors == [] and twilio.server_errors == []
