"""Broadcast delivery on a real database (SQLite and PostgreSQL) through a recording channel:
once per person, consent checked at the moment of sending, retries, schedules, the report."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

from sqlalchemy import select

from bot.broadcasting import Broadcaster
from bot.delivery import RetryLater, Undeliverable
from marketing import broadcast_admin
from marketing.broadcasts import WEEKLY, BroadcastSpec, Schedule, Segment
from storage.models import Identity, OutboxMessage, Shop
from storage.promo_models import Broadcast, BroadcastRecipient
from tests.promo_support import RecordingSender, person
from tests.support import NOW, EngineChat, seeded_engine


class World:
    def __init__(self, url: str, **sender_kw):
        self.engine, self.sessions = seeded_engine(url)
        self.now = NOW
        self.sender = RecordingSender(**sender_kw)
        self.db = ThreadPoolExecutor(1)

    def people(self, *specs: tuple[str, dict]) -> None:
        with self.sessions() as s:
            for name, kw in specs:
                person(s, name, **kw)
            s.commit()

    def broadcast(self, text: str = "Halo {nama}! {produk_terakhir} lagi diskon", **kw) -> int:
        with self.sessions() as s:
            b = broadcast_admin.create(s, 1, BroadcastSpec(text=text, **kw), self.now, "test")
            s.commit()
            return b.id

    def broadcaster(self, **kw) -> Broadcaster:
        return Broadcaster(self.sessions, {"telegram": self.sender, "whatsapp": self.sender}, self.db,
                           clock=lambda: self.now, **kw)

    def tick(self, **kw) -> int:
        return asyncio.run(self.broadcaster(**kw).tick())

    def statuses(self) -> dict[str, str]:
        with self.sessions() as s:
            return dict(s.execute(select(BroadcastRecipient.external_id, BroadcastRecipient.status)).all())

    def seller_messages(self) -> list[str]:
        with self.sessions() as s:
            rows = s.execute(select(OutboxMessage.payload).where(OutboxMessage.recipient == "penjual")).scalars()
            return [p["text"] for p in rows]


def test_every_opted_in_customer_gets_one_personal_message_and_the_seller_a_report(db_url):
    w = World(db_url)
    w.people(("ani", {"orders": [(["SBL-ROA"], 3, "paid")]}), ("budi", {}), ("dedi", {"consent": None}),
             ("eka", {"consent": False}), ("hadi", {"reachable": False}))
    w.broadcast()
    assert w.tick() == 2
    assert sorted(w.sender.recipients) == ["telegram-ani", "telegram-budi"]
    ani = next(o for o in w.sender.sent if o.recipient == "telegram-ani")
    assert ani.text.startswith("Halo ani! Sambal Roa 150ml lagi diskon") and "Ketik STOP" in ani.text
    assert [b.value for b in ani.buttons] == ["catalog"]
    assert w.statuses() == {"telegram-ani": "sent", "telegram-budi": "sent", "telegram-dedi": "skipped_consent",
                            "telegram-eka": "skipped_consent", "telegram-hadi": "skipped_unreachable"}
    [report] = w.seller_messages()
    assert "Terkirim: 2" in report and "Dilewati: 3 (belum izin promo 2, di luar 24 jam 0, tidak bisa dihubungi 1)" in report
    assert w.tick() == 0 and len(w.sender.sent) == 2  # nothing is ever sent twice


def test_a_stop_typed_during_a_broadcast_holds_for_every_message_not_yet_sent(db_url):
    names = [f"c{i}" for i in range(6)]

    def someone_opts_out(n: int, _) -> None:
        if n == 2:  # while the broadcast is under way, the last customer types STOP
            EngineChat(w.engine, "telegram-c5", channel="telegram").send("STOP")

    w = World(db_url, on_send=someone_opts_out)
    w.people(*((n, {}) for n in names))
    b = w.broadcast()
    assert w.tick(workers=1) == 5
    assert "telegram-c5" not in w.sender.recipients and w.statuses()["telegram-c5"] == "skipped_consent"
    with w.sessions() as s:
        [(_, runs)] = [broadcast_admin.status(s, 1, b)]
    assert runs[0].counts == {"sent": 5, "skipped_consent": 1} and runs[0].opted_out_since == 1
    assert "Berhenti langganan sejak itu: 1" in w.seller_messages()[0]


def test_a_429_waits_for_a_later_pass_and_a_blocked_chat_is_marked_unreachable(db_url):
    w = World(db_url, fail={"telegram-ani": [RetryLater(30)], "telegram-budi": [Undeliverable("403", "blocked", "unreachable")]})
    w.people(("ani", {}), ("budi", {}), ("cici", {}))
    w.broadcast()
    assert w.tick() == 1
    assert w.statuses() == {"telegram-ani": "pending", "telegram-budi": "failed", "telegram-cici": "sent"}
    assert w.seller_messages() == []  # the run is not over while ani waits
    w.now += timedelta(seconds=31)
    assert w.tick() == 1 and w.sender.recipients == ["telegram-cici", "telegram-ani"]
    with w.sessions() as s:
        assert s.execute(select(Identity.reachable).where(Identity.external_id == "telegram-budi")).scalar_one() is False
        assert broadcast_admin.preview_spec(s, 1, BroadcastSpec("x"), w.now).unreachable == 1
    assert "Gagal: 1" in w.seller_messages()[0]


def test_a_weekly_broadcast_runs_every_friday_late_within_grace_and_is_reported_missed_beyond_it(db_url):
    w = World(db_url)
    w.people(("ani", {}))
    b = w.broadcast(schedule=Schedule(WEEKLY, weekday=4, clock="10:00"))
    friday = NOW.replace(day=27, hour=3)  # Friday 27 Nov 2026 10.00 WIB
    w.now = friday - timedelta(minutes=1)
    assert w.tick() == 0
    w.now = friday + timedelta(minutes=20)  # the server was down at 10.00: still within the hour of grace
    assert w.tick() == 1
    w.now = friday + timedelta(days=7, hours=3)  # down the whole next Friday morning
    assert w.tick() == 0 and len(w.sender.sent) == 1
    assert "*terlewat*" in w.seller_messages()[-1] and "Jadwal berikutnya" in w.seller_messages()[-1]
    with w.sessions() as s:
        assert s.get(Broadcast, b).next_due_at == friday + timedelta(days=14)
    w.now = friday + timedelta(days=14)
    assert w.tick() == 1 and len(w.sender.sent) == 2


def test_cancelling_stops_the_unsent_rest_of_a_running_broadcast(db_url):
    def cancel_after_two(n: int, _) -> None:
        if n == 2:
            with w.sessions() as s:
                broadcast_admin.cancel(s, 1, b, w.now)
                s.commit()

    w = World(db_url, on_send=cancel_after_two)
    w.people(*((f"c{i}", {}) for i in range(5)))
    b = w.broadcast()
    assert w.tick(workers=1) == 2
    assert sorted(w.statuses().values()) == ["cancelled"] * 3 + ["sent"] * 2


def test_whatsapp_outside_24_hours_goes_only_when_the_shop_has_an_approved_template(db_url):
    w = World(db_url)
    w.people(("fani", {"channels": ("whatsapp",), "inbound_hours_ago": 30}),
             ("gita", {"channels": ("whatsapp",), "inbound_hours_ago": 2}))
    w.broadcast()
    w.tick()
    assert w.sender.recipients == ["whatsapp-gita"] and w.statuses()["whatsapp-fani"] == "skipped_window"
    with w.sessions() as s:  # the shop gets an approved template for promos (the WhatsApp sender uses it)
        shop = s.get(Shop, 1)
        shop.profile = {**shop.profile, "whatsapp_templates": {"purposes": {"promo": "HX0123456789abcdef"}}}
        s.commit()
    w.broadcast(segment=Segment(channel="whatsapp"))
    w.tick()
    assert sorted(w.sender.recipients[1:]) == ["whatsapp-fani", "whatsapp-gita"]
    assert all(o.extra["purpose"] == "promo" for o in w.sender.sent)


def test_a_send_the_whatsapp_sender_holds_for_the_window_counts_as_skipped(db_url):
    w = World(db_url, fail={"whatsapp-gita": [Undeliverable("24h", "outside the window", status="held")]})
    w.people(("gita", {"channels": ("whatsapp",), "inbound_hours_ago": 2}))
    w.broadcast()
    w.tick()
    assert w.statuses() == {"whatsapp-gita": "skipped_window"}


def test_two_schedulers_ticking_at_once_send_each_person_exactly_once(db_url):
    w = World(db_url)
    w.people(*((f"c{i}", {}) for i in range(40)))
    w.broadcast()

    async def both() -> list[int]:
        other = Broadcaster(w.sessions, {"telegram": w.sender}, ThreadPoolExecutor(1), clock=lambda: w.now)
        return await asyncio.gather(w.broadcaster().tick(), other.tick())

    assert sum(asyncio.run(both())) == 40
    assert sorted(w.sender.recipients) == sorted(f"telegram-c{i}" for i in range(40))
    assert len(w.seller_messages()) == 1
