"""No test reaches the real Telegram or Twilio: the local fakes (tests/fakes/) stand in for them.

In this process every name lookup goes through `socket.getaddrinfo`, which refuses the real
hosts and records the attempt; an autouse fixture (tests/conftest.py) fails the test that made
one, even if the code under test caught the error and carried on (a sender that retries later
would otherwise hide it). Server processes started by the e2e tests inherit a proxy setting
that points at a closed local port for everything but loopback, so they cannot get out either.
"""

from __future__ import annotations

import os
import socket

REAL_HOSTS = ("telegram.org", "telegram.me", "t.me", "twilio.com", "twil.io")
attempts: list[str] = []
_real_getaddrinfo = socket.getaddrinfo


class RealServiceCalled(OSError):
    """A test tried to reach a real chat platform."""


def is_real(host: object) -> bool:
    name = host.decode() if isinstance(host, bytes) else str(host or "")
    name = name.lower().rstrip(".")
    return any(name == h or name.endswith("." + h) for h in REAL_HOSTS)


def _guarded_getaddrinfo(host, *args, **kwargs):  # type: ignore[no-untyped-def]
    if is_real(host):
        attempts.append(str(host))
        raise RealServiceCalled(f"a test tried to reach {host}: use the fakes in tests/fakes/")
    return _real_getaddrinfo(host, *args, **kwargs)


def install() -> None:
    socket.getaddrinfo = _guarded_getaddrinfo
    # Inherited by every server process a test starts: only loopback is reached directly.
    dead_end = "http://127.0.0.1:9"  # the discard port: nothing listens there
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        os.environ[name] = dead_end
    for name in ("NO_PROXY", "no_proxy"):
        os.environ[name] = "127.0.0.1,localhost,::1"
