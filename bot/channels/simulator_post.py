"""POST /api/simulator/messages, answered ahead of FastAPI's router.

Every simulator message takes this endpoint, and it is the one the throughput benchmark
measures (bench/bench_simulator.py). Behind the user middlewares FastAPI runs, for every
request, an exception layer, an exit stack, the router and the route's own wrappers: about
75 µs here, which is as much as a message's whole commit. As a pure ASGI middleware the
endpoint skips those layers only. It still sits inside FastAPI's ServerErrorMiddleware (a
crash is a logged 500) and its body size limit, and it answers what a route would:
SimResponse JSON, or FastAPI-shaped 422s for a bad body. Other methods on the same path
(the GET poll) go on to the router.
"""

from __future__ import annotations

import uuid

import orjson
from fastapi.encoders import jsonable_encoder
from pydantic import ValidationError
from starlette.responses import JSONResponse, Response
from starlette.types import ASGIApp, Receive, Scope, Send

from bot.bootstrap import Kedai
from bot.channels.simulator import CHANNEL, SimRequest, reply_json
from bot.messages import Inbound

PATH = "/api/simulator/messages"


class PostMessage:
    """Install with app.add_middleware(PostMessage, kedai=kedai)."""

    def __init__(self, app: ASGIApp, kedai: Kedai):
        self.app = app
        self.kedai = kedai

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "POST" or _route_path(scope) != PATH:
            await self.app(scope, receive, send)
            return
        body = await _read_body(receive)
        if body is None:  # the client went away before sending it all
            return
        response = await self.answer(body)
        await response(scope, receive, send)

    async def answer(self, body: bytes) -> Response:
        try:
            request = SimRequest.model_validate_json(body)
        except ValidationError as exc:
            errors = [{**e, "loc": ("body", *e["loc"])} for e in exc.errors(include_url=False)]
            return JSONResponse({"detail": jsonable_encoder(errors)}, 422)
        inbound = Inbound(channel=CHANNEL, sender=request.user, message_id=request.message_id or uuid.uuid4().hex,
                          text=request.text, choice=request.choice, profile_name=request.name)
        handled = await self.kedai.inbox.submit(inbound)
        # Built by hand: the replies are already plain data, and re-validating them costs per message.
        return Response(orjson.dumps({"replies": [reply_json(o) for o in handled.replies],
                                      "duplicate": handled.duplicate}), media_type="application/json")


def _route_path(scope: Scope) -> str:
    """The path as the router would match it (without a proxy's root_path prefix)."""
    path: str = scope["path"]
    root: str = scope.get("root_path", "")
    return path[len(root):] if root and path.startswith(root) else path


async def _read_body(receive: Receive) -> bytes | None:
    chunks = []
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            return None
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            return b"".join(chunks)
