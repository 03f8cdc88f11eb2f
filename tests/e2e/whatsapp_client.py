"""A WhatsApp user as the served app sees one: webhooks signed exactly as Twilio signs them
(against KEDAI_PUBLIC_URL), replies read back from the fake Twilio API once delivered."""

from __future__ import annotations

import os
import sqlite3
import time
import uuid
from pathlib import Path

import httpx

from tests.e2e import server

PUBLIC = "https://bot.example.test"
SHOP_NUMBER = "+6281188880000"
MESSAGING_SERVICE = "MG9b8a7c6d5e4f30211203f4e5d6c7b8a9"


def env_for(tmp: Path, fake) -> dict[str, str]:
    return {"TWILIO_ACCOUNT_SID": fake.account_sid, "TWILIO_AUTH_TOKEN": fake.auth_token,
            "TWILIO_WHATSAPP_NUMBER": SHOP_NUMBER, "TWILIO_API_BASE_URL": fake.base_url,
            "KEDAI_PUBLIC_URL": PUBLIC, "KEDAI_DATA_DIR": str(tmp / "data"),
            "KEDAI_DATABASE_URL": f"sqlite:///{tmp}/kedai.db"}


def cli(tmp: Path, fake, *args: str) -> str:
    return server.cli(list(args), {**os.environ, **env_for(tmp, fake)}, check=True).stdout


def query(tmp: Path, sql: str, *args) -> list[tuple]:
    with sqlite3.connect(tmp / "kedai.db", timeout=30) as db:
        return db.execute(sql, args).fetchall()


def counts(tmp: Path) -> tuple:
    """Everything a message could change."""
    return tuple(query(tmp, f"SELECT count(*) FROM {t}")[0][0]
                 for t in ("inbound_messages", "outbox", "customers", "identities", "orders")) + \
        (query(tmp, "SELECT group_concat(version) FROM conversations")[0][0],)


class WhatsAppUser:
    def __init__(self, http: httpx.Client, fake, tmp: Path, number: str, name: str = "Siti Rahayu"):
        self.http, self.fake, self.tmp, self.number, self.name = http, fake, tmp, number, name
        self.replies: list[dict] = []

    def params(self, text: str = "", sid: str | None = None, **extra: str) -> dict[str, str]:
        sid = sid or ("SM" + uuid.uuid4().hex)
        return {"SmsMessageSid": sid, "NumMedia": "0", "ProfileName": self.name, "MessageType": "text",
                "SmsSid": sid, "WaId": self.number.lstrip("+"), "SmsStatus": "received", "Body": text,
                "To": f"whatsapp:{SHOP_NUMBER}", "NumSegments": "1", "ReferralNumMedia": "0", "MessageSid": sid,
                "AccountSid": self.fake.account_sid, "From": f"whatsapp:{self.number}", "ApiVersion": "2010-04-01",
                "MessagingServiceSid": MESSAGING_SERVICE, **extra}

    def post(self, params: dict[str, str]) -> httpx.Response:
        body, headers = self.fake.signed_inbound(PUBLIC + "/webhooks/twilio", params)
        return self.http.post("/webhooks/twilio", content=body, headers=headers)

    def send(self, text: str = "", **extra: str) -> list[dict]:
        """Posts one signed message and returns the replies Twilio was asked to deliver for it."""
        before = len(self.fake.messages_to(f"whatsapp:{self.number}"))
        params = self.params(text, **extra)
        response = self.post(params)
        assert response.status_code == 200 and "<Response" in response.text, response.text
        self.settle(params["MessageSid"])
        self.replies = self.fake.messages_to(f"whatsapp:{self.number}")[before:]
        return self.replies

    def settle(self, message_sid: str, timeout: float = 15) -> None:
        """Waits until every outbox row this message wrote has left the pending states."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            rows = query(self.tmp, "SELECT o.status FROM outbox o JOIN inbound_messages i ON o.inbound_id = i.id "
                                   "WHERE i.message_id = ? AND o.channel = 'whatsapp'", message_sid)
            if rows and all(r[0] not in ("pending", "sending") for r in rows):
                return
            time.sleep(0.02)
        raise TimeoutError(f"replies to {message_sid} not delivered")

    @property
    def text(self) -> str:
        return "\n".join(m["Body"] or m["ContentVariables"] or "" for m in self.replies)
