"""Outbox rows out through the real twilio client to the fake Twilio API, on a real database:
the 24-hour window (template, or held and released), retries, failures, status callbacks."""

from __future__ import annotations

import asyncio
import json
import socket
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from sqlalchemy import select, update

from bot.channels.twilio_http import make_async_twilio_client
from bot.channels.twilio_out import WhatsAppSender
from bot.channels.whatsapp_window import WindowBook
from bot.delivery import Delivery
from storage import outbox as outbox_db
from storage.db import unit_of_work
from storage.models import Identity, OutboxMessage, Shop
from tests.support import NOW, EngineChat, seeded_engine

SITI = "+6281234567890"
SHOP_NUMBER = "+6281188880000"
PUBLIC = "https://bot.example.test"


class Rig:
    """Engine, delivery and the WhatsApp sender over one database, on one clock we move by hand."""

    def __init__(self, db_url: str, fake):
        self.now = NOW
        self.engine, self.sessions = seeded_engine(db_url)
        self.engine.clock = lambda: self.now
        self.db = ThreadPoolExecutor(1)
        self.slept: list[float] = []
        window = WindowBook()
        window.bind(self.sessions, self.db)
        client = make_async_twilio_client(fake.account_sid, fake.auth_token, fake.base_url)
        self.sender = WhatsAppSender(client, SHOP_NUMBER, PUBLIC, window, clock=lambda: self.now, sleep=self._sleep)
        self.delivery = Delivery(self.sessions, {"whatsapp": self.sender}, self.db, clock=lambda: self.now)
        self.chat = EngineChat(self.engine, SITI, channel="whatsapp")
        self.fake = fake

    async def _sleep(self, seconds: float) -> None:
        self.slept.append(seconds)

    def say(self, text: str) -> list[int]:
        """The customer writes; returns the outbox ids the engine hands to delivery."""
        return self.chat.send(text).outbox_ids

    def deliver(self, ids: list[int]) -> int:
        return asyncio.run(self.delivery.deliver(ids))

    def rows(self) -> list[OutboxMessage]:
        with self.sessions() as s:
            return list(outbox_db.fetch_outbox(s, "whatsapp", SITI))

    def set_templates(self, **templates) -> None:
        with unit_of_work(self.sessions) as s:
            shop = s.execute(select(Shop)).scalar_one()
            shop.profile = {**shop.profile, "whatsapp_templates": templates}
            s.commit()


@pytest.fixture
def rig(db_url, fake_twilio):
    r = Rig(db_url, fake_twilio)
    yield r
    r.db.shutdown()


def test_a_reply_inside_the_window_goes_as_numbered_text_with_a_status_callback(rig):
    assert rig.deliver(rig.say("halo")) == 1
    [sent] = rig.fake.messages_to(f"whatsapp:{SITI}")
    assert sent["From"] == f"whatsapp:{SHOP_NUMBER}" and "Dapur Bu Sri" in sent["Body"]
    assert "\n1. Katalog\n" in sent["Body"] and sent["StatusCallback"] == PUBLIC + "/webhooks/twilio/status"
    [row] = rig.rows()
    assert row.status == "sent" and row.provider_id == sent["sid"]


def test_outside_the_window_without_a_template_it_is_held_then_sent_when_they_write(rig):
    ids = rig.say("halo")
    rig.now += timedelta(hours=24, minutes=1)
    assert rig.deliver(ids) == 0
    [row] = rig.rows()
    assert (row.status, row.error_code) == ("held", "24h") and rig.fake.messages == [] and rig.sender.held == 1
    with unit_of_work(rig.sessions) as s:
        assert s.execute(select(Identity.reachable)).scalar_one() is False
    rig.now += timedelta(hours=3)
    again = rig.say("keranjang")
    assert again[0] == row.id  # what was held goes first
    assert rig.deliver(again) == 2
    bodies = [m["Body"] for m in rig.fake.messages]
    assert "Dapur Bu Sri" in bodies[0] and "Keranjang" in bodies[1]
    assert [r.status for r in rig.rows()] == ["sent", "sent"]


def test_outside_the_window_the_shops_approved_template_carries_it(rig):
    rig.set_templates(reengage="HX" + "1" * 32)
    ids = rig.say("halo")
    rig.now += timedelta(days=2)
    assert rig.deliver(ids) == 1
    [sent] = rig.fake.messages
    assert sent["ContentSid"] == "HX" + "1" * 32 and sent["Body"] is None
    variables = json.loads(sent["ContentVariables"])
    assert variables["1"] == "Dapur Bu Sri" and "\n" not in variables["2"] and "Dapur Bu Sri" in variables["2"]


def test_a_shop_quick_reply_template_is_used_for_three_choices_in_the_window(rig):
    rig.set_templates(quick_reply={"3": "HX" + "3" * 32})
    rig.say("halo")
    assert rig.deliver(rig.say("pesan 1 keripik tempe")) == 1  # offers Lanjut belanja, Keranjang, Checkout
    sent = rig.fake.messages[-1]
    variables = json.loads(sent["ContentVariables"])
    assert sent["ContentSid"] == "HX" + "3" * 32 and sent["Body"] is None
    assert "Keripik Tempe" in variables["1"] and (variables["6"], variables["7"]) == ("Checkout", "checkout")


