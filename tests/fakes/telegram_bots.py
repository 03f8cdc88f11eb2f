"""Several bots on one fake Bot API: one local server, one FakeTelegramAPI per token behind it,
as Telegram serves every bot from api.telegram.org/bot<token>/. An install serving several
shops points TELEGRAM_API_BASE_URL here once and each bot sees only its own chats.

    with FakeTelegramBots([token_a, token_b]) as bots:
        bots[token_a].sent_messages(chat_id)
"""
from __future__ import annotations

import json
import re

from ._http import LocalHTTPFake, Request
from .telegram_api import FakeTelegramAPI

_PATH = re.compile(r"^/(?:file/)?bot([^/]*)/")


class FakeTelegramBots(LocalHTTPFake):
    def __init__(self, tokens: list[str], **options):  # type: ignore[no-untyped-def]
        super().__init__()
        self.bots = {token: FakeTelegramAPI(token, **options) for token in tokens}

    def __getitem__(self, token: str) -> FakeTelegramAPI:
        return self.bots[token]

    @property
    def base_url(self) -> str:
        return f"{self.url}/bot"

    @property
    def server_errors_all(self) -> list[str]:
        return self.server_errors + [e for bot in self.bots.values() for e in bot.server_errors]

    def handle(self, req: Request):  # type: ignore[no-untyped-def]
        match = _PATH.match(req.path)
        bot = self.bots.get(match.group(1)) if match else None
        if bot is None:  # a token no bot of this fake has: what Telegram says to a wrong one
            return 401, {"Content-Type": "application/json"}, json.dumps(
                {"ok": False, "error_code": 401, "description": "Unauthorized"}).encode()
        return bot.handle(req)

    def _on_stop(self) -> None:
        for bot in self.bots.values():
            bot._on_stop()  # releases long polls
