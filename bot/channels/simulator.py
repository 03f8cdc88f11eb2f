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

from bot.bootstrap import Kedai
from bot.engine import UnknownShop
from bot.media_links import links_for
from bot.messages import Inbound, Outbound, clean_line
from conversations.base import Media
from media.store import MediaRejected, thumb_ref
from storage import outbox as outbox_db
from storage.db import unit_of_work
from storage.models import utcnow
from texts.id import simulator as t

log = logging.getLogger(__name__)

CHANNEL = "simulator"
PATH = "/api/simulator/messages"
MEDIA_PATH = "/api/simulator/media"
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


class SimPicture(BaseModel):
    url: str  # the small copy for lists when the store has one
    caption: str


class SimReply(BaseModel):
    text: str
    buttons: list[SimButton] = []
    image_url: str | None = None
    pictures: list[SimPicture] = []
    document_url: str | None = None  # a made document (a report's PDF), also linked at the end of the text


class SimRequest(BaseModel):
    user: str = Field(min_length=1, max_length=100)
    text: str = Field("", max_length=20000)
    name: str | None = Field(None, max_length=200)
    message_id: str | None = Field(None, max_length=100)
    choice: str | None = Field(None, max_length=200)
    shop: str | None = Field(None, max_length=64)  # a shop's slug; none: the default shop
    # A photo uploaded first to /api/simulator/media (its ref), and a shared location.
    photo: str | None = Field(None, pattern=r"^incoming:[0-9a-f]{64}\.(?:jpg|png|gif|webp)$")
    latitude: float | None = Field(None, ge=-90, le=90)
    longitude: float | None = Field(None, ge=-180, le=180)

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
    return SimReply.model_validate(reply_json(out))


def reply_json(out: Outbound) -> dict:
    made = out.attachment if out.attachment is not None and out.attachment.url else None
    pictures = [{"url": thumb_ref(p.url) or p.url, "caption": p.caption} for p in out.pictures]
    if made is None:
        return {"text": out.text, "buttons": [{"label": b.label, "value": b.value} for b in out.buttons],
                "image_url": out.image_url, "pictures": pictures}
    document = made.url if made.kind == "document" else None
    text = out.text + (t.DOCUMENT_LINK.format(name=made.filename, url=document) if document else "")
    return {"text": text, "buttons": [{"label": b.label, "value": b.value} for b in out.buttons],
            "image_url": made.url if made.kind == "image" else out.image_url, "document_url": document,
            "pictures": pictures}


PHOTO_TYPES = {"jpg": "image/jpeg", "png": "image/png", "gif": "image/gif", "webp": "image/webp"}


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
    located = request.latitude is not None and request.longitude is not None
    media = (Media(request.photo, PHOTO_TYPES[request.photo.rsplit(".", 1)[1]]),) if request.photo else ()
    return Inbound(channel=CHANNEL, sender=request.user, message_id=request.message_id or uuid.uuid4().hex,
                   text=request.text, choice=request.choice, profile_name=request.name, account=request.shop or None,
                   latitude=request.latitude if located else None, longitude=request.longitude if located else None,
                   media=media)


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


def take_later(kedai: Kedai, user: str, shop: str | None = None) -> list[Outbound]:
    """Messages others' actions left for a simulator user in a shop (the page polls; `kedai chat`
    asks between lines), taken out of the outbox so each is shown once."""
    probe = Inbound(CHANNEL, user, "", account=shop or None)
    with unit_of_work(kedai.sessions) as s:
        try:
            found = kedai.engine.shops.resolve(s, probe)
        except UnknownShop:
            return []
        rows = outbox_db.take_pending_for(s, found.id, CHANNEL, probe.sender, utcnow())
        s.commit()
        return [Outbound.from_row(r.channel, r.recipient, r.payload) for r in rows]


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
        links = links_for(request.app.state.kedai.settings)
        return Response(orjson.dumps({"replies": [reply_json(links.outbound(o)) for o in replies],
                                      "duplicate": handled.duplicate}), media_type="application/json")

    @api.post(MEDIA_PATH)
    async def upload(request: Request) -> Response:
        """A photo's bytes (the page shrinks it first) into the media store; the message then names its ref."""
        local_only(request)
        if not request.headers.get("content-type", "").lower().startswith("image/"):
            return JSONResponse({"detail": t.IMAGE_ONLY}, 415)
        try:
            kept = links_for(request.app.state.kedai.settings).store.receive(await request.body())
        except MediaRejected as exc:
            return JSONResponse({"detail": t.IMAGE_REFUSED.get(exc.reason, t.IMAGE_ONLY)}, 422)
        return JSONResponse({"ref": kept.ref, "content_type": kept.content_type})

    @api.get(PATH, response_model=SimResponse)
    async def poll(user: str, request: Request, shop: str | None = None) -> SimResponse:
        """Messages that others' actions sent to this user (e.g. a seller's order notice), in one shop."""
        local_only(request)
        kedai = request.app.state.kedai
        links = links_for(kedai.settings)

        def take() -> list[SimReply]:
            return [to_reply(links.outbound(out)) for out in take_later(kedai, user, shop)]

        return SimResponse(replies=await asyncio.get_running_loop().run_in_executor(kedai.db, take))

    @api.get("/", response_class=HTMLResponse)
    async def page(request: Request) -> str:
        local_only(request)
        if not PAGE.exists():
            raise HTTPException(404)
        return PAGE.read_text(encoding="utf-8")

    return api
