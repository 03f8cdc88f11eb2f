"""The fake Twilio API driven by the real twilio SDK (through bot.channels.twilio_http) and httpx."""
from __future__ import annotations

import json, pathlib, threading, time
from datetime import datetime
from http.server import BaseHTTPRequestHandler
from urllib.parse import parse_qsl

import httpx
import pytest
from twilio.base.exceptions import TwilioRestException
from twilio.request_validator import RequestValidator

from bot.channels.twilio_http import AsyncBaseUrlTwilioHttpClient, make_async_twilio_client, rewrite_twilio_url

from ._http import FakeServer
from .twilio_sync import make_twilio_client
from .twilio_api import DEFAULT_AUTH_TOKEN, FakeTwilioAPI, fake_twilio  # noqa: F401  (fixture)
from tests import samples

SAMPLES = samples.TWILIO
SHOP, SITI = "whatsapp:+6281188880000", "whatsapp:+6281234567890"
STATUS_URL = "https://bot.example.test/webhooks/twilio/status"


def client_for(fake: FakeTwilioAPI, token: str | None = None):
    return make_twilio_client(fake.account_sid, token or fake.auth_token, fake.base_url)


def test_create_message_is_recorded_with_the_right_fields(fake_twilio):
    client = client_for(fake_twilio)
    msg = client.messages.create(to=SITI, from_=SHOP, body="Halo kak, pesanan INV-1 sudah kami terima 🙏",
                                 status_callback=STATUS_URL)
    media = client.messages.create(to=SITI, from_=SHOP, body="Katalog",
                                   media_url=["https://cdn.example.test/a.jpg", "https://cdn.example.test/b.jpg"])
    assert msg.sid.startswith("SM") and len(msg.sid) == 34 and msg.status == "queued"
    assert media.sid.startswith("MM") and media.num_media == "2"
    assert isinstance(msg.date_created, datetime) and msg.direction == "outbound-api"
    assert msg.to == SITI and msg.from_ == SHOP and msg.body.endswith("🙏")
    first, second = fake_twilio.messages
    assert first["sid"] == msg.sid and first["StatusCallback"] == STATUS_URL and first["MediaUrl"] == []
    assert second["MediaUrl"] == ["https://cdn.example.test/a.jpg", "https://cdn.example.test/b.jpg"]
    assert fake_twilio.messages_to(SITI) == fake_twilio.messages
    assert client.messages(msg.sid).fetch().body == msg.body  # GET Messages/{sid}.json
    assert not fake_twilio.server_errors


def test_template_via_messaging_service(fake_twilio):
    client = client_for(fake_twilio)
    variables = json.dumps({"1": "Siti", "2": "INV-2025-000123"})
    msg = client.messages.create(to=SITI, messaging_service_sid="MG9b8a7c6d5e4f30211203f4e5d6c7b8a9",
                                 content_sid="HX" + "ab" * 16, content_variables=variables)
    assert msg.status == "accepted" and msg.from_ is None
    rec = fake_twilio.messages[0]
    assert rec["ContentSid"] == "HX" + "ab" * 16 and json.loads(rec["ContentVariables"])["2"] == "INV-2025-000123"
    assert rec["MessagingServiceSid"].startswith("MG") and rec["From"] is None


@pytest.mark.parametrize("kwargs, status, code", [
    ({"to": "", "from_": SHOP, "body": "x"}, 400, 21604),
    ({"to": SITI, "from_": SHOP}, 400, 21619),
    ({"to": "+6281234567890", "from_": SHOP, "body": "x"}, 400, 21910),   # channel mismatch
    ({"to": "+6281234567890", "from_": "+6281188880000", "body": "x"}, 400, 21910),  # SMS: not on this account
    ({"to": "whatsapp:0812345", "from_": SHOP, "body": "x"}, 400, 21211),
    ({"to": SITI, "from_": SHOP, "content_sid": "HX1", "content_variables": "{}"}, 400, 21655),
    ({"to": SITI, "from_": SHOP, "content_sid": "HX" + "0" * 32, "content_variables": "not json"}, 400, 21656),
    ({"to": SITI, "body": "x"}, 400, 21603),
])
def test_validation_errors_like_twilio(fake_twilio, kwargs, status, code):
    with pytest.raises(TwilioRestException) as exc:
        client_for(fake_twilio).messages.create(**kwargs)
    assert (exc.value.status, exc.value.code) == (status, code)
    assert fake_twilio.messages == []


