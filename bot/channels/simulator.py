"""The simulator channel: JSON in, JSON out, for the terminal chat, the browser page and tests.

Replies to the sender travel back in the HTTP response; messages for other simulator users
(a seller's new-order notice) wait in the outbox until that user's page polls for them.

Whoever reaches these endpoints can speak as any simulator user, the demo's seller included,
so they exist only with KEDAI_SIMULATOR=1 and then answer only this machine (`local_only`):
a loopback peer, a loopback Host header (a web page whose name was rebound to 127.0.0.1 sends
its own name), no header any proxy adds, and not HTTP/1.0 (what nginx's proxy_pass speaks by
default, with nothing else to tell it apart). A POST must say Content-Type: application/json,
which a page on another site cannot send without a CORS preflight that is never answered.
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import math
import uuid
from pathlib import Path
from typing import Any

import orjson
from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse
from pydantic import BaseModel, Field, ValidationError, field_validator
from starlette.responses import JSONResponse, Response
from starlette.types import Scope

from bot.engine import UnknownShop
from bot.messages import Inbound, Outbound, clean_line
from storage import outbox as outbox_db
from storage.db import unit_of_work
from storage.models import utcnow
from texts.id import simulator as t

log = logging.getLogger(__name__)

CHANNEL = "simulator"
PATH = "/api/simulator/messages"
PAGE = Path(__file__).parent.parent / "web" / "simulator.html"

# Host names (without the port) that name this machine; an IP is checked by ipaddress.
LOOPBACK_HOSTS = frozenset({"localhost", "127.0.0.1", "[::1]", "::1"})
LOOPBACK_PEERS = frozenset({"127.0.0.1", "::1"})  # the usual ones, without parsing
# Headers that a reverse proxy, tunnel or CDN adds: any of them means the request came through one.
FORWARDING = frozenset({b"forwarded", b"via", b"x-real-ip", b"x-client-ip", b"client-ip", b"true-client-ip",
                        b"cf-connecting-ip", b"fastly-client-ip", b"x-cluster-client-ip", b"x-original-forwarded-for",
                        b"x-originating-ip", b"x-proxyuser-ip", b"cf-ray", b"x-amzn-trace-id", b"x-azure-clientip"})


class SimButton(BaseModel):
    label: str
    value: str


class SimReply(BaseModel):
    text: str
    buttons: list[SimButton] = []
    image_url: str | None = None
    document_url: str | None = None  # a made document (a report's PDF), also linked at the end of the text


class SimRequest(BaseModel):
    user: str = Field(min_length=1, max_length=100)
    text: str = Field("", max_length=20000)
    name: str | None = Field(None, max_length=200)
    message_id: str | None = Field(None, max_length=100)
    choice: str | None = Field(None, max_length=200)
    shop: str | None = Field(None, max_length=64)  # a shop's slug; none: the default shop

    @field_validator("user")
    @classmethod
    def _visible_user(cls, user: str) -> str:
        """A user id is a name on one line; one that is nothing but control characters is none."""
        cleaned = clean_line(user, 100)
        if not cleaned.strip():
            raise ValueError("user must have visible characters")
        return cleaned


class SimResponse(BaseModel):
    replies: list[SimReply]
    duplicate: bool = False


def to_reply(out: Outbound) -> SimReply:
    return SimReply(text=out.text, buttons=[SimButton(label=b.label, value=b.value) for b in out.buttons],
                    image_url=out.image_url)


def reply_json(out: Outbound) -> dict:
    made = out.attachment if out.attachment is not None and out.attachment.url else None
    if made is None:
        return {"text": out.text, "buttons": [{"label": b.label, "value": b.value} for b in out.buttons],
                "image_url": out.image_url}
    document = made.url if made.kind == "document" else None
    text = out.text + (t.DOCUMENT_LINK.format(name=made.filename, url=document) if document else "")
    return {"text": text, "buttons": [{"label": b.label, "value": b.value} for b in out.buttons],
            "image_url": made.url if made.kind == "image" else out.image_url, "document_url": document}


async def with_files(kedai: Any, message: SimRequest, replies: list[Outbound]) -> list[Outbound]:
    """Replies carrying a document or picture, with the file made (bot.attachments) and linked."""
    if not any(o.attachment is not None for o in replies) or kedai.delivery.files is None:
        return replies
    probe = Inbound(CHANNEL, message.user, "", account=message.shop or None)

    def shop_id() -> int:
        with unit_of_work(kedai.sessions) as s:
            return kedai.engine.shops.resolve(s, probe).id

    try:
        shop = await asyncio.get_running_loop().run_in_executor(kedai.db, shop_id)
        return [await kedai.delivery.files.prepare(o, shop) for o in replies]
    except Exception:  # the words still go back; a file that could not be made is logged, never a 500
        log.exception("a simulator reply's file could not be made")
        return replies


def to_inbound(request: SimRequest) -> Inbound:
    """The simulator's one place from a request to an Inbound (which bounds every field)."""
    return Inbound(channel=CHANNEL, sender=request.user, message_id=request.message_id or uuid.uuid4().hex,
                   text=request.text, choice=request.choice, profile_name=request.name, account=request.shop or None)


