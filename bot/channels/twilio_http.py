"""Twilio REST client construction with an optional base-URL override.

Production leaves ``base_url`` unset and talks to https://api.twilio.com. Tests (and any local
proxy) pass e.g. ``http://127.0.0.1:PORT``: every ``https://*.twilio.com`` URL the SDK builds is
rewritten to that base, so the real SDK code (serialisation, auth, error mapping) still runs.
Use ``rewrite_twilio_url`` for URLs that do not go through the SDK, e.g. inbound ``MediaUrl0``
downloads done with httpx (the SDK's Response only exposes text, so it cannot carry image bytes).
"""
from __future__ import annotations

import asyncio
import logging
from urllib.parse import urlsplit, urlunsplit

import httpx
from twilio.http import AsyncHttpClient
from twilio.http.response import Response
from twilio.rest import Client


def rewrite_twilio_url(url: str, base_url: str | None) -> str:
    """Point an https://*.twilio.com URL at base_url (scheme, host and path prefix); others unchanged."""
    if not base_url:
        return url
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    # Edge/region settings (TWILIO_EDGE, TWILIO_REGION) turn api.twilio.com into api.<edge>.<region>.twilio.com,
    # and other products live on their own subdomains, so match any twilio.com host.
    if parts.scheme != "https" or not (host == "twilio.com" or host.endswith(".twilio.com")):
        return url
    base = urlsplit(base_url.rstrip("/"))
    return urlunsplit((base.scheme, base.netloc, base.path + parts.path, parts.query, parts.fragment))


class AsyncBaseUrlTwilioHttpClient(AsyncHttpClient):
    """The twilio SDK's async HTTP client (what `messages.create_async` calls), on httpx, on the
    event loop: the sync client ran in threads, each send taking the GIL from the loop and
    garbage that filled the collector (docs/PERFORMANCE.md). The SDK still builds the request
    (serialisation, auth, headers) and maps the answer to TwilioRestException; base_url as in
    rewrite_twilio_url. One httpx client per event loop (a client belongs to its loop),
    with a few connections: httpx slowed badly with many requests in flight on one client.
    ``timeout`` defaults to 10 s because the SDK's own default is to wait forever on a stuck socket."""

    CONNECTIONS = 16

    def __init__(self, base_url: str | None = None, *, timeout: float | None = 10.0):
        super().__init__(logging.getLogger("twilio.http_client"), True, timeout)
        self.base_url = base_url.rstrip("/") if base_url else None
        self._client: tuple[asyncio.AbstractEventLoop, httpx.AsyncClient] | None = None

    def _for_loop(self) -> httpx.AsyncClient:
        loop = asyncio.get_running_loop()
        if self._client is None or self._client[0] is not loop:
            limits = httpx.Limits(max_connections=self.CONNECTIONS, max_keepalive_connections=self.CONNECTIONS)
            # As the sync client: an HTTP(S)_PROXY from the environment must not catch a local base_url.
            self._client = (loop, httpx.AsyncClient(limits=limits, trust_env=self.base_url is None))
        return self._client[1]

    async def request(self, method: str, url: str, params=None, data=None, headers=None, auth=None,
                      timeout=None, allow_redirects: bool = False) -> Response:
        if timeout is not None and timeout <= 0:
            raise ValueError(timeout)
        answer = await self._for_loop().request(
            method.upper(), rewrite_twilio_url(url, self.base_url), params=params, data=data, headers=headers,
            auth=auth, timeout=timeout if timeout is not None else self.timeout, follow_redirects=allow_redirects)
        return Response(answer.status_code, answer.text, answer.headers)

    async def aclose(self) -> None:
        if self._client is not None and self._client[0] is asyncio.get_running_loop():
            await self._client[1].aclose()
        self._client = None


def make_async_twilio_client(account_sid: str, auth_token: str, base_url: str | None = None, *,
                             timeout: float | None = 10.0) -> Client:
    """A twilio.rest.Client for the `*_async` calls (`messages.create_async`), on the event loop."""
    return Client(account_sid, auth_token, http_client=AsyncBaseUrlTwilioHttpClient(base_url, timeout=timeout))
