"""The simulator is a trying-out tool, not a back door (issue 12): off unless KEDAI_SIMULATOR=1,
and then it answers only requests made on this machine, directly. Through a reverse proxy a
stranger once read orders, marked one paid and set stock to 0 as the demo's seller `penjual`."""

from __future__ import annotations

import json
import socket

import httpx
import pytest

from tests.e2e import server
from tests.e2e.whatsapp_client import query
from texts.id import simulator as t

pytestmark = pytest.mark.e2e

PATH = "/api/simulator/messages"
# What proxies, tunnels and CDNs add in front of a server (and a web page's own host name).
PROXIED = [{"X-Forwarded-For": "203.0.113.7"}, {"X-Forwarded-For": "127.0.0.1"}, {"Forwarded": "for=203.0.113.7"},
           {"X-Real-IP": "127.0.0.1"}, {"Via": "1.1 caddy"}, {"X-Forwarded-Host": "toko.example"},
           {"X-Forwarded-Proto": "https"}, {"CF-Connecting-IP": "203.0.113.7"}, {"Host": "toko.example"},
           {"Host": "attacker.example:8000"}]


def stock(tmp) -> int:  # type: ignore[no-untyped-def]
    return query(tmp, "SELECT stock FROM products WHERE sku = 'FRZ-RDG'")[0][0]


def http10(port: int, body: bytes) -> bytes:
    """A POST the way nginx's proxy_pass sends it by default: HTTP/1.0, Host = the upstream address."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(b"POST " + PATH.encode() + b" HTTP/1.0\r\nHost: 127.0.0.1:" + str(port).encode() +
                     b"\r\nContent-Type: application/json\r\nContent-Length: " + str(len(body)).encode() +
                     b"\r\nConnection: close\r\n\r\n" + body)
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
    return answer


def test_without_kedai_simulator_the_page_and_the_api_do_not_exist(tmp_path):
    with server.kedai(tmp_path, simulator=False) as port, httpx.Client(base_url=f"http://127.0.0.1:{port}") as http:
        assert http.get("/healthz").status_code == 200
        assert http.get("/").status_code == 404
        assert http.post(PATH, json={"user": "penjual", "text": "stok rendang 0"}).status_code in (404, 405)
        assert http.get(PATH, params={"user": "penjual"}).status_code in (404, 405)
    assert stock(tmp_path) == 6


def test_a_proxied_request_is_refused_and_changes_nothing_while_a_direct_one_works(tmp_path):
    with server.kedai(tmp_path) as port, httpx.Client(base_url=f"http://127.0.0.1:{port}") as http:
        before = stock(tmp_path)
        for headers in PROXIED:
            for request in (http.build_request("POST", PATH, json={"user": "penjual", "text": "stok rendang 0"},
                                               headers=headers),
                            http.build_request("GET", PATH, params={"user": "penjual"}, headers=headers),
                            http.build_request("GET", "/", headers=headers)):
                response = http.send(request)
                assert response.status_code == 403, (headers, request.url, response.text)
                assert response.json() == {"detail": t.LOCAL_ONLY}
        answer = http10(port, json.dumps({"user": "penjual", "text": "stok rendang 0"}).encode())
        assert answer.startswith(b"HTTP/1.1 403")
        # a page on another site can only post a "simple" body, which is not JSON: refused
        form = http.post(PATH, content=b'{"user": "penjual", "text": "stok rendang 0"}',
                         headers={"Content-Type": "text/plain"})
        assert form.status_code == 415
        assert "access-control-allow-origin" not in http.options(PATH, headers={
            "Origin": "https://attacker.example", "Access-Control-Request-Method": "POST"}).headers
        assert stock(tmp_path) == before  # nothing the refused requests asked for happened
        assert query(tmp_path, "SELECT count(*) FROM inbound_messages") == [(0,)]
        direct = http.post(PATH, json={"user": "penjual", "text": "stok rendang tinggal 3"})
        assert direct.status_code == 200 and "→ 3" in direct.json()["replies"][0]["text"]
        assert "Kedai simulator" in http.get("/").text
    log = (tmp_path / "server.log").read_text()
    assert log.count("simulator refused") == 3 * len(PROXIED) + 1  # one line per refusal, no traceback
    assert "Traceback" not in log
