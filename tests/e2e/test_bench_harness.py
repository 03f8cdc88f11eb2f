"""The benchmark harness itself (bench/, `make bench`): wrk really drives the bare endpoint,
and the Lua scripts send what the channels send: updates python-telegram-bot parses and Kedai
reads as messages and button presses, Twilio posts whose signatures the twilio SDK accepts,
every one with a fresh id. No throughput figure is asserted here (those belong to the bench)."""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import closing, contextmanager
from http.server import BaseHTTPRequestHandler
from urllib.parse import parse_qsl

import pytest
from telegram import Bot, Update
from twilio.request_validator import RequestValidator

from bench import servers, wrk
from tests.fakes._http import FakeServer
from bench.bench_whatsapp import MESSAGING_SERVICE, PUBLIC, SHOP_NUMBER
from bench.fakes import most_in_window
from bot.channels.telegram_in import translate as from_telegram
from bot.channels.twilio_inbound import translate as from_twilio
from tests.fakes.telegram_api import DEFAULT_TOKEN
from tests.fakes.twilio_api import DEFAULT_ACCOUNT_SID, DEFAULT_AUTH_TOKEN

pytestmark = pytest.mark.e2e

CHECKED = 400  # requests of each capture looked at closely


@contextmanager
def capture() -> Iterator[tuple[str, list[tuple[dict[str, str], bytes]]]]:
    """A keep-alive HTTP server that answers 200 and keeps every request's headers and body."""
    got: list[tuple[dict[str, str], bytes]] = []

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: object) -> None:
            pass

        def do_POST(self) -> None:
            got.append((dict(self.headers.items()), self.rfile.read(int(self.headers["Content-Length"]))))
            self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()

    server = FakeServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}", got
    finally:
        server.shutdown()
        server.server_close()


def test_wrk_drives_the_bare_endpoint_and_every_answered_request_was_stored(tmp_path) -> None:
    with servers.bare(tmp_path) as bare:
        result = wrk.run("bare", bare.url, "bare", seconds=1, args={"first": 0}, server_pid=bare.pid)
    assert result.failed == 0 and result.requests > 50, result
    with closing(sqlite3.connect(tmp_path / "bare.db")) as db:
        stored = db.execute("SELECT count(DISTINCT message_id) FROM messages").fetchone()[0]
    # a run may stop with requests sent whose answers it never read: at most one per connection
    assert result.requests <= stored <= result.requests + wrk.CONNECTIONS <= result.built + wrk.CONNECTIONS
    assert 0 < result.p("50") <= result.p("99") <= result.p("max")
    assert result.server_cpu is not None and result.server_cpu > 0 and result.client_cpu > 0


def test_the_telegram_script_posts_updates_that_kedai_reads_as_messages_and_presses() -> None:
    wrk.ensure()
    with capture() as (url, got):
        wrk.run("telegram", url, "telegram", seconds=1, connections=2,
                args={"first": 5, "secret": "s3cret_token", "chats": 7, "chat_base": 7_100_000_000, "bot_id": 7012345678})
    assert len(got) >= 70  # ten steps of seven chats
    bot = Bot(DEFAULT_TOKEN)
    update_ids, chats, texts, presses = set(), set(), set(), set()
    for headers, body in got[:CHECKED]:
        assert headers["X-Telegram-Bot-Api-Secret-Token"] == "s3cret_token"
        assert headers["Content-Type"] == "application/json"
        update = Update.de_json(json.loads(body), bot)
        assert update.update_id not in update_ids
        update_ids.add(update.update_id)
        got_in = from_telegram(update, "7012345678")
        assert got_in.inbound is not None, body
        chats.add(got_in.inbound.sender)
        if got_in.callback_id is not None:
            presses.add(got_in.inbound.choice)
        else:
            texts.add(got_in.inbound.text)
    assert len(chats) == 7
    assert {"halo kak 🙏", "pesan 2 kripik pedes sama 1 sambel bawang", "cari nastar keju"} <= texts
    assert {"catalog", "c:1:0", "p:KRP-TMP"} <= presses  # "@c:1:0" is a page button: read as c:1:0


def test_the_twilio_script_signs_every_post_as_twilio_does_with_a_fresh_message_sid() -> None:
    wrk.ensure()
    signed_url = PUBLIC + "/webhooks/twilio"
    with capture() as (url, got):
        wrk.run("twilio", url, "twilio", seconds=1, connections=2,
                args={"first": 3, "senders": 5, "url": signed_url, "token": DEFAULT_AUTH_TOKEN,
                      "account": DEFAULT_ACCOUNT_SID, "to": SHOP_NUMBER, "service": MESSAGING_SERVICE})
    assert len(got) >= 50
    validator = RequestValidator(DEFAULT_AUTH_TOKEN)
    sids, senders, choices = set(), set(), set()
    for headers, body in got[:CHECKED]:
        params = dict(parse_qsl(body.decode(), keep_blank_values=True))
        assert validator.validate(signed_url, params, headers["X-Twilio-Signature"]), body
        assert not validator.validate(signed_url, {**params, "Body": params["Body"] + " "}, headers["X-Twilio-Signature"])
        inbound = from_twilio(params)
        assert inbound is not None and inbound.account == SHOP_NUMBER
        assert inbound.message_id not in sids
        sids.add(inbound.message_id)
        senders.add(inbound.sender)
        choices.add(inbound.choice)
    assert len(senders) == 5 and "cart" in choices  # the quick-reply button press


def test_the_most_messages_in_any_second_counts_a_sliding_window() -> None:
    assert most_in_window([]) == 0
    assert most_in_window([0.0, 0.5, 0.99, 1.0, 1.5, 3.0]) == 3  # 0.5, 0.99, 1.0; 1.5 is a second after 0.5
    assert most_in_window([0.0, 0.2, 0.4, 0.6, 0.8, 2.0]) == 5