def test_wrong_token_is_401(fake_twilio):
    with pytest.raises(TwilioRestException) as exc:
        client_for(fake_twilio, token="wrong_token_0123456789abcdef0000").messages.create(to=SITI, from_=SHOP, body="x")
    assert (exc.value.status, exc.value.code) == (401, 20003)
    assert fake_twilio.messages == []


def test_forced_429_surfaces_as_20429_then_recovers(fake_twilio):
    client = client_for(fake_twilio)
    fake_twilio.force_error(2)
    for _ in range(2):
        with pytest.raises(TwilioRestException) as exc:
            client.messages.create(to=SITI, from_=SHOP, body="x")
        assert (exc.value.status, exc.value.code) == (429, 20429)
    fake_twilio.force_error(1, status=503, code=20503, message="Service Unavailable")
    with pytest.raises(TwilioRestException) as exc:
        client.messages.create(to=SITI, from_=SHOP, body="x")
    assert exc.value.code == 20503
    assert client.messages.create(to=SITI, from_=SHOP, body="x").status == "queued"
    assert len(fake_twilio.messages) == 1


def test_media_download_needs_basic_auth_and_redirects(fake_twilio):
    sample = json.loads((SAMPLES / "inbound_image_caption.json").read_text())
    url = fake_twilio.add_media(sample["MediaUrl0"], b"\xff\xd8fake-jpeg", "image/jpeg")
    # The bot sees the https://api.twilio.com URL in the webhook; rewrite_twilio_url maps it to the fake.
    assert rewrite_twilio_url(sample["MediaUrl0"], fake_twilio.base_url) == url
    auth = (fake_twilio.account_sid, fake_twilio.auth_token)
    with httpx.Client(trust_env=False) as http:
        ok = http.get(url, auth=auth, follow_redirects=True)
        assert ok.status_code == 200 and ok.content == b"\xff\xd8fake-jpeg"
        assert ok.headers["content-type"] == "image/jpeg"
        assert http.get(url, auth=auth).status_code == 307  # httpx does not follow redirects by default
        assert http.get(url).status_code == 401
        assert http.get(url, auth=(fake_twilio.account_sid, "wrong")).status_code == 401
        assert http.get(fake_twilio.new_media(b"png", "image/png"), auth=auth, follow_redirects=True).content == b"png"


class _Receiver(BaseHTTPRequestHandler):
    """Stand-in for our webhook endpoint: validates like the app must (against the PUBLIC url)."""
    received: list = []
    disable_nagle_algorithm = True

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"])).decode()
        params = dict(parse_qsl(body, keep_blank_values=True))
        signature = self.headers.get("X-Twilio-Signature", "")
        ok = RequestValidator(DEFAULT_AUTH_TOKEN).validate(STATUS_URL, params, signature)
        self.received.append((params, ok, dict(self.headers)))
        self.send_response(204 if ok else 403)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


def test_status_callback_is_signed_and_updates_the_message(fake_twilio):
    msg = client_for(fake_twilio).messages.create(to=SITI, from_=SHOP, body="x", status_callback=STATUS_URL,
                                                  messaging_service_sid="MG9b8a7c6d5e4f30211203f4e5d6c7b8a9")
    server = FakeServer(("127.0.0.1", 0), _Receiver)
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    local = f"http://127.0.0.1:{server.server_port}/webhooks/twilio/status"
    try:
        ok = fake_twilio.send_status_callback(local, msg.sid, "failed", error_code=63016, signed_url=STATUS_URL)
        forged = fake_twilio.send_status_callback(local, msg.sid, "read")  # signed for the local URL: wrong
    finally:
        server.shutdown()
        server.server_close()
    assert (ok.status_code, forged.status_code) == (204, 403)
    params, valid, headers = _Receiver.received[0]
    assert valid and headers["Content-Type"] == "application/x-www-form-urlencoded"
    assert params["MessageStatus"] == params["SmsStatus"] == "failed" and params["ErrorCode"] == "63016"
    assert params["MessageSid"] == params["SmsSid"] == msg.sid and params["To"] == SITI
    assert params["ChannelToAddress"] == "+62812345XXXXX" and params["MessagingServiceSid"].startswith("MG")
    expected_keys = set(json.loads((SAMPLES / "status_failed_63016.json").read_text()))
    assert set(params) == expected_keys
    assert _Receiver.received[1][0]["EventType"] == "READ"
    assert fake_twilio.messages[0]["status"] == "read"


