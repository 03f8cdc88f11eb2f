"""Two `kedai serve` processes in polling mode (TELEGRAM_MODE=polling, the default) on one
PostgreSQL database with the fake Bot API. Telegram serves one getUpdates per bot at a time and
ends the other with 409, so only the leading process polls; when it is SIGKILLed, the other takes
the lead and the poll, and the updates the dead one had fetched but not confirmed are fetched
again and dropped as repeats."""

from __future__ import annotations

import signal
import time
from collections import Counter

import pytest
from sqlalchemy import func, select

from storage.models import InboundMessage, OutboxMessage, Process
from tests.e2e import several
from tests.e2e.several import wait_for
from tests.fakes.telegram_api import FakeTelegramAPI
from tests.support import seeded_engine

pytestmark = pytest.mark.e2e

FIRST_CHAT = 81_000
BEFORE, AFTER = 30, 20  # updates before the leader is killed, and after


def update(n: int) -> dict:
    person = {"id": FIRST_CHAT + n, "is_bot": False, "first_name": f"Pembeli {n}", "language_code": "id"}
    return {"update_id": 900_000_000 + n, "message": {
        "message_id": 1, "date": int(time.time()), "text": "halo", "from": person,
        "chat": {"id": FIRST_CHAT + n, "type": "private", "first_name": person["first_name"]}}}


def test_only_the_leader_polls_and_the_other_takes_the_poll_over_when_it_dies(pg_url, tmp_path):
    _, sessions = seeded_engine(pg_url)

    def count(stmt) -> int:  # type: ignore[no-untyped-def]
        with sessions() as s:
            return s.execute(stmt).scalar_one()

    handled = select(func.count()).select_from(InboundMessage)
    with FakeTelegramAPI(long_poll_cap=1.0) as fake, several.serving(pg_url, tmp_path, 2, {
            "TELEGRAM_BOT_TOKEN": fake.token, "TELEGRAM_API_BASE_URL": fake.base_url, "TELEGRAM_MODE": "polling",
            "KEDAI_SIMULATOR": "0"}) as (one, two):
        for n in range(BEFORE + AFTER):
            fake.add_chat(FIRST_CHAT + n)
        for n in range(BEFORE):
            fake.push_update(update(n))
        wait_for(lambda: count(handled) == BEFORE, "the first updates handled", detail=lambda: count(handled))
        time.sleep(1.0)  # a follower that polled would have met the leader's poll by now (it looks twice a second)
        conflicts_while_both_ran = fake.conflicts

        with sessions() as s:
            leader_pid = s.execute(select(Process.pid).order_by(Process.id).limit(1)).scalar_one()
        leader, other = (one, two) if one.pid == leader_pid else (two, one)
        leader.send_signal(signal.SIGKILL)
        leader.wait(10)
        for n in range(BEFORE, BEFORE + AFTER):
            fake.push_update(update(n))
        wait_for(lambda: count(handled) == BEFORE + AFTER, "the other process to poll", timeout=30,
                 detail=lambda: count(handled))
        wait_for(lambda: count(select(func.count()).select_from(OutboxMessage)
                               .where(OutboxMessage.status.in_(("pending", "sending")))) == 0, "every reply sent")
        survivor_log = several.log_of(tmp_path, other)
        survived = other.poll() is None
        with sessions() as s:
            ids = Counter(s.execute(select(InboundMessage.message_id)).scalars())
        got = Counter(m["chat"]["id"] for m in fake.sent_messages())

    assert conflicts_while_both_ran == 0  # the follower never polled while the leader did
    assert "Conflict" not in survivor_log
    assert len(ids) == BEFORE + AFTER and max(ids.values()) == 1  # each update handled once
    assert all(got[FIRST_CHAT + n] >= 1 for n in range(BEFORE + AFTER))  # and answered
    assert survived