def test_rate_limited_sends_are_retried_with_backoff_and_sent_once(rig):
    rig.fake.force_error(2, status=429, code=20429)
    assert rig.deliver(rig.say("halo")) == 1
    assert len(rig.fake.messages) == 1 and rig.slept == [0.5, 1.0]


def test_a_send_still_rate_limited_after_the_tries_waits_in_the_outbox(rig):
    rig.fake.force_error(3, status=429, code=63018, message="Rate limit exceeded for WhatsApp")
    assert rig.deliver(rig.say("halo")) == 0
    [row] = rig.rows()
    assert row.status == "pending" and row.next_attempt_at > rig.now and "63018" in row.error


def test_sends_run_on_the_event_loop_and_an_unreachable_api_waits_in_the_outbox(rig):
    """No thread per send (the sync SDK ran in the loop's thread pool); a network error is retried
    with backoff, then the reply waits in the outbox for the next attempt."""
    async def deliver(ids: list[int]) -> tuple[int, list[str]]:
        sent = await rig.delivery.deliver(ids)
        return sent, [t.name for t in threading.enumerate() if t.name.startswith(("asyncio_", "uvloop_"))]

    assert asyncio.run(deliver(rig.say("halo"))) == (1, [])
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{s.getsockname()[1]}"
    rig.sender.client = make_async_twilio_client(rig.fake.account_sid, rig.fake.auth_token, dead)
    assert asyncio.run(deliver(rig.say("menu"))) == (0, [])
    assert rig.slept == [0.5, 1.0]
    row = rig.rows()[-1]
    assert row.status == "pending" and "network" in row.error


def test_a_number_twilio_refuses_is_marked_failed_with_its_code(rig):
    rig.fake.force_error(1, status=400, code=63003, message="Invalid WhatsApp number")
    assert rig.deliver(rig.say("halo")) == 0
    [row] = rig.rows()
    assert (row.status, row.error_code) == ("failed", "63003")


def test_status_callbacks_move_a_row_forward_only_whatever_their_order(rig):
    rig.deliver(rig.say("halo"))
    [row] = rig.rows()

    def report(status: str, code: str | None = None) -> str:
        with unit_of_work(rig.sessions) as s:
            outbox_db.record_status(s, "whatsapp", row.provider_id, status, code)
            s.commit()
        return rig.rows()[0].status

    assert [report(s) for s in ("read", "delivered", "sent", "queued")] == ["read"] * 4
    assert report("failed", "63016") == "failed" and rig.rows()[0].error_code == "63016"
    assert report("delivered") == "failed"


def test_an_unreachable_person_is_reopened_by_their_next_message(rig):
    rig.deliver(rig.say("halo"))
    with unit_of_work(rig.sessions) as s:
        s.execute(update(Identity).values(reachable=False))
        s.commit()
    rig.now += timedelta(seconds=5)  # inside the minute in which the inbound time is not rewritten
    assert rig.deliver(rig.say("menu")) == 1
    with unit_of_work(rig.sessions) as s:
        assert s.execute(select(Identity.reachable)).scalar_one() is True


def test_a_chart_a_row_names_is_made_at_sending_and_goes_as_media_from_our_url(rig, tmp_path):
    """bot.attachments: the row carries what to draw; the delivery draws it after commit, keeps it
    under media/files in a folder with an unguessable name, and Twilio is given its public URL."""
    from bot.attachments import Files
    from conversations.base import Attachment
    from effects import outbox
    from effects.outbox import Outbound

    rig.deliver(rig.say("halo"))  # the 24-hour window is open
    rig.delivery.files = Files(rig.sessions, tmp_path, lambda: rig.now)
    chart = Attachment("image", "grafik.png", "image/png",
                       {"what": "chart", "label": "7 hari terakhir", "shop": "Dapur Bu Sri",
                        "days": [["2026-11-20", 150000], ["2026-11-21", 400000]]})
    with unit_of_work(rig.sessions) as s:
        ids = outbox.write(s, 1, [Outbound("whatsapp", SITI, "📈 Penjualan 7 hari terakhir", attachment=chart)], rig.now)
        s.commit()
    assert rig.deliver(ids) == 1
    sent = rig.fake.messages_to(f"whatsapp:{SITI}")[-1]
    media = sent["MediaUrl"] if isinstance(sent["MediaUrl"], str) else sent["MediaUrl"][0]
    assert media.startswith(PUBLIC + "/media/files/") and len(media) > len(PUBLIC) + 30
    assert media.endswith("/grafik.png")  # WhatsApp names the file after the URL: the name we gave it
    [made] = (tmp_path / "files").rglob("*.png")
    assert media.endswith(f"{made.parent.name}/{made.name}") and made.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
