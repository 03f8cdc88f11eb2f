"""bot.front answers every request the way the FastAPI app behind it does: the webhooks' POSTs it
takes straight to their routes (refusals, limits, errors), and everything else it passes on."""

from __future__ import annotations

import asyncio

import httpx
import pytest
from fastapi import APIRouter, FastAPI
from starlette.requests import Request

from bot.app import MAX_REQUEST_BODY, served
from bot.front import Front
from bot.serve import build_app
from config import Settings
from storage.migrate import upgrade
from tests.fakes.twilio_api import sign

SECRET, AUTH = "tg_secret_front_1", "test_auth_token_0123456789abcdef"
PUBLIC = "https://bot.example.test"


@pytest.fixture
def app(tmp_path) -> FastAPI:
    url = f"sqlite:///{tmp_path}/kedai.db"
    upgrade(url)
    settings = Settings(KEDAI_DATABASE_URL=url, KEDAI_DATA_DIR=tmp_path, KEDAI_PUBLIC_URL=PUBLIC,
                        TELEGRAM_BOT_TOKEN="7012345678:AAFront", TELEGRAM_MODE="webhook",
                        TELEGRAM_WEBHOOK_SECRET=SECRET, TWILIO_ACCOUNT_SID="AC" + "0" * 32,
                        TWILIO_AUTH_TOKEN=AUTH, TWILIO_WHATSAPP_NUMBER="+14155238886")
    built = build_app(settings, scheduler=False)
    yield built
    built.state.kedai.engine.close()


def answers(asgi, requests: list[dict]) -> list[tuple[int, bytes, dict[str, str]]]:
    async def go() -> list[tuple[int, bytes, dict[str, str]]]:
        transport = httpx.ASGITransport(asgi, raise_app_exceptions=False)  # type: ignore[arg-type]
        async with httpx.AsyncClient(transport=transport, base_url=PUBLIC) as client:
            out = []
            for r in requests:
                answer = await client.request(**r)
                kept = {k: v for k, v in answer.headers.items() if k in ("content-type", "content-length", "allow")}
                out.append((answer.status_code, answer.content, kept))
            return out
    return asyncio.run(go())


def chunks(size: int):  # type: ignore[no-untyped-def]
    async def body():  # type: ignore[no-untyped-def]
        for _ in range(size // 65536 + 1):
            yield b"x" * 65536
    return body()


def test_the_webhooks_answer_through_the_front_as_through_the_app(app):
    form = {"From": "whatsapp:+6281234567890", "To": "whatsapp:+14155238886", "Body": "halo", "MessageSid": "SM1"}
    cases = lambda: [  # noqa: E731  (made for each way: a streamed body is read once)
        dict(method="POST", url="/webhooks/telegram", content=b'{"update_id": 1}'),  # no secret: 403
        dict(method="POST", url="/webhooks/telegram", content=b"{}", headers={"X-Telegram-Bot-Api-Secret-Token": "no"}),
        dict(method="POST", url="/webhooks/telegram", content=b"{" + b" " * (MAX_REQUEST_BODY + 1) + b"}",
             headers={"X-Telegram-Bot-Api-Secret-Token": SECRET}),  # too large, said by its length: 413
        dict(method="POST", url="/webhooks/telegram", content=chunks(MAX_REQUEST_BODY + 1),
             headers={"X-Telegram-Bot-Api-Secret-Token": SECRET}),  # too large, found while read: 413
        dict(method="POST", url="/webhooks/telegram", content=b"not json",
             headers={"X-Telegram-Bot-Api-Secret-Token": SECRET}),  # unusable: 200, so Telegram stops repeating it
        dict(method="GET", url="/webhooks/telegram"),  # 405, with Allow
        dict(method="POST", url="/webhooks/telegram/", content=b"{}"),
        dict(method="POST", url="/webhooks/telegram/999", content=b"{}"),  # a bot linked to no shop: 404
        dict(method="POST", url="/webhooks/twilio", data=form),  # unsigned: 403
        dict(method="POST", url="/webhooks/twilio/status", data=form,
             headers={"X-Twilio-Signature": sign(AUTH, PUBLIC + "/webhooks/twilio/status", {**form, "Body": "x"})}),
        dict(method="GET", url="/webhooks/twilio"),
        dict(method="POST", url="/nowhere", content=b"{}"),
        dict(method="GET", url="/media/demo/none.jpg"),
    ]
    through_app, through_front = answers(app, cases()), answers(served(app), cases())
    assert [status for status, _, _ in through_front] == [403, 403, 413, 413, 200, 405, 307, 404, 403, 403, 405, 404, 404]
    assert through_front == through_app


def test_a_failing_webhook_is_a_500_through_the_front_as_through_the_app(caplog):
    async def broken(request: Request):  # type: ignore[no-untyped-def]
        raise RuntimeError("a bug in a handler")

    router = APIRouter()
    router.add_route("/webhooks/broken", broken, methods=["POST"])
    app = FastAPI(max_body_size=MAX_REQUEST_BODY)
    app.include_router(router)
    request = [dict(method="POST", url="/webhooks/broken", content=b"{}")]
    assert answers(Front(app, router.routes, MAX_REQUEST_BODY), request) == answers(app, request)
    assert answers(app, request)[0][:2] == (500, b"Internal Server Error")
    assert "a bug in a handler" in caplog.text