def _loopback_ip(host: str) -> bool:
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_loopback


def _host_name(header: str) -> str:
    """The name in a Host header, without its port: "127.0.0.1:8000" -> "127.0.0.1", "[::1]:8000" -> "[::1]"."""
    if header.startswith("["):
        return header[:header.find("]") + 1] if "]" in header else ""
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


def refusal(scope: Scope) -> str | None:
    """Why this request is not one made directly on this machine, or None when it is. Reads the
    ASGI scope itself: it runs for every simulator message."""
    client = scope.get("client")
    peer = client[0] if client else ""
    if peer not in LOOPBACK_PEERS and not _loopback_ip(peer):
        return f"peer {peer or '?'} is not loopback"
    host = ""
    for name, value in scope["headers"]:
        if name in FORWARDING or name.startswith(b"x-forwarded-"):
            return f"forwarding header {name.decode('latin-1')}"
        if name == b"host":
            host = value.decode("latin-1").strip().lower()
    name = _host_name(host)
    if name not in LOOPBACK_HOSTS and not _loopback_ip(name.strip("[]")):
        return "Host is not a loopback name"
    if scope.get("http_version") == "1.0":
        return "HTTP/1.0, as a proxy speaks by default"
    return None


def local_only(request: Request) -> None:
    """Refuses (403, one log line) a request that did not come straight from this machine."""
    if (reason := refusal(request.scope)) is not None:
        log.warning("simulator refused %s %s: %s", request.method, request.url.path, reason)
        raise HTTPException(403, t.LOCAL_ONLY)


def _jsonable(value: Any) -> Any:
    """An error's input made safe to send back: the body's NaN, 30-digit numbers or bytes never
    crash the 422 (JSON has no NaN; orjson takes 64-bit integers only)."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, int) and not isinstance(value, bool) and not -2**63 <= value < 2**64:
        return str(value)
    if isinstance(value, (bytes, bytearray)):
        return None  # the raw body that did not parse: not echoed back
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    return value


def invalid(exc: ValidationError) -> Response:
    """FastAPI's 422 shape ({"detail": [{"type", "loc", "msg", "input", ...}]}) for a bad body."""
    errors = []
    for error in exc.errors(include_url=False):
        error = {**error, "loc": ("body", *error["loc"])}
        if "input" in error:
            error["input"] = _jsonable(error["input"])
        errors.append(error)
    return Response(orjson.dumps({"detail": errors}, default=str), 422, media_type="application/json")


def _is_json(request: Request) -> bool:
    return request.headers.get("content-type", "").split(";", 1)[0].strip().lower() == "application/json"


def router() -> APIRouter:
    """The simulator's endpoints; bot.app includes them only when KEDAI_SIMULATOR is on."""
    api = APIRouter()  # each route calls local_only first (a router dependency costs more per message)

    @api.post(PATH, response_model=SimResponse)
    async def post(request: Request) -> Response:
        local_only(request)
        if not _is_json(request):
            return JSONResponse({"detail": t.JSON_ONLY}, 415)
        try:
            message = SimRequest.model_validate_json(await request.body())
        except ValidationError as exc:
            return invalid(exc)
        handled = await request.app.state.kedai.inbox.submit(to_inbound(message))
        if handled.unknown_shop:
            detail = t.UNKNOWN_SHOP.format(shop=message.shop) if message.shop else t.NO_SHOP_YET
            return JSONResponse({"detail": detail}, 404)
        replies = await with_files(request.app.state.kedai, message, handled.replies)
        # Built by hand: the replies are already plain data, and re-validating them costs per message.
        return Response(orjson.dumps({"replies": [reply_json(o) for o in replies],
                                      "duplicate": handled.duplicate}), media_type="application/json")

    @api.get(PATH, response_model=SimResponse)
    async def poll(user: str, request: Request, shop: str | None = None) -> SimResponse:
        """Messages that others' actions sent to this user (e.g. a seller's order notice), in one shop."""
        local_only(request)
        kedai = request.app.state.kedai
        probe = Inbound(CHANNEL, user, "", account=shop or None)

        def take() -> list[SimReply]:
            with unit_of_work(kedai.sessions) as s:
                try:
                    shop = kedai.engine.shops.resolve(s, probe)
                except UnknownShop:
                    return []
                rows = outbox_db.take_pending_for(s, shop.id, CHANNEL, probe.sender, utcnow())
                s.commit()
                return [to_reply(Outbound.from_row(r.channel, r.recipient, r.payload)) for r in rows]

        return SimResponse(replies=await asyncio.get_running_loop().run_in_executor(kedai.db, take))

    @api.get("/", response_class=HTMLResponse)
    async def page(request: Request) -> str:
        local_only(request)
        if not PAGE.exists():
            raise HTTPException(404)
        return PAGE.read_text(encoding="utf-8")

    return api
