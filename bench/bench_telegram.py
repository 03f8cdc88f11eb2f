"""POST /webhooks/telegram with real-shaped updates and the secret-token header, against the
bare endpoint, with wrk (bench/http_bench.py and bench/lua/telegram.lua).

The server runs the Telegram channel in webhook mode with python-telegram-bot pointed at the
local fake Bot API (its own process, Telegram's flood limits on: 30 messages a second per bot,
1 a second per chat), and our own pacing at its production settings, so replies are being
delivered, and paced, while the load runs.

    .venv/bin/python bench/run.py telegram
"""

from __future__ import annotations

from typing import Any

from bench.http_bench import Channel, measure

SECRET = "bench_secret_0123456789"
PUBLIC = "https://bot.example.test"  # webhook mode registers PUBLIC/webhooks/telegram with the fake
CHAT_BASE = 7_100_000_000
CHATS = 1000
SELLER_CHAT = 700_000_001


def env(info: dict[str, Any]) -> dict[str, str]:
    return {"TELEGRAM_BOT_TOKEN": info["token"], "TELEGRAM_API_BASE_URL": info["base_url"],
            "TELEGRAM_MODE": "webhook", "TELEGRAM_WEBHOOK_SECRET": SECRET, "KEDAI_PUBLIC_URL": PUBLIC}


def args(info: dict[str, Any]) -> dict[str, object]:
    return {"secret": SECRET, "chats": CHATS, "chat_base": CHAT_BASE, "bot_id": info["token"].split(":")[0]}


CHANNEL = Channel("telegram", "POST /webhooks/telegram", "telegram", "telegram", fake="telegram", people=CHATS,
                  env=env, args=args, chats=[CHAT_BASE + k for k in range(CHATS)] + [SELLER_CHAT], limit=30)


def main() -> dict[str, Any]:
    return measure(CHANNEL)


if __name__ == "__main__":
    main()
