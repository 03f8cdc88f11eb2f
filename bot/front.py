"""What uvicorn serves: a webhook's POST goes straight to its route's handler, anything else to the
FastAPI app (bot.app).

Why: the app's layers (server-error and exception middleware, the body limit, the router, the
route's request/response wrapper) cost a request 30-40 µs before and after the handler, measured
in process, of the ~0.8 ms a Telegram update costs the server in all, spent on nothing the webhook
uses. Here the same routes (the channels'
routers, bot.app's `channels=`) are matched the same way and answer exactly as through the app:
- a body larger than the app's limit: 413 "Content Too Large", before the handler runs when the
  length is given, else when the reading goes past it (then as JSON, as the app does);
- an HTTPException from the handler (a wrong secret's 403, an unlinked bot's 404): FastAPI's own
  handler's answer;
- any other exception: logged with its traceback and 500 "Internal Server Error", as Starlette's
  ServerErrorMiddleware answers;
- a webhook path with another method (GET), and every other path: the app, unchanged (405, 404...).
tests/integration/test_front.py compares both ways, answer by answer.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from fastapi import FastAPI
from fastapi.exception_handlers import http_exception_handler
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import BaseRoute, Match, Route
from starlette.types import Message, Receive, Scope, Send

log = logging.getLogger(__name__)


class TooLarge(Exception):
    """The body went past the limit while it was read."""


class Front:
    def __init__(self, app: FastAPI, routes: Sequence[BaseRoute], max_body: int):
        self.app = app
        self.max_body = max_body
        self.routes = [r for r in routes if isinstance(r, Route) and r.methods and "POST" in r.methods]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] == "POST":
            for route in self.routes:
                matched, child = route.matches(scope)
                if matched is Match.FULL:
                    scope.update(child)
                    scope["app"] = self.app  # the handlers find the Kedai at request.app.state
                    await self._serve(route, scope, receive, send)
                    return
        await self.app(scope, receive, send)

    async def _serve(self, route: Route, scope: Scope, receive: Receive, send: Send) -> None:
        length = _content_length(scope)
        if length is not None and length > self.max_body:
            await PlainTextResponse("Content Too Large", status_code=413)(scope, receive, send)
            return
        received = 0

        async def limited() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body:
                    raise TooLarge
            return message

        request = Request(scope, limited)
        try:
            response: Response = await route.endpoint(request)
        except TooLarge:  # found while reading, the app answers through its exception handler: as JSON
            response = await http_exception_handler(request, HTTPException(413, "Content Too Large"))
        except HTTPException as exc:
            response = await http_exception_handler(request, exc)
        except Exception:
            log.exception("Exception in ASGI application (%s)", scope["path"])
            response = PlainTextResponse("Internal Server Error", status_code=500)
        await response(scope, receive, send)


def _content_length(scope: Scope) -> int | None:
    for name, value in scope["headers"]:
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None