def test_signed_inbound_matches_the_sample_signatures(fake_twilio):
    manifest = json.loads((SAMPLES / "signatures.json").read_text())
    for name, entry in manifest["requests"].items():
        params = json.loads((SAMPLES.parent / name).read_text())
        body, headers = fake_twilio.signed_inbound(entry["url"], params)
        assert headers["X-Twilio-Signature"] == entry["X-Twilio-Signature"], name
        assert dict(parse_qsl(body.decode(), keep_blank_values=True)) == params


def test_client_factory_rewrites_only_twilio_hosts():
    base = "http://127.0.0.1:9999/prefix"
    assert rewrite_twilio_url("https://api.twilio.com/2010-04-01/Accounts/AC1/Messages.json?x=1", base) == \
        "http://127.0.0.1:9999/prefix/2010-04-01/Accounts/AC1/Messages.json?x=1"
    assert rewrite_twilio_url("https://api.sydney.au1.twilio.com/v1/x", base) == "http://127.0.0.1:9999/prefix/v1/x"
    assert rewrite_twilio_url("https://example.com/a.jpg", base) == "https://example.com/a.jpg"
    assert rewrite_twilio_url("https://eviltwilio.com/a", base) == "https://eviltwilio.com/a"
    assert rewrite_twilio_url("https://api.twilio.com/x", None) == "https://api.twilio.com/x"
    prod = make_async_twilio_client("AC" + "0" * 32, "token", None)  # what Kedai sends with
    assert isinstance(prod.http_client, AsyncBaseUrlTwilioHttpClient) and prod.http_client.base_url is None
    assert prod.http_client.timeout == 10.0


def test_fake_starts_and_stops_without_hanging():
    t0 = time.monotonic()
    with FakeTwilioAPI() as fake:
        url = fake.base_url
        assert httpx.get(url + "/", trust_env=False).json()["code"] == 20404
    assert time.monotonic() - t0 < 10  # not stuck on shutdown; how fast is not what is tested
    with pytest.raises(httpx.ConnectError):
        httpx.get(url + "/", trust_env=False)


def test_the_async_client_sends_the_sdks_fields_as_httpx_did(fake_twilio):
    """MediaUrl lists repeat the key, booleans are "true"/"false", and the basic auth is the account's."""
    import asyncio

    from bot.channels.twilio_http import _pairs

    assert _pairs({"MediaUrl": ["https://a/1.jpg", "https://a/2.jpg"], "Flag": True, "Off": False, "None": None}) == [
        ("MediaUrl", "https://a/1.jpg"), ("MediaUrl", "https://a/2.jpg"), ("Flag", "true"), ("Off", "false"), ("None", "")]
    client = make_async_twilio_client(fake_twilio.account_sid, fake_twilio.auth_token, fake_twilio.base_url)

    async def send():
        try:
            return await client.messages.create_async(to="whatsapp:+6281234567890", from_="whatsapp:+6281100000000",
                                                      body="Halo Kak", media_url=["https://example.com/a.jpg",
                                                                                  "https://example.com/b.jpg"])
        finally:
            await client.http_client.aclose()

    message = asyncio.run(send())
    assert message.sid.startswith(("SM", "MM"))
    sent = fake_twilio.messages[-1]
    assert sent["Body"] == "Halo Kak" and sent["MediaUrl"] == ["https://example.com/a.jpg", "https://example.com/b.jpg"]
