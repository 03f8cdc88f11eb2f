"""bot.channels.telegram_http carries python-telegram-bot's requests as PTB's own httpx client does:
the same calls reach the Bot API (the local fake), uploads and downloads included, and a network
failure or a timeout is the same PTB error."""

from __future__ import annotations

import asyncio
import socket
import threading

import pytest
import telegram
from telegram import InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import NetworkError, TimedOut
from telegram.request import HTTPXRequest

from bot.channels.telegram_http import AiohttpRequest
from tests.fakes.telegram_api import FakeTelegramAPI

CHAT = 5123456789
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def session(fake: FakeTelegramAPI, request) -> tuple[list, bytes]:  # type: ignore[no-untyped-def]
    async def go() -> tuple[list, bytes]:
        async with telegram.Bot(fake.token, base_url=fake.base_url, base_file_url=fake.base_file_url,
                                request=request) as bot:
            keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("✅ Pesan", callback_data="a:KRP:1")]])
            sent = [await bot.send_message(CHAT, "<b>Total</b> Rp58.000 🙏", parse_mode="HTML", reply_markup=keyboard),
                    await bot.send_photo(CHAT, PNG, caption="Keripik Tempe 150g — Rp12.000", filename="kt.png"),
                    await bot.send_document(CHAT, b"a,b\n1,2\n", filename="laporan.csv", caption="Laporan")]
            file = await bot.get_file(sent[1].photo[-1].file_id)
            return [m.text or m.caption for m in sent], bytes(await file.download_as_bytearray())
    return asyncio.run(go())


def test_the_same_calls_reach_the_bot_api_through_aiohttp_as_through_httpx():
    seen = {}
    for name, request in (("httpx", HTTPXRequest(connection_pool_size=10)), ("aiohttp", AiohttpRequest(10))):
        with FakeTelegramAPI() as fake:
            fake.add_chat(CHAT)
            said, downloaded = session(fake, request)
            calls = [(method, {k: "<made by the fake>" if k == "file_id" else v for k, v in params.items()
                               if k not in ("photo", "document")})
                     for method, params in fake.calls if method != "getMe"]
            uploads = [fake.file_bytes(m["document"]["file_id"]) for m in fake.sent_messages(CHAT) if "document" in m]
            seen[name] = (said, downloaded, calls, uploads)
    assert seen["aiohttp"] == seen["httpx"]
    said, downloaded, calls, uploads = seen["aiohttp"]
    assert downloaded == PNG and uploads == [b"a,b\n1,2\n"]  # the bytes went up and came back whole
    assert [method for method, _ in calls] == ["sendMessage", "sendPhoto", "sendDocument", "getFile"]


def test_a_refused_connection_is_a_network_error_and_a_silent_server_a_timeout():
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        refused = closed.getsockname()[1]  # bound, never listening: connections are refused
        silent = socket.socket()
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        accepted: list[socket.socket] = []
        threading.Thread(target=lambda: accepted.append(silent.accept()[0]), daemon=True).start()

        async def send(port: int) -> None:
            request = AiohttpRequest(2, read_timeout=0.3)
            await request.initialize()
            try:
                await request.post(f"http://127.0.0.1:{port}/botX/sendMessage", read_timeout=0.3)
            finally:
                await request.shutdown()

        with pytest.raises(NetworkError) as refused_error:
            asyncio.run(send(refused))
        assert not isinstance(refused_error.value, TimedOut)
        with pytest.raises(TimedOut):
            asyncio.run(send(silent.getsockname()[1]))
        silent.close()
