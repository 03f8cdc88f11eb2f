"""python-telegram-bot's requests to the Bot API (sends, edits, answers, file downloads) on aiohttp.

Why not PTB's own HTTPXRequest: with ten requests in flight, httpx spent ~2 ms of the event loop's
CPU on each send (py-spy: 5-7% of a Telegram server's samples for ~27 sends a second), on the same
core that takes the webhooks; aiohttp spends ~0.1 ms (the same measurement as the Twilio client's,
bot/channels/twilio_http.py; docs/PERFORMANCE.md). PTB still builds every request and reads every
answer (parameters, files, error mapping); this only carries the bytes. Long polls stay on PTB's
own client: one request at a time, mostly waiting.

The session is made on the running loop at `initialize` (a session belongs to its loop), as PTB
calls it from `Bot.initialize`; a request before that makes it then. Timeouts as PTB means them:
connect (waiting for a pooled connection included), read, and for uploads the write side is bounded
by the total. A network failure or a timeout is PTB's NetworkError or TimedOut, as HTTPXRequest
raises them, so the sender's retries and backoff see the same errors.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

import aiohttp
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, RequestData

if TYPE_CHECKING:
    from telegram._utils.defaultvalue import DefaultValue

UNSET = type(BaseRequest.DEFAULT_NONE)  # what PTB passes for "the request's own default"


def _given(value: object, default: float | None) -> float | None:
    return default if isinstance(value, UNSET) else value  # type: ignore[return-value]


class AiohttpRequest(BaseRequest):
    def __init__(self, connections: int = 10, *, read_timeout: float = 5.0, write_timeout: float = 5.0,
                 connect_timeout: float = 5.0, pool_timeout: float = 30.0, media_write_timeout: float = 20.0):
        self.connections = connections
        self._read, self._write, self._connect, self._pool = read_timeout, write_timeout, connect_timeout, pool_timeout
        self._media_write = media_write_timeout
        self._session: aiohttp.ClientSession | None = None

    @property
    def read_timeout(self) -> float | None:
        return self._read

    async def initialize(self) -> None:
        if self._session is None or self._session.closed:
            connector = aiohttp.TCPConnector(limit=self.connections)
            # The fake and any local Bot API server are plain http; Telegram's own is https, verified.
            self._session = aiohttp.ClientSession(connector=connector, headers={"User-Agent": self.USER_AGENT})

    async def shutdown(self) -> None:
        if self._session is not None and not self._session.closed:
            await self._session.close()
        self._session = None

    async def do_request(self, url: str, method: str, request_data: RequestData | None = None,
                         read_timeout: float | None | DefaultValue = BaseRequest.DEFAULT_NONE,
                         write_timeout: float | None | DefaultValue = BaseRequest.DEFAULT_NONE,
                         connect_timeout: float | None | DefaultValue = BaseRequest.DEFAULT_NONE,
                         pool_timeout: float | None | DefaultValue = BaseRequest.DEFAULT_NONE) -> tuple[int, bytes]:
        if self._session is None or self._session.closed:
            await self.initialize()
        assert self._session is not None
        files = request_data.multipart_data if request_data else None
        fields = request_data.json_parameters if request_data else None
        read, connect, pool = _given(read_timeout, self._read), _given(connect_timeout, self._connect), \
            _given(pool_timeout, self._pool)
        write = _given(write_timeout, self._media_write if files else self._write)
        timeout = aiohttp.ClientTimeout(
            total=None if None in (read, write, connect, pool) else read + write + connect + pool,  # type: ignore[operator]
            connect=None if connect is None or pool is None else connect + pool, sock_connect=connect,
            sock_read=read)
        data: aiohttp.FormData | dict[str, str] | None = fields
        if files:
            data = aiohttp.FormData()
            for name, value in (fields or {}).items():
                data.add_field(name, value)
            for name, (filename, content, mime) in files.items():
                data.add_field(name, content, filename=filename, content_type=mime)
        try:
            async with self._session.request(method, url, data=data, timeout=timeout) as answer:
                return answer.status, await answer.read()
        except asyncio.TimeoutError as exc:
            raise TimedOut from exc
        except aiohttp.ClientError as exc:
            raise NetworkError(f"aiohttp.{type(exc).__name__}: {exc}") from exc
