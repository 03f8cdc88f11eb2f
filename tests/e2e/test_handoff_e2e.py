"""A person behind the bot, across channels: a WhatsApp customer asks for the seller, the
Telegram seller takes them from the queue and answers, the customer sends a photo, the seller
closes; the customer then orders as usual; a second customer who asked meanwhile is told they
wait and is served next. Her order delivered, she complains: the seller gets the complaint with
the order, and the recap counts it open. The second customer, served at last, ends the chat
himself: he is back with the bot, the seller is told and offered her complaint next. A second
seller of the shop (staff) hears every customer who waits, and nothing of a chat the owner took."""

from __future__ import annotations

import httpx
import pytest

from tests.e2e import server
from tests.e2e.telegram_driver import SECRET, Telegram, User
from tests.e2e.whatsapp_client import WhatsAppUser, cli, env_for, query
from tests.fakes.telegram_api import FakeTelegramAPI
from tests.media_samples import picture

pytestmark = pytest.mark.e2e

SITI, ANDI, SELLER_CHAT, STAFF_CHAT = "+6281234567890", "+6281377778888", 5200000001, 5200000002
PHOTO = picture()  # a real JPEG: the media store reads the bytes, not the name


def test_whatsapp_customer_and_telegram_seller_talk_through_the_bot_and_the_queue_moves_on(tmp_path, fake_twilio):
    cli(tmp_path, fake_twilio, "seller", "add", "--channel", "telegram", "--id", str(SELLER_CHAT), "--name", "Bu Sri")
    cli(tmp_path, fake_twilio, "seller", "add", "--channel", "telegram", "--id", str(STAFF_CHAT), "--name", "Dodi",
        "--role", "staff")
    with FakeTelegramAPI(per_chat_per_sec=50) as telegram_fake:
        telegram_fake.add_chat(SELLER_CHAT)
        telegram_fake.add_chat(STAFF_CHAT)
        env = {**env_for(tmp_path, fake_twilio), "TELEGRAM_BOT_TOKEN": telegram_fake.token,
               "TELEGRAM_API_BASE_URL": telegram_fake.base_url, "TELEGRAM_MODE": "webhook",
               "TELEGRAM_WEBHOOK_SECRET": SECRET, "TELEGRAM_CHAT_RATE": "20"}
        with server.kedai(tmp_path, env) as port, \
                httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=20, trust_env=False) as http:
            telegram = Telegram(telegram_fake, tmp_path / "kedai.db", port)
            seller, dodi = User(telegram, SELLER_CHAT, "Sri"), User(telegram, STAFF_CHAT, "Dodi")
            siti = WhatsAppUser(http, fake_twilio, tmp_path, SITI)

            def told(number: str, words: str) -> None:
                telegram.wait(lambda: any(words in (m["Body"] or "") for m in fake_twilio.messages_to(f"whatsapp:{number}")),
                              f"{number} told {words!r}")

            andi = WhatsAppUser(http, fake_twilio, tmp_path, ANDI, name="Andi")
            siti.send("halo")
            siti.send("pesan 1 keripik tempe")
            siti.send("mau bicara dengan penjual")
            assert "sambungkan ke penjual" in siti.text
            telegram.wait(lambda: any("ingin bicara" in t for t in seller.texts), "the seller told")
            assert any(SITI in t for t in seller.texts)  # her number, for a call or a courier
            telegram.wait(lambda: any("ingin bicara" in t for t in dodi.texts), "the staff member told too")
            andi.send("admin")
            assert "antrian ke-2" in andi.text

            seller.press("Layani Siti")
            telegram.wait(lambda: any("sekarang chat dengan" in t for t in seller.texts), "the chat opened")
            told(SITI, "sudah tersambung")
            seller.say("Halo Kak Siti, ada yang bisa dibantu?")
            told(SITI, "ada yang bisa dibantu")
            media_url = f"https://api.twilio.com/2010-04-01/Accounts/{fake_twilio.account_sid}/Messages/MMspill/Media/ME1"
            fake_twilio.add_media(media_url, PHOTO, "image/jpeg")
            # In an open chat the bot says nothing back to her (the seller answers): post and watch the seller.
            assert siti.post(siti.params("", "MMspill", NumMedia="1", MessageType="image", MediaUrl0=media_url,
                                         MediaContentType0="image/jpeg")).status_code == 200
            telegram.wait(lambda: any("mengirim foto" in t for t in seller.texts), "the photo relayed")
            seller.say("selesai")
            telegram.wait(lambda: any("Berikutnya di antrian" in t and "Andi" in t for t in seller.texts), "next in line")
            told(SITI, "Percakapan dengan penjual selesai")
            # the owner took her: the staff member heard none of the chat
            assert not any("mengirim foto" in t or "ada yang bisa dibantu" in t for t in dodi.texts)

            for line in ("checkout", "Siti", "2", "lewati", "cod", "1"):  # her cart waited through the chat
                siti.send(line)
            assert "KD-0001" in siti.text
            for move in ("proses KD-0001", "kirim KD-0001", "selesai KD-0001"):  # delivered, then a complaint
                seller.say(move)
            telegram.wait(lambda: query(tmp_path, "SELECT status FROM orders") == [("completed",)], "the order completed")
            siti.send("mau komplain, keripiknya remuk semua")
            assert "KD-0001" in siti.text and "kami catat" in siti.text
            telegram.wait(lambda: any("Komplain" in t and "KD-0001" in t and "remuk" in t for t in seller.texts),
                          "the complaint with its order")
            seller.say("rekap")
            telegram.wait(lambda: any("Komplain terbuka: 1" in t for t in seller.texts), "the recap counts it")
            seller.say("layani 1")
            told(ANDI, "sudah tersambung")
            # for the seller, so the chat goes on (and the bot says nothing back: post and watch the seller)
            assert andi.post(andi.params("sudah selesai transfer kak")).status_code == 200
            telegram.wait(lambda: any("sudah selesai transfer kak" in t for t in seller.texts), "relayed to the seller")
            andi.send("udah kak makasih, selesai")  # he ends it himself
            assert "diakhiri" in andi.text and "*menu*" in andi.text
            telegram.wait(lambda: any("Andi" in t and "mengakhiri chat" in t and "Berikutnya di antrian" in t and "Siti" in t
                                      for t in seller.texts), "the seller told, her complaint next")
            assert query(tmp_path, "SELECT status FROM handoffs ORDER BY id") == [("closed",), ("closed",), ("waiting",)]
            seller.press("Layani Siti")  # the button on that notice: her complaint, in its turn
            told(SITI, "sudah tersambung")
            andi.send("cari keripik")  # with the bot again: it answers him itself
            assert "Keripik" in andi.text and "diteruskan ke penjual" not in andi.text
    assert not any("transfer" in t or "mengakhiri" in t for t in dodi.texts)  # nothing of the owner's chats
    assert query(tmp_path, "SELECT status FROM handoffs ORDER BY id") == [("closed",), ("closed",), ("open",)]
