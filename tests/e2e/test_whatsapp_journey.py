"""`kedai serve` with WhatsApp on, talking to the fake Twilio API: signed webhooks in, REST
messages out, the 24-hour rule, status callbacks, one customer across channels."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

import httpx
import pytest

from bot.messages import Inbound
from tests.e2e import server
from tests.e2e.telegram_driver import SECRET, Telegram, User
from tests.e2e.whatsapp_client import PUBLIC, WhatsAppUser, cli, counts, env_for, query
from tests.fakes.telegram_api import FakeTelegramAPI
from tests.support import seeded_engine
from tests.media_samples import picture
from tests.twilio_samples import sample, signed_sample

pytestmark = pytest.mark.e2e

SITI, SELLER = "+6281234567890", "+6281299990000"
PROOF = picture(600, 900, "white")  # a BCA transfer receipt


def serve(tmp_path, fake):
    return server.kedai(tmp_path, env_for(tmp_path, fake))


def client(port: int) -> httpx.Client:
    return httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=20, trust_env=False)


def test_a_whole_order_over_whatsapp_with_a_payment_proof_and_the_seller_notice_held_until_they_write(
        tmp_path, fake_twilio):
    cli(tmp_path, fake_twilio, "seller", "add", "--channel", "whatsapp", "--id", "0812-9999-0000", "--name", "Bu Sri")
    with serve(tmp_path, fake_twilio) as port, client(port) as http:
        siti = WhatsAppUser(http, fake_twilio, tmp_path, SITI)
        siti.send("halo")
        assert "Dapur Bu Sri" in siti.text and "\n1. Katalog\n" in siti.text
        siti.send("pesan 2 keripik singkong pedas sama 1 sambal roa")
        siti.send("checkout")
        assert "nama" in siti.text.lower()
        siti.send("Siti Rahayu")
        siti.send("1")  # 1. Diantar
        assert "alamat" in siti.text.lower()
        siti.send("Jl. Ijen No. 5, Klojen, Malang")
        siti.send("lewati")
        siti.send("transfer bank")
        assert "Rp65.000" in siti.text
        siti.send("1")  # 1. Pesan sekarang
        assert "KD-0001" in siti.text and "3150123456" in siti.text
        [order] = json.loads(cli(tmp_path, fake_twilio, "orders", "list", "--json"))
        assert (order["channel"], order["customer"]["name"]) == ("whatsapp", "Siti Rahayu")
        assert 1 <= order["unique_code"] <= 999 and order["total"] == 65000 + order["unique_code"]

        media_url = "https://api.twilio.com/2010-04-01/Accounts/{}/Messages/MMproof01/Media/MEproof01".format(
            fake_twilio.account_sid)
        fake_twilio.add_media(media_url, PROOF, "image/jpeg")
        siti.send("Bukti transfer KD-0001", NumMedia="1", MessageType="image", MediaUrl0=media_url,
                  MediaContentType0="image/jpeg", MessageSid="MMproof01", SmsMessageSid="MMproof01", SmsSid="MMproof01")
        [stored] = [p for p in (tmp_path / "data" / "shop_media").glob("*/private/*.jpg")  # a customer's: private
                    if ".thumb." not in p.name]
        assert stored.read_bytes() == PROOF

        # The seller never wrote to the shop's number: WhatsApp forbids a free-form notice, so it waits.
        notices = query(tmp_path, "SELECT id, status, error_code FROM outbox WHERE recipient = ? ORDER BY id", SELLER)
        assert len(notices) == 2  # the new order, then the proof to check
        assert {(status, code) for _, status, code in notices} == {("held", "24h")}
        assert fake_twilio.messages_to(f"whatsapp:{SELLER}") == []
        seller = WhatsAppUser(http, fake_twilio, tmp_path, SELLER, name="Bu Sri")
        seller.send("halo")
        assert "Pesanan baru KD-0001" in seller.replies[0]["Body"] and "KD-0001" in seller.replies[1]["Body"]
        assert query(tmp_path, "SELECT status FROM outbox WHERE recipient = ? ORDER BY id", SELLER)[:2] == [("sent",), ("sent",)]
    assert not fake_twilio.server_errors


def test_the_recorded_twilio_samples_are_accepted_and_forged_or_misaddressed_ones_change_nothing(tmp_path, fake_twilio):
    with serve(tmp_path, fake_twilio) as port, client(port) as http:
        url, body, signature = signed_sample("inbound_text")
        headers = {"Content-Type": "application/x-www-form-urlencoded", "X-Twilio-Signature": signature}
        assert http.post("/webhooks/twilio", content=body, headers=headers).status_code == 200
        WhatsAppUser(http, fake_twilio, tmp_path, SITI).settle(sample("inbound_text")["MessageSid"])
        before, sent = counts(tmp_path), len(fake_twilio.messages)

        forged = body.replace(b"2+pcs", b"200+pcs")
        local = f"http://127.0.0.1:{port}/webhooks/twilio"
        _, wrong_url_headers = fake_twilio.signed_inbound(local, sample("inbound_location"))
        attempts = [
            (forged, headers),
            (body, {"Content-Type": "application/x-www-form-urlencoded"}),
            (signed_sample("inbound_location")[1], wrong_url_headers),
            (body, {**headers, "X-Twilio-Signature": "A" * 28}),
        ]
        for content, hdrs in attempts:
            response = http.post("/webhooks/twilio", content=content, headers=hdrs)
            assert (response.status_code, response.content) == (403, b"")
        assert http.post("/webhooks/twilio/status", content=body, headers={}).status_code == 403

        again = http.post("/webhooks/twilio", content=body, headers=headers)  # Twilio redelivers the same MessageSid
        assert again.status_code == 200
        assert counts(tmp_path) == before and len(fake_twilio.messages) == sent

        for name in ("inbound_location", "inbound_quick_reply_button", "inbound_profile_waid_forwarded"):
            url, content, sig = signed_sample(name)
            response = http.post("/webhooks/twilio", content=content,
                                 headers={"Content-Type": "application/x-www-form-urlencoded", "X-Twilio-Signature": sig})
            assert response.status_code == 200, name
        assert query(tmp_path, "SELECT count(*) FROM inbound_messages")[0][0] == 4


def test_outside_the_24_hours_a_notice_goes_as_the_shops_approved_template(tmp_path, fake_twilio):
    cli(tmp_path, fake_twilio, "seller", "add", "--channel", "whatsapp", "--id", SELLER)
    shop = json.loads(cli(tmp_path, fake_twilio, "shop", "show"))
    shop["whatsapp_templates"] = {"reengage": "HX" + "e" * 32}
    (tmp_path / "shop.json").write_text(json.dumps(shop), encoding="utf-8")
    cli(tmp_path, fake_twilio, "shop", "load", str(tmp_path / "shop.json"))
    # The seller last wrote 25 hours ago (the engine on an injected clock, before the server starts).
    engine, _ = seeded_engine(f"sqlite:///{tmp_path}/kedai.db")
    engine.clock = lambda: datetime.now(timezone.utc) - timedelta(hours=25)
    engine.handle(Inbound("whatsapp", SELLER, "SMseller-yesterday", text="halo"))
    with serve(tmp_path, fake_twilio) as port, client(port) as http:
        siti = WhatsAppUser(http, fake_twilio, tmp_path, SITI)
        for line in ("halo", "pesan 1 keripik tempe", "checkout", "Siti", "2", "lewati", "cod", "1"):
            siti.send(line)
        assert "KD-0001" in siti.text
        notice = fake_twilio.messages_to(f"whatsapp:{SELLER}")[-1]
        assert notice["ContentSid"] == "HX" + "e" * 32 and notice["Body"] is None
        variables = json.loads(notice["ContentVariables"])
        assert variables["1"] == "Dapur Bu Sri" and "Pesanan baru KD-0001" in variables["2"]


def test_a_failed_status_callback_is_recorded_and_a_late_delivered_does_not_undo_it(tmp_path, fake_twilio):
    with serve(tmp_path, fake_twilio) as port, client(port) as http:
        siti = WhatsAppUser(http, fake_twilio, tmp_path, SITI)
        [reply] = siti.send("halo")
        local = f"http://127.0.0.1:{port}/webhooks/twilio/status"
        status_url = PUBLIC + "/webhooks/twilio/status"
        assert fake_twilio.send_status_callback(local, reply["sid"], "failed", 63016, signed_url=status_url).status_code == 200
        assert fake_twilio.send_status_callback(local, reply["sid"], "delivered", signed_url=status_url).status_code == 200
        assert fake_twilio.send_status_callback(local, reply["sid"], "read").status_code == 403  # signed for the wrong URL
        assert query(tmp_path, "SELECT status, error_code FROM outbox WHERE provider_id = ?", reply["sid"]) == \
            [("failed", "63016")]
        assert query(tmp_path, "SELECT reachable FROM identities WHERE external_id = ?", SITI) == [(0,)]
        siti.send("menu")  # writing again opens the window again
        assert query(tmp_path, "SELECT reachable FROM identities WHERE external_id = ?", SITI) == [(1,)]
        assert "1. Katalog" in siti.text


def test_a_customer_known_on_telegram_and_whatsapp_has_one_cart(tmp_path, fake_twilio):
    with FakeTelegramAPI(per_chat_per_sec=20) as telegram_fake:
        env = {**env_for(tmp_path, fake_twilio), "TELEGRAM_BOT_TOKEN": telegram_fake.token,
               "TELEGRAM_API_BASE_URL": telegram_fake.base_url, "TELEGRAM_MODE": "webhook",
               "TELEGRAM_WEBHOOK_SECRET": SECRET, "TELEGRAM_CHAT_RATE": "10"}
        with server.kedai(tmp_path, env) as port, client(port) as http:
            siti = WhatsAppUser(http, fake_twilio, tmp_path, SITI)
            siti.send("pesan 2 keripik tempe")
            on_telegram = User(Telegram(telegram_fake, tmp_path / "kedai.db", port), 5123456789, "Siti")
            on_telegram.say("halo")
            on_telegram.say("pesan 1 sambal roa")
            on_telegram.send(on_telegram._message("contact_share.json"))  # her own number, 6281234567890
            siti.send("keranjang")
            assert "Keripik Tempe" in siti.text and "Sambal Roa" in siti.text
            on_telegram.say("keranjang")
            assert "Keripik Tempe" in on_telegram.texts[-1] and "Sambal Roa" in on_telegram.texts[-1]
            assert query(tmp_path, "SELECT count(DISTINCT customer_id) FROM identities")[0][0] == 1


def test_the_owner_sends_the_shops_qris_as_a_photo_and_a_qris_order_gets_a_code_with_its_exact_total(
        tmp_path, fake_twilio):
    """Issue 18 on WhatsApp: the owner's QRIS photo, fetched from Twilio's media URL into the media
    store, is read; a customer's QRIS order then gets a dynamic QRIS picture (served from our
    public URL) whose amount is the order's total, unique code included."""
    from urllib.parse import urlsplit

    from orders import qris
    from orders.qris_image import qr_png, read_qris
    from tests.unit.test_qris import hand_built_static

    static = hand_built_static()
    cli(tmp_path, fake_twilio, "seller", "add", "--channel", "whatsapp", "--id", SELLER, "--name", "Bu Sri")
    with serve(tmp_path, fake_twilio) as port, client(port) as http:
        seller = WhatsAppUser(http, fake_twilio, tmp_path, SELLER, name="Bu Sri")
        seller.send("ganti qris")
        url = fake_twilio.new_media(qr_png(static), "image/png").replace(fake_twilio.url, "https://api.twilio.com")
        seller.send("", NumMedia="1", MediaContentType0="image/png", MediaUrl0=url)
        [(profile,)] = query(tmp_path, "SELECT profile FROM shops")
        [method] = [m for m in json.loads(profile)["payment_methods"] if m["kind"] == "qris"]
        assert method["qris_payload"] == static, seller.replies

        rina = WhatsAppUser(http, fake_twilio, tmp_path, SITI, name="Rina")
        for line in ("pesan 2 keripik tempe", "checkout", "Rina", "ambil sendiri", "lewati", "qris", "pesan sekarang"):
            rina.send(line)
        [paying] = [m for m in rina.replies if m["MediaUrl"] and "QRIS" in (m["Body"] or "")]
        [order] = json.loads(cli(tmp_path, fake_twilio, "orders", "list", "--json"))
        assert order["unique_code"] and order["total"] % 1000 == order["unique_code"]
        [picture_url] = paying["MediaUrl"]
        assert picture_url.startswith(PUBLIC + "/media/")
        parts = urlsplit(picture_url)
        got = http.get(parts.path + ("?" + parts.query if parts.query else ""))
        assert got.status_code == 200
        dynamic = read_qris(got.content).payload
        fields = qris.parse(dynamic)
        assert (fields.get("01"), fields.get("54"), fields.get("59")) == ("12", str(order["total"]), "WARUNG BU SITI")
        assert dynamic[-4:] == qris.crc16(dynamic[:-4])
        assert f"Rp{order['total']:,}".replace(",", ".") in paying["Body"]
