"""`kedai serve` killed (SIGKILL) while a reply is on its way to Telegram, and started again:
the new process sees that the reply's claim belongs to a process that is gone and sends it at
once, rather than after the two-minute lease (and with --no-scheduler there is no drain job
that could have done it). The reply reaches the customer twice: at least once is the promise."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import httpx
import pytest

from tests.e2e import server
from tests.e2e.test_broadcast_crash import HoldingTelegramAPI

pytestmark = pytest.mark.e2e

SECRET = "crash_SECRET_only_for_tests"
CHAT = 5550001


def start(tmp: Path, fake: HoldingTelegramAPI, port: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "KEDAI_DATABASE_URL": f"sqlite:///{tmp}/kedai.db", "KEDAI_PORT": str(port),
           "KEDAI_HOST": "127.0.0.1", "TELEGRAM_BOT_TOKEN": fake.token, "TELEGRAM_API_BASE_URL": fake.base_url,
           "TELEGRAM_MODE": "webhook", "TELEGRAM_WEBHOOK_SECRET": SECRET, "KEDAI_PUBLIC_URL": "https://bot.example.test",
           "TELEGRAM_CHAT_RATE": "0", "TELEGRAM_GLOBAL_RATE": "0"}
    log = (tmp / "server.log").open("ab")
    proc = subprocess.Popen([sys.executable, "main.py", "serve", "--no-scheduler"], cwd=server.ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=log)
    server.wait_ready(f"http://127.0.0.1:{port}/healthz", proc)
    return proc


def query(tmp: Path, sql: str) -> list[tuple]:
    with closing(sqlite3.connect(tmp / "kedai.db", timeout=10)) as db:
        return db.execute(sql).fetchall()


def wait_for(check, what: str, timeout: float = 60) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


def test_a_restart_sends_at_once_the_replies_a_killed_process_was_sending(tmp_path):
    with HoldingTelegramAPI(hold_after=0) as fake:
        fake.add_chat(CHAT)
        port = server.free_port()
        first = start(tmp_path, fake, port)
        try:
            update = {"update_id": 1, "message": {"message_id": 1, "date": int(time.time()), "text": "halo",
                                                  "from": {"id": CHAT, "is_bot": False, "first_name": "Siti"},
                                                  "chat": {"id": CHAT, "type": "private", "first_name": "Siti"}}}
            response = httpx.post(f"http://127.0.0.1:{port}/webhooks/telegram", content=json.dumps(update),
                                  headers={"X-Telegram-Bot-Api-Secret-Token": SECRET}, timeout=10)
            assert response.status_code == 200
            wait_for(lambda: fake.held >= 1, "the reply to be on its way")
            [(row_id, status, owner)] = query(tmp_path, "SELECT id, status, claimed_by FROM outbox")
            [(registered,)] = query(tmp_path, "SELECT id FROM processes")
            assert (status, owner) == ("sending", registered)
        finally:
            first.kill()  # SIGKILL: no shutdown, the claim stays as it was
            first.wait(10)
        fake.hold_after = None
        fake.release.set()
        second = start(tmp_path, fake, port)
        try:
            wait_for(lambda: query(tmp_path, f"SELECT status FROM outbox WHERE id = {row_id}") == [("sent",)],
                     "the claimed reply to be sent by the new process (the lease is 120 s)")
            [(alive,)] = query(tmp_path, "SELECT id FROM processes")
            assert alive != registered
        finally:
            second.terminate()
            second.wait(20)
        greetings = [m for m in fake.sent_messages(CHAT) if "Dapur Bu Sri" in (m.get("text") or "")]
        assert len(greetings) == 2  # the one in flight at the kill, and again: at least once, never lost
    assert query(tmp_path, "SELECT count(*) FROM processes") == [(0,)]  # a clean stop leaves no row
    assert "are gone; 1 outbox rows" in (tmp_path / "server.log").read_text()
