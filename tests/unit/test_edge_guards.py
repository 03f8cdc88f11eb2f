"""The edges' own checks, without a server: who the simulator answers, which Telegram bodies
are updates, and that the Twilio gate answers every request with fields or a refusal, never an
exception (issue 12: a query string with `xbodySHA256` made the twilio SDK raise)."""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from starlette.requests import Request
from twilio.request_validator import RequestValidator

from bot.channels.simulator import refusal
from bot.channels.telegram_webhook import depth_within, parse
from bot.channels.twilio_webhook import Gate
from tests.fakes.twilio_api import sign

TOKEN = "test_auth_token_0123456789abcdef"
PUBLIC = "https://bot.example.test"


def request(headers: dict[str, str] | None = None, *, peer: str = "127.0.0.1", http_version: str = "1.1",
            path: str = "/api/simulator/messages", query: bytes = b"", body: bytes = b"") -> Request:
    headers = {"host": "127.0.0.1:8000", **{k.lower(): v for k, v in (headers or {}).items()}}
    scope = {"type": "http", "method": "POST", "path": path, "raw_path": path.encode(), "query_string": query,
             "headers": [(k.encode("latin-1"), v.encode("latin-1")) for k, v in headers.items()],
             "client": (peer, 50000), "server": ("127.0.0.1", 8000), "scheme": "http", "http_version": http_version,
             "root_path": ""}
    sent = [False]

    async def receive() -> dict:
        if sent[0]:
            return {"type": "http.disconnect"}
        sent[0] = True
        return {"type": "http.request", "body": body, "more_body": False}

    return Request(scope, receive)


@pytest.mark.parametrize("peer, host", [("127.0.0.1", "127.0.0.1:8000"), ("127.0.0.5", "localhost:8000"),
                                        ("::1", "[::1]:8000"), ("::ffff:127.0.0.1", "localhost")])
def test_the_simulator_answers_this_machine_directly(peer, host):
    assert refusal(request({"host": host}, peer=peer).scope) is None


@pytest.mark.parametrize("headers, peer, version", [
    ({}, "10.0.0.2", "1.1"), ({}, "203.0.113.7", "1.1"), ({}, "::ffff:10.0.0.2", "1.1"),
    ({"X-Forwarded-For": "127.0.0.1"}, "127.0.0.1", "1.1"), ({"Forwarded": "for=1.2.3.4"}, "127.0.0.1", "1.1"),
    ({"X-Real-IP": "127.0.0.1"}, "127.0.0.1", "1.1"), ({"Via": "1.1 nginx"}, "127.0.0.1", "1.1"),
    ({"X-Forwarded-Prefix": "/kedai"}, "127.0.0.1", "1.1"), ({"True-Client-IP": "1.2.3.4"}, "127.0.0.1", "1.1"),
    ({"Host": "toko.example"}, "127.0.0.1", "1.1"), ({"Host": "127.0.0.1.nip.io"}, "127.0.0.1", "1.1"),
    ({"Host": ""}, "127.0.0.1", "1.1"), ({"Host": "localhost.attacker.example"}, "127.0.0.1", "1.1"),
    ({}, "127.0.0.1", "1.0"),
])
def test_the_simulator_refuses_anything_that_came_through_a_proxy_or_from_elsewhere(headers, peer, version):
    assert refusal(request(headers, peer=peer, http_version=version).scope) is not None


def test_a_telegram_body_is_an_update_only_when_it_is_strict_json_of_sane_depth():
    assert depth_within({"a": [{"b": 1}]}, 3) and not depth_within({"a": [{"b": {}}]}, 3)
    deep: list = []
    for _ in range(5000):
        deep = [deep]
    assert not depth_within(deep, 32)  # walked without recursion, so never out of stack
    for body in (b"NaN", b'{"update_id": NaN}', b"\xff", b"[" * 5000 + b"]" * 5000, b"[]", b'{"update_id": "1"}',
                 b'{"update_id": 1, "message": ' + b"[" * 40 + b"]" * 40 + b"}"):
        with pytest.raises(ValueError):
            parse(body, None)  # type: ignore[arg-type]


