"""A broadcast to 1,000 people whose sending process is killed (SIGKILL) halfway and started
again: every person gets the message exactly once. Real processes, the real python-telegram-bot
client, the fake Bot API over HTTP, a SQLite file."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from collections import Counter

import pytest
from sqlalchemy import func, select

from marketing import broadcast_admin
from marketing.broadcasts import BroadcastSpec
from storage.models import utcnow
from storage.promo_models import BroadcastRecipient, BroadcastRun
from tests.e2e.server import ROOT
from tests.fakes.telegram_api import FakeTelegramAPI
from tests.promo_support import seed_audience
from tests.support import seeded_engine

pytestmark = pytest.mark.e2e
WORKERS = 4


class HoldingTelegramAPI(FakeTelegramAPI):
    """Takes every message, but from the `hold_after`-th on keeps the HTTP answer back until
    released: the sender has sent and not yet heard, the worst moment to die."""

    def __init__(self, hold_after: int | None = None, **kw):
        super().__init__(global_per_sec=None, per_chat_per_sec=None, **kw)
        self.hold_after = hold_after
        self.held = 0
        self.release = threading.Event()

    def handle(self, req):  # type: ignore[no-untyped-def]
        answer = super().handle(req)
        if self.hold_after is not None and req.path.endswith("/sendMessage") and self.count >= self.hold_after:
            with self._lock:
                self.held += 1
            self.release.wait(30)
        return answer

    @property
    def count(self) -> int:
        with self._lock:
            return len(self._sent)


def broadcast_to(url: str, people: int):  # type: ignore[no-untyped-def]
    _, sessions = seeded_engine(url)
    chats = seed_audience(sessions, people)
    with sessions() as s:
        broadcast_admin.create(s, 1, BroadcastSpec("Halo {nama}! Promo Jumat 🎉"), utcnow(), "test")
        s.commit()
    return url, sessions, chats


def child(url: str, fake: FakeTelegramAPI, lease: float) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "tests.e2e.broadcast_child", url, fake.base_url, fake.token,
                             str(WORKERS), str(lease)], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def wait_for(check, timeout: float = 60) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise TimeoutError
        time.sleep(0.01)


def statuses(sessions) -> Counter[str]:  # type: ignore[no-untyped-def]
    with sessions() as s:
        return Counter(dict(s.execute(select(BroadcastRecipient.status, func.count()).group_by(BroadcastRecipient.status)).all()))


def received(fake: FakeTelegramAPI) -> Counter[int]:
    return Counter(m["chat"]["id"] for m in fake.sent_messages())


def test_killed_while_sends_are_in_flight_and_restarted_every_recipient_gets_it_exactly_once(sqlite_url):
    url, sessions, chats = broadcast_to(sqlite_url, 1000)
    with HoldingTelegramAPI(hold_after=500) as fake:
        for chat in chats:
            fake.add_chat(chat)
        first = child(url, fake, lease=0)
        wait_for(lambda: fake.held == WORKERS)  # every worker has sent and waits for its answer
        first.kill()
        first.wait(10)
        midway = statuses(sessions)
        assert midway["sending"] == WORKERS and 400 < midway["sent"] < 600 and midway["pending"] > 0
        fake.hold_after = None
        fake.release.set()
        second = child(url, fake, lease=0)
        out, err = second.communicate(timeout=120)
        assert second.returncode == 0, err
        got = received(fake)
    assert len(got) == 1000 and set(got) == set(chats) and max(got.values()) == 1
    # the in-flight ones are never resent: recorded as unknown, counted apart in the report
    assert statuses(sessions) == Counter({"sent": 1000 - WORKERS, "unknown": WORKERS})
    with sessions() as s:
        assert s.execute(select(BroadcastRun.status)).scalar_one() == "done"


def test_killed_at_any_moment_nobody_gets_it_twice_and_only_interrupted_sends_are_uncertain(sqlite_url):
    url, sessions, chats = broadcast_to(sqlite_url, 300)
    with HoldingTelegramAPI() as fake:
        for chat in chats:
            fake.add_chat(chat)
        first = child(url, fake, lease=0)
        wait_for(lambda: fake.count >= 100)  # no holding back this time: killed wherever it happens to be
        first.kill()
        first.wait(10)
        second = child(url, fake, lease=0)
        _, err = second.communicate(timeout=120)
        assert second.returncode == 0, err
        got = received(fake)
    final = statuses(sessions)
    assert max(got.values()) == 1 and final["unknown"] <= WORKERS and final["sent"] + final["unknown"] == 300
    with sessions() as s:
        unknown = {int(x) for x in s.execute(select(BroadcastRecipient.external_id)
                                              .where(BroadcastRecipient.status == "unknown")).scalars()}
    assert set(chats) - set(got) <= unknown  # whoever missed out is one of the few the crash cut off
