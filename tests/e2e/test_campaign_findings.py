"""Each finding of the outside campaign (issue 12), sent as the one request that showed it, to a
real `kedai serve` with every channel on, on SQLite and on PostgreSQL. Before the fixes each of
these answered 500 (and Telegram would have repeated its update for ever)."""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from sqlalchemy import create_engine, text
from twilio.request_validator import RequestValidator

from tests.e2e.hostile_campaign import TELEGRAM_SELLER, fresh_database, seed, serving, traceback_count
from tests.e2e.hostile_payloads import PUBLIC, TELEGRAM_SECRET
from tests.fakes.telegram_api import FakeTelegramAPI
from tests.fakes.twilio_api import FakeTwilioAPI, sign
from texts.id import customer as t

pytestmark = pytest.mark.e2e

CHATS = (880000771, 880000772, 880000773)
STALE = t.STALE_BUTTON.split(",")[0]  # "Maaf Kak"... the start of the old-button reply


@dataclass
class Shop:
    http: httpx.Client
    telegram: FakeTelegramAPI
    twilio: FakeTwilioAPI
    db_url: str
    log: Path

    def say(self, user: str, body: dict | None = None, **fields: object) -> httpx.Response:
        return self.http.post("/api/simulator/messages", json={"user": user, **(body or {}), **fields})

    def replies(self, response: httpx.Response) -> str:
        assert response.status_code == 200, response.text
        return "\n".join(r["text"] for r in response.json()["replies"])

    def update(self, update: dict | bytes) -> httpx.Response:
        body = update if isinstance(update, bytes) else json.dumps(update).encode()
        return self.http.post("/webhooks/telegram", content=body, headers={
            "Content-Type": "application/json", "X-Telegram-Bot-Api-Secret-Token": TELEGRAM_SECRET})

    def telegram_texts(self, chat: int, count: int, timeout: float = 10) -> list[str]:
        deadline = time.monotonic() + timeout
        while len(sent := self.telegram.sent_messages(chat)) < count and time.monotonic() < deadline:
            time.sleep(0.05)
        return [m.get("text") or m.get("caption") or "" for m in sent]

    def twilio_post(self, params: dict[str, str], query: str = "", path: str = "/webhooks/twilio") -> httpx.Response:
        url = PUBLIC + path + (f"?{query}" if query else "")
        body, headers = self.twilio.signed_inbound(url, params)
        return self.http.post(path + (f"?{query}" if query else ""), content=body, headers=headers)

    def query(self, sql: str, **params: object) -> list[tuple]:
        db = create_engine(self.db_url)
        with db.connect() as conn:
            rows = [tuple(r) for r in conn.execute(text(sql), params)]
        db.dispose()
        return rows


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def shop(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Shop]:
    """One server per database for the module; each test talks as people of its own."""
    tmp = tmp_path_factory.mktemp(f"findings-{request.param}")
    with fresh_database(request.param, tmp) as db_url:
        seed(db_url)
        with FakeTelegramAPI(per_chat_per_sec=None, global_per_sec=None) as telegram, FakeTwilioAPI() as twilio:
            telegram.add_chat(TELEGRAM_SELLER)
            for chat in CHATS:
                telegram.add_chat(chat)
            with serving(db_url, tmp, telegram.base_url, telegram.token, twilio) as (base, log), \
                    httpx.Client(base_url=base, timeout=20, trust_env=False) as http:
                yield Shop(http, telegram, twilio, db_url, log)
            assert traceback_count(log) == 0, log.read_text(errors="replace")[-3000:]


def press(chat: int, data: object, update_id: int) -> dict:
    user = {"id": chat, "is_bot": False, "first_name": "Eve"}
    message = {"message_id": 5, "date": int(time.time()), "chat": {"id": chat, "type": "private", "first_name": "Eve"},
               "from": {"id": 1, "is_bot": True, "first_name": "Toko"}, "text": "Katalog"}
    return {"update_id": update_id, "callback_query": {"id": f"cb{update_id}", "from": user, "chat_instance": "1",
                                                       "message": message, "data": data}}


def text_update(chat: int, update_id: int, **message: object) -> dict:
    user = {"id": chat, "is_bot": False, "first_name": "Eve"}
    return {"update_id": update_id, "message": {"message_id": update_id, "date": int(time.time()), "from": user,
                                                "chat": {"id": chat, "type": "private", "first_name": "Eve"}, **message}}


def test_an_out_of_range_button_is_answered_as_an_old_button_on_telegram_and_the_simulator(shop):
    chat = CHATS[0]
    assert shop.update(text_update(chat, 70_000, text="halo")).status_code == 200
    assert "Dapur Bu Sri" in shop.telegram_texts(chat, 1)[-1]
    for n, data in enumerate(["c:99999999999999999999:0", "c:1:9223372036854775808", "c:1:99999999999999999999",
                              "bc:report:99999999999999999999", "a:KRP-SGK-PDS:99999999999999999999"], start=1):
        response = shop.update(press(chat, data, 70_000 + n))
        assert response.status_code == 200
        assert STALE in shop.telegram_texts(chat, n + 1)[-1]
    shop.say("eve", text="halo")
    for choice in ("c:99999999999999999999:0", "c:1:99999999999999999999", "c:1:2147483648"):
        assert STALE in shop.replies(shop.say("eve", choice=choice))
    # a real page button still works, and a page past the end shows the last one
    assert "halaman 1" in shop.replies(shop.say("eve", choice="c:1:0"))
    assert "halaman 1" in shop.replies(shop.say("eve", choice="c:1:2147483647"))


