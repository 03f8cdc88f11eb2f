"""Twilio REST client construction with an optional base-URL override.

Production leaves ``base_url`` unset and talks to https://api.twilio.com. Tests (and any local
proxy) pass e.g. ``http://127.0.0.1:PORT``: every ``https://*.twilio.com`` URL the SDK builds is
rewritten to that base, so the real SDK code (serialisation, auth, error mapping) still runs.
Use ``rewrite_twilio_url`` for URLs that do not go through the SDK, e.g. inbound ``MediaUrl0``
downloads done with httpx (the SDK's Response only exposes text, so it cannot carry image bytes).
"""
from __future__ import annotations

import asyncio
import base64
import logging
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit, urlunsplit

from twilio.base.exceptions import TwilioException
from twilio.http import AsyncHttpClient
from twilio.http.response import Response
from twilio.rest import Client

if TYPE_CHECKING:
    import aiohttp


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
    """The twilio SDK's async HTTP client (what `messages.create_async` calls), on aiohttp, on the
    event loop: the sync client ran in threads, each send taking the GIL from the loop and
    garbage that filled the collector (docs/PERFORMANCE.md). The SDK still builds the request
    (serialisation, auth, headers) and maps the answer to TwilioRestException; base_url as in
    rewrite_twilio_url. aiohttp, not httpx: with 16 requests in flight httpx spent ~1.5 ms of
    the loop's CPU on each against aiohttp's ~0.09 ms, and at WhatsApp's 80 a second that was a
    sixth of the core the inbound path runs on. One session per event loop (a session belongs
    to its loop). A network failure is a TwilioException, as the SDK's own errors are.
    ``timeout`` defaults to 10 s because the SDK's own default is to wait forever on a stuck socket."""

    CONNECTIONS = 16

    def __init__(self, base_url: str | None = None, *, timeout: float | None = 10.0):
        super().__init__(logging.getLogger("twilio.http_client"), True, timeout)
        self.base_url = base_url.rstrip("/") if base_url else None
        self._session: tuple[asyncio.AbstractEventLoop, aiohttp.ClientSession] | None = None

    def _for_loop(self) -> aiohttp.ClientSession:
        import aiohttp  # ~10 MB of RSS: only in a process that sends on WhatsApp

        loop = asyncio.get_running_loop()
        if self._session is None or self._session[0] is not loop or self._session[1].closed:
            connector = aiohttp.TCPConnector(limit=self.CONNECTIONS)
            # An HTTP(S)_PROXY from the environment may carry real Twilio traffic, never a local base_url.
            self._session = (loop, aiohttp.ClientSession(connector=connector, trust_env=self.base_url is None))
        return self._session[1]

    async def request(self, method: str, url: str, params=None, data=None, headers=None, auth=None,
                      timeout=None, allow_redirects: bool = False) -> Response:
        if timeout is not None and timeout <= 0:
            raise ValueError(timeout)
        seconds = timeout if timeout is not None else self.timeout
        if auth:
            headers = {**(headers or {}), "Authorization": basic_auth(*auth)}
        import aiohttp

        try:
            async with self._for_loop().request(
                    method.upper(), rewrite_twilio_url(url, self.base_url), params=_pairs(params),
                    data=_pairs(data), headers=headers,
                    timeout=aiohttp.ClientTimeout(total=seconds), allow_redirects=allow_redirects) as answer:
                return Response(answer.status, await answer.text(), answer.headers)
        except (aiohttp.ClientError, asyncio.TimeoutError) as exc:
            raise TwilioException(f"network: {exc!r}") from exc

    async def aclose(self) -> None:
        if self._session is not None and self._session[0] is asyncio.get_running_loop():
            await self._session[1].close()
        self._session = None


def basic_auth(user: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode("ascii")


def _pairs(fields: dict[str, Any] | None) -> list[tuple[str, str]] | None:
    """Form or query fields as aiohttp sends them, encoded as httpx did: a list is the key repeated
    (MediaUrl), True/False are "true"/"false", None is empty."""
    if fields is None:
        return None
    return [(key, _text(v)) for key, value in fields.items() for v in (value if isinstance(value, (list, tuple)) else [value])]


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


def make_async_twilio_client(account_sid: str, auth_token: str, base_url: str | None = None, *,
                             timeout: float | None = 10.0) -> Client:
    """A twilio.rest.Client for the `*_async` calls (`messages.create_async`), on the event loop."""
    return Client(account_sid, auth_token, http_client=AsyncBaseUrlTwilioHttpClient(base_url, timeout=timeout))
