"""POST /webhooks/twilio (messages) and /webhooks/twilio/status (delivery reports).

Both are checked with the twilio SDK's RequestValidator against KEDAI_PUBLIC_URL + path +
query, the URL Twilio signed (behind a TLS proxy the request's own URL differs). A bad or
missing signature gets 403, one log line and nothing else. A message is answered with empty
TwiML: replies leave through the REST API from the outbox.

The validator is handed what Twilio signs, decided exactly as the validator itself reads the
query: the raw body when the query has a `bodySHA256` parameter (Twilio's JSON webhooks), the
form's fields otherwise. A body that is not UTF-8, or anything else the validator trips on, is
a request Twilio did not send: 403, never an error page.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from functools import lru_cache
from urllib.parse import parse_qs, parse_qsl, urlparse

from fastapi import APIRouter, Request, Response
from twilio.request_validator import RequestValidator, add_port, compare, remove_port

from bot.channels.twilio_inbound import CHANNEL, TwilioMedia, translate
from bot.channels.whatsapp_window import WindowBook
from bot.messages import MAX_ID, clean_id, clean_line
from bot.phones import normalize_phone
from storage import outbox as outbox_db
from storage.db import unit_of_work

log = logging.getLogger(__name__)

EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>'
ANSWER_WITHIN = 12.0  # seconds; Twilio gives up at 15
OUTSIDE_WINDOW = "63016"


class FormParams(dict[str, str]):
    """First value per name for reading; every value for the signature (Twilio signs them all)."""

    def __init__(self, pairs: list[tuple[str, str]]):
        super().__init__()
        self.lists: dict[str, list[str]] = {}
        for key, value in pairs:
            self.lists.setdefault(key, []).append(value)
            self.setdefault(key, value)

    def getall(self, name: str) -> list[str]:
        return self.lists[name]


class Gate:
    def __init__(self, auth_token: str, public_url: str):
        self.validator = RequestValidator(auth_token)
        self.public_url = public_url.rstrip("/")

    async def verified(self, request: Request) -> FormParams | None:
        """The form's fields when Twilio signed this request, else None (logged once)."""
        path = request.url.path
        signature = request.headers.get("x-twilio-signature")
        if not signature:
            return _refused(path, "no X-Twilio-Signature")
        try:
            body = (await request.body()).decode("utf-8")
        except UnicodeDecodeError:
            return _refused(path, "body is not UTF-8")
        query = request.scope.get("query_string", b"").decode("latin-1")
        url = self.public_url + path + (f"?{query}" if query else "")
        try:
            params = FormParams(parse_qsl(body, keep_blank_values=True))
            hashed, variants = _signed_urls(url)
            if hashed:  # the validator hashes a str body only when its own parse of the query finds bodySHA256
                genuine = self.validator.validate(url, body, signature)
            else:  # what validate() decides for form fields, its URL work done once per URL
                genuine = any(compare(self.validator.compute_signature(u, params), signature) for u in variants)
        except Exception as exc:  # whatever the SDK trips on, Twilio did not send it
            return _refused(path, f"unreadable ({type(exc).__name__})")
        return params if genuine else _refused(path, "signature does not match")


@lru_cache(maxsize=64)
def _signed_urls(url: str) -> tuple[bool, tuple[str, str]]:
    """Whether the query asks for a body hash, and the URL without and with its port: the two
    that RequestValidator.validate signs and accepts either of. Every request to one webhook has
    the same URL, and parsing it three times in validate() was half of its 60 µs."""
    parsed = urlparse(url)
    return "bodySHA256" in parse_qs(parsed.query), (remove_port(parsed), add_port(parsed))


def _refused(path: str, reason: str) -> None:
    log.warning("refused a Twilio webhook on %s: %s", path, reason)
    return None


def _log_failure(task: asyncio.Future[None]) -> None:
    if not task.cancelled() and (exc := task.exception()) is not None:
        log.error("a WhatsApp message failed after it was answered: %r", exc)


def router(gate: Gate, media: TwilioMedia, windows: Callable[[str | None], WindowBook]) -> APIRouter:
    """windows: the 24-hour book of one of our numbers (each shop's number keeps its own)."""
    api = APIRouter()

    async def inbound(request: Request) -> Response:
        params = await gate.verified(request)
        if params is None:
            return Response(status_code=403)
        message = translate(params)
        if message is not None:
            kedai = request.app.state.kedai

            async def take() -> None:
                await kedai.inbox.submit(await media.keep(message))
                windows(message.account).saw(message.sender, message.received_at)  # their window is open again

            task = asyncio.ensure_future(take())
            task.add_done_callback(_log_failure)
            try:  # past Twilio's timeout the work goes on; the answer must not wait for it
                await asyncio.wait_for(asyncio.shield(task), ANSWER_WITHIN)
            except asyncio.TimeoutError:
                log.warning("answered %s before it was handled", message.message_id)
        return Response(EMPTY_TWIML, media_type="text/xml")

    async def status(request: Request) -> Response:
        params = await gate.verified(request)
        if params is None:
            return Response(status_code=403)
        sid = clean_id(params.get("MessageSid") or params.get("SmsSid") or "", MAX_ID)
        state = clean_line(params.get("MessageStatus"), 20)
        code = clean_line(params.get("ErrorCode"), 20) or None
        kedai = request.app.state.kedai

        def record() -> None:
            with unit_of_work(kedai.sessions) as s:
                if sid:
                    outbox_db.record_status(s, CHANNEL, sid, state, code)
                s.commit()

        await asyncio.get_running_loop().run_in_executor(kedai.db, record)
        if code == OUTSIDE_WINDOW and (to := normalize_phone(params.get("To"))):
            await windows(normalize_phone(params.get("From"))).close(to)
        return Response(status_code=200)

    # Plain Starlette routes, as Telegram's webhook (bot.channels.telegram_webhook.router says why);
    # like it, they are left out of the generated OpenAPI schema.
    api.add_route("/webhooks/twilio", inbound, methods=["POST"], include_in_schema=False)
    api.add_route("/webhooks/twilio/status", status, methods=["POST"], include_in_schema=False)
    return api