def test_nul_bytes_and_long_names_and_ids_are_cleaned_at_the_edge(shop):
    for line in ("pesan 2 kripik pedes", "checkout"):
        shop.say("nul-siti", text=line)
    assert t.ASK_FULFILMENT in shop.replies(shop.say("nul-siti", text="Siti\x00 Rahayu"))
    assert shop.query("SELECT c.name FROM customers c JOIN identities i ON i.customer_id = c.id "
                      "WHERE i.external_id = 'nul-siti'") == [("Siti Rahayu",)]
    assert "Dapur Bu Sri" in shop.replies(shop.say("bu\x00di", name="Bu\x00di", text="halo"))
    assert shop.query("SELECT profile_name FROM identities WHERE external_id = 'budi'") == [("Budi",)]
    # the simulator says what is wrong; Telegram's names are cut to the column
    assert shop.say("x" * 101, text="halo").status_code == 422
    assert shop.say("nama-panjang", name="N" * 201, text="halo").status_code == 422
    assert shop.say("\x00\x01", text="halo").status_code == 422
    chat = CHATS[1]
    long_name = {"from": {"id": chat, "is_bot": False, "first_name": "E" * 300}}
    assert shop.update(text_update(chat, 71_001, text="halo", **long_name)).status_code == 200
    assert shop.query("SELECT length(profile_name) FROM identities WHERE external_id = :chat",
                      chat=str(chat)) == [(200,)]
    sid = "SM" + "9" * 120
    params = {"MessageSid": sid, "From": "whatsapp:+6281300000077", "To": "whatsapp:+6281188880000", "Body": "halo",
              "ProfileName": "Wati\x00"}
    assert shop.twilio_post(params).status_code == 200
    assert shop.twilio_post(params).status_code == 200  # a repeat is still recognised as one
    [(kept,)] = shop.query("SELECT message_id FROM inbound_messages WHERE channel = 'whatsapp' "
                           "AND sender = '+6281300000077'")
    assert len(kept) == 100 and kept.startswith("SM999")


def test_bodies_that_are_not_json_or_not_usable_get_4xx_from_the_simulator_and_200_from_telegram(shop):
    for body in (b'{"user": "eve", "text": "\xff\xfe"}', b'{"user": NaN}', b'{"user": "eve", "text": NaN}',
                 b"[" * 5000 + b"]" * 5000, b'{"user": 100000000000000000000}'):
        response = shop.http.post("/api/simulator/messages", content=body, headers={"Content-Type": "application/json"})
        assert response.status_code == 422 and response.json()["detail"][0]["loc"][0] == "body"
    chat = CHATS[2]
    logged = shop.log.read_text().count("not usable, acknowledged")
    unusable = [text_update(chat, 72_001, text=12345), text_update(chat, 72_002, text=["halo"]),
                text_update(chat, 72_003, text="halo", date=1e20),
                {"update_id": 72_004, "message": json.loads("[" * 900 + "]" * 900)}]
    for update in unusable:
        assert shop.update(update).status_code == 200
    assert shop.update(b"[" * 5000 + b"]" * 5000).status_code == 200
    assert shop.update(b"\xff").status_code == 200
    assert shop.query("SELECT count(*) FROM inbound_messages WHERE channel = 'telegram' AND message_id LIKE '7200%'") \
        == [(0,)]
    assert shop.update(text_update(chat, 72_005, text="halo")).status_code == 200  # the next one is read as usual
    assert "Dapur Bu Sri" in shop.telegram_texts(chat, 1)[-1]
    assert shop.log.read_text().count("not usable, acknowledged") - logged == 6  # one line each, no traceback


def test_twilio_query_strings_that_name_a_body_hash_are_checked_as_twilio_sends_them(shop):
    logged = shop.log.read_text().count("refused a Twilio webhook")
    params = {"MessageSid": "SMq1", "From": "whatsapp:+6281300000078", "To": "whatsapp:+6281188880000", "Body": "halo"}
    # A query that only looks like one with a body hash is signed with the form, as Twilio does;
    # one that has it must match the body's hash (a form body never does).
    for query, status in (("xbodySHA256=1", 200), ("bodySHA256=", 200), ("bodySHA256=abc", 403),
                          ("a=%ff&bodySHA256=1", 403)):
        for path in ("/webhooks/twilio", "/webhooks/twilio/status"):
            response = shop.twilio_post(params, query, path)
            assert response.status_code == status, (query, path, response.text)
    # Twilio's JSON webhooks: the body's hash in the signed query; the body itself is not a form
    body = json.dumps(params).encode()
    url = f"{PUBLIC}/webhooks/twilio/status?bodySHA256={hashlib.sha256(body).hexdigest()}"
    signature = RequestValidator(shop.twilio.auth_token).compute_signature(url, {})
    response = shop.http.post(url.removeprefix(PUBLIC), content=body,
                              headers={"Content-Type": "application/json", "X-Twilio-Signature": signature})
    assert response.status_code == 200
    forged = shop.http.post("/webhooks/twilio", content=b"Body=%ff%fe\xff", headers={"X-Twilio-Signature": sign(
        shop.twilio.auth_token, PUBLIC + "/webhooks/twilio", {})})
    assert forged.status_code == 403
    assert shop.log.read_text().count("refused a Twilio webhook") - logged == 5  # one line each
