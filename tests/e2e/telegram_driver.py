"""Drives `kedai serve` as Telegram would: updates built from the shared sample shapes, delivered
by webhook POST (with the secret the server registered through setWebhook) or by the fake's
getUpdates queue, and the bot's answers read back from the fake Bot API."""

from __future__ import annotations

import contextlib
import copy
import itertools
import json
import os
import pathlib
import sqlite3
import time
from collections.abc import Callable, Iterator

import httpx

from tests.e2e import server
from tests.fakes.telegram_api import FakeTelegramAPI
from tests import samples
from tests.media_samples import picture

SAMPLES = samples.TELEGRAM
SECRET = "tg_secret_TEST_only_9f8e7d"
SELLER_CHAT = 700000001
_update_ids = itertools.count(900_000_000)


def sample(name: str) -> dict:
    return json.loads((SAMPLES / name).read_text(encoding="utf-8"))


def cli(db: pathlib.Path, *args: str) -> str:
    return server.cli(list(args), {**os.environ, "KEDAI_DATABASE_URL": f"sqlite:///{db}"}, check=True).stdout


@contextlib.contextmanager
def kedai_serving(tmp: pathlib.Path, fake: FakeTelegramAPI, **env: str) -> Iterator[tuple[int, pathlib.Path]]:
    """`kedai serve` on a fresh database with a Telegram seller, its Bot API pointed at the fake."""
    db = tmp / "kedai.db"
    cli(db, "seller", "add", "--channel", "telegram", "--id", str(SELLER_CHAT), "--name", "Bu Sri")
    fake.add_chat(SELLER_CHAT)
    port = server.free_port()
    env = {"KEDAI_DATABASE_URL": f"sqlite:///{db}", "KEDAI_PORT": str(port), "KEDAI_HOST": "127.0.0.1",
           "TELEGRAM_BOT_TOKEN": fake.token, "TELEGRAM_API_BASE_URL": fake.base_url,
           "KEDAI_SCHEDULER_INTERVAL_SECONDS": "0.2", **env}
    with server.server(["main.py", "serve"], env, "/healthz", port):
        yield port, db


class Telegram:
    """Hands updates to the server the way one mode of Telegram does, and waits for their effects."""

    def __init__(self, fake: FakeTelegramAPI, db: pathlib.Path, port: int | None = None):
        self.fake, self.db = fake, db
        self.http = httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=10) if port else None

    def deliver(self, update: dict) -> None:
        self.fake.push_update(update)  # Telegram knows the chat, the query id, the files
        if self.http is not None:  # webhook mode; otherwise the server's getUpdates picks it up
            body, headers = self.fake.webhook_post(update)
            response = self.http.post("/webhooks/telegram", content=body, headers=headers)
            assert response.status_code == 200, response.text
            self.fake.webhook_answered(response.content, response.headers.get("content-type"))

    def query(self, sql: str, *args) -> list[tuple]:  # type: ignore[no-untyped-def]
        with contextlib.closing(sqlite3.connect(self.db, timeout=10)) as conn:
            return conn.execute(sql, args).fetchall()

    def wait(self, done: Callable[[], bool], what: str, timeout: float = 15.0) -> None:
        deadline = time.monotonic() + timeout
        while not done():
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out waiting for {what}")
            time.sleep(0.02)

    def settled(self, chat: int, message_id: str) -> None:
        """The update is committed and every reply to the chat has left the outbox."""
        self.wait(lambda: bool(self.query("SELECT 1 FROM inbound_messages WHERE message_id = ?", message_id))
                  and not self.query("SELECT 1 FROM outbox WHERE recipient = ? AND status IN ('pending', 'sending')",
                                     str(chat)), f"update {message_id} to settle")


class User:
    """A Telegram user in a private chat with the shop's bot."""

    def __init__(self, telegram: Telegram, chat_id: int, first_name: str):
        self.tg, self.fake, self.chat_id = telegram, telegram.fake, chat_id
        self.user = {"id": chat_id, "is_bot": False, "first_name": first_name, "language_code": "id"}
        self.message_id = 0
        self.presses: list[str] = []

    def _message(self, sample_name: str, **fields) -> dict:  # type: ignore[no-untyped-def]
        update = sample(sample_name)
        msg = update["message"]
        self.message_id = max([self.message_id] + [m["message_id"] for m in self.fake.sent_messages(self.chat_id)]) + 1
        msg.update(message_id=self.message_id, date=int(time.time()), **fields)
        msg["from"], msg["chat"] = dict(self.user), {"id": self.chat_id, "first_name": self.user["first_name"],
                                                     "type": "private"}
        update["update_id"] = next(_update_ids)
        return update

    def send(self, update: dict, message_id: str | None = None) -> dict:
        self.tg.deliver(update)
        self.tg.settled(self.chat_id, message_id or str(update["update_id"]))
        return update

    def say(self, text: str) -> dict:
        return self.send(self._message("private_text.json", text=text))

    def share_location(self) -> dict:
        return self.send(self._message("location.json"))

    def send_photo(self, data: bytes | None = None, name: str = "") -> dict:
        """A photo (a 1280x960 receipt unless `data`); `name` gives it a file id of its own."""
        update = self._message("photo_payment_proof.json")
        for size in update["message"]["photo"]:
            size["file_id"] += name
        self.fake.add_file(update["message"]["photo"][-1]["file_id"], data or picture(1280, 960))  # what getFile returns
        return self.send(update)

    def edit(self, earlier: dict, text: str) -> dict:
        update = sample("edited_message.json")
        update["update_id"] = next(_update_ids)
        update["edited_message"].update(copy.deepcopy(earlier["message"]), text=text, edit_date=int(time.time()))
        return self.send(update)

    def press(self, label: str) -> dict:
        """Presses the newest button whose label contains `label`, on the message that carries it."""
        for msg in reversed(self.fake.sent_messages(self.chat_id)):
            for row in (msg.get("reply_markup") or {}).get("inline_keyboard", []):
                for button in row:
                    if label.lower() in button["text"].lower():
                        update = sample("callback_query_inline_keyboard.json")
                        query = update["callback_query"]
                        query.update({"id": f"{self.chat_id}{next(_update_ids)}", "from": dict(self.user),
                                      "message": msg, "data": button["callback_data"]})
                        update["update_id"] = next(_update_ids)
                        self.presses.append(query["id"])
                        return self.send(update)
        raise AssertionError(f"no button {label!r} in {self.texts[-3:]}")

    def block(self, status: str = "kicked") -> dict:
        update = sample("my_chat_member_blocked.json")
        update["update_id"] = next(_update_ids)
        member = update["my_chat_member"]
        member["chat"] = {"id": self.chat_id, "first_name": self.user["first_name"], "type": "private"}
        member["from"] = dict(self.user)
        member["new_chat_member"]["status"] = status
        self.tg.deliver(update)
        return update

    @property
    def texts(self) -> list[str]:
        return [m.get("text") or m.get("caption") or "" for m in self.fake.sent_messages(self.chat_id)]
