"""The guard holds: the real Telegram and Twilio cannot be reached from a test, in this process
or in a server process a test starts, while loopback (the fakes, PostgreSQL) still can."""

from __future__ import annotations

import socket
import subprocess
import sys

import pytest

from tests import network_guard


@pytest.mark.parametrize("host", ["api.telegram.org", "API.Telegram.org.", "api.twilio.com", "media.twiliocdn.com.twilio.com"])
def test_a_lookup_of_a_real_platform_is_refused_and_recorded(host):
    with pytest.raises(network_guard.RealServiceCalled):
        socket.getaddrinfo(host, 443)
    assert network_guard.attempts == [host]
    network_guard.attempts.clear()  # recorded on purpose here: not a failure of this test


def test_loopback_and_lookalike_names_still_resolve():
    assert socket.getaddrinfo("127.0.0.1", 5432)
    assert not network_guard.is_real("telegram.org.evil.example") and not network_guard.is_real("nottwilio.com")


def test_a_server_process_started_by_a_test_is_stopped_at_the_dead_proxy():
    """Its connection is refused by the proxy port before any name is looked up (a name lookup
    failing would say "Name or service not known" instead)."""
    probe = ("import httpx, requests\n"
             "for get in (lambda: httpx.get('https://api.telegram.org/bot1:x/getMe', timeout=5),\n"
             "            lambda: requests.get('https://api.twilio.com/2010-04-01', timeout=5)):\n"
             "    try:\n        get()\n    except Exception as exc:\n        print(type(exc).__name__, str(exc)[:200])\n")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60).stdout.splitlines()
    assert len(out) == 2
    assert out[0] == "ConnectError [Errno 111] Connection refused"
    assert out[1].startswith("ProxyError") and "Unable to connect to proxy" in out[1]
