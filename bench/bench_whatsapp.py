"""POST /webhooks/twilio with WhatsApp messages as Twilio posts them, each signed as Twilio
signs it (the server checks every signature), against the bare endpoint, with wrk
(bench/http_bench.py and bench/lua/twilio.lua).

Replies leave through the twilio SDK to the local fake Twilio API (its own process) under our
production cap, TWILIO_MPS=80 per sender; the bench counts the most accepted in any second.

    .venv/bin/python bench/run.py whatsapp      (or: twilio)
"""

from __future__ import annotations

from typing import Any

from bench.http_bench import Channel, measure

PUBLIC = "https://bot.example.test"  # KEDAI_PUBLIC_URL: the URL Twilio signs
SHOP_NUMBER = "+6281188880000"
MESSAGING_SERVICE = "MG9b8a7c6d5e4f30211203f4e5d6c7b8a9"
SENDERS = 1000


def env(info: dict[str, Any]) -> dict[str, str]:
    return {"TWILIO_ACCOUNT_SID": info["account_sid"], "TWILIO_AUTH_TOKEN": info["auth_token"],
            "TWILIO_WHATSAPP_NUMBER": SHOP_NUMBER, "TWILIO_API_BASE_URL": info["base_url"], "KEDAI_PUBLIC_URL": PUBLIC}


def args(info: dict[str, Any]) -> dict[str, object]:
    return {"senders": SENDERS, "url": PUBLIC + "/webhooks/twilio", "token": info["auth_token"],
            "account": info["account_sid"], "to": SHOP_NUMBER, "service": MESSAGING_SERVICE}


CHANNEL = Channel("whatsapp", "POST /webhooks/twilio", "twilio", "whatsapp", fake="twilio", people=SENDERS,
                  env=env, args=args, limit=80)


def main() -> dict[str, Any]:
    return measure(CHANNEL)


if __name__ == "__main__":
    main()