def verified(gate: Gate, req: Request) -> object:
    return asyncio.run(gate.verified(req))


def test_the_twilio_gate_takes_what_twilio_signs_and_refuses_the_rest_with_one_log_line(caplog):
    gate = Gate(TOKEN, PUBLIC)
    params = {"From": "whatsapp:+6281300000001", "Body": "halo", "MessageSid": "SM1"}
    body = "&".join(f"{k}={v}" for k, v in params.items()).encode().replace(b"+", b"%2B")
    for query in (b"", b"xbodySHA256=1", b"bodySHA256="):
        url = PUBLIC + "/webhooks/twilio" + (f"?{query.decode()}" if query else "")
        good = request({"X-Twilio-Signature": sign(TOKEN, url, params)}, path="/webhooks/twilio", query=query, body=body)
        assert verified(gate, good) == params
    json_body = json.dumps(params).encode()
    query = f"bodySHA256={hashlib.sha256(json_body).hexdigest()}".encode()
    signature = RequestValidator(TOKEN).compute_signature(f"{PUBLIC}/webhooks/twilio?{query.decode()}", {})
    assert verified(gate, request({"X-Twilio-Signature": signature}, path="/webhooks/twilio", query=query,
                                  body=json_body)) is not None
    with caplog.at_level(logging.WARNING):
        caplog.clear()
        forged = request({"X-Twilio-Signature": sign(TOKEN, PUBLIC + "/webhooks/twilio", params)},
                         path="/webhooks/twilio", query=b"bodySHA256=abc", body=body)
        assert verified(gate, forged) is None
        assert [r.getMessage() for r in caplog.records] == ["refused a Twilio webhook on /webhooks/twilio: "
                                                            "signature does not match"]


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=200), st.sampled_from([b"", b"bodySHA256=", b"xbodySHA256=1", b"bodySHA256=a&bodySHA256=b",
                                                  b"%ff%00", b"a=%zz"]) | st.binary(max_size=30).map(bytes.hex).map(str.encode),
       st.text(max_size=40).filter(lambda s: all(ord(c) < 256 for c in s)))
def test_the_twilio_gate_never_raises(body, query, signature):
    req = request({"X-Twilio-Signature": signature} if signature else {}, path="/webhooks/twilio", query=query,
                  body=body)
    result = verified(Gate(TOKEN, PUBLIC), req)
    assert result is None or isinstance(result, dict)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(["https://bot.example.test", "https://bot.example.test:443", "http://bot.example.test",
                        "https://bot.example.test:8443", "http://bot.example.test:80"]),
       st.sampled_from([b"", b"a=1", b"xbodySHA256=1"]),
       st.dictionaries(st.sampled_from(["From", "Body", "MessageSid", "To", "ProfileName"]), st.text(max_size=8), max_size=5),
       st.sampled_from(["https://bot.example.test", "https://bot.example.test:443", "http://bot.example.test:80",
                        "https://bot.example.test:8443", "https://other.example.test", None]))
def test_the_twilio_gate_decides_as_the_sdks_validate_does(public, query, params, signed_on):
    """Gate.verified calls the SDK's signature function itself for form fields, with the URL
    parsed once; its verdict is RequestValidator.validate's, ports and all."""
    from urllib.parse import urlencode

    url = public + "/webhooks/twilio" + (f"?{query.decode()}" if query else "")
    signature = sign(TOKEN, signed_on + "/webhooks/twilio" + (f"?{query.decode()}" if query else ""), params) \
        if signed_on else "forged+signature="
    body = urlencode(params).encode()
    req = request({"X-Twilio-Signature": signature}, path="/webhooks/twilio", query=query, body=body)
    expected = RequestValidator(TOKEN).validate(url, params, signature)
    assert (verified(Gate(TOKEN, public), req) is not None) == expected
