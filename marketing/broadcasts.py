"""Broadcast rules as plain data: who is in a segment, when a schedule fires, whether one
recipient may be sent to now, and how a personalised text reads. No I/O here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from language.names import addressed
from marketing import window

NOW, ONCE, WEEKLY, DAILY = "now", "once", "weekly", "daily"
# Outbound.extra["purpose"] of a broadcast: outside WhatsApp's window the WhatsApp sender sends it
# through the shop's template for this purpose (ShopProfile.whatsapp_templates), else reengage.
PURPOSE = "promo"

# Verdicts for one recipient at send time.
SEND, TEMPLATE = "send", "template"
SKIPPED_CONSENT, SKIPPED_WINDOW, SKIPPED_UNREACHABLE = "skipped_consent", "skipped_window", "skipped_unreachable"
# Statuses a recipient row ends in (plus the skips): "unknown" is a send a crash interrupted,
# never repeated because each recipient is sent at most once.
SENT, FAILED, UNKNOWN, CANCELLED = "sent", "failed", "unknown", "cancelled"


@dataclass(frozen=True)
class Segment:
    """Filters that all hold (an empty segment is every opted-in customer)."""

    skus: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    inactive_days: int | None = None  # no order in the last N days (never ordered counts)
    channel: str | None = None
    # A personal offer: bought the skus/categories before, but none of them in the last N days.
    lapsed_days: int | None = None

    def to_json(self) -> dict[str, Any]:
        return {"skus": list(self.skus), "categories": list(self.categories),
                "inactive_days": self.inactive_days, "channel": self.channel, "lapsed_days": self.lapsed_days}

    @classmethod
    def from_json(cls, raw: dict[str, Any] | None) -> Segment:
        raw = raw or {}
        return cls(tuple(raw.get("skus") or ()), tuple(raw.get("categories") or ()),
                   raw.get("inactive_days"), raw.get("channel"), raw.get("lapsed_days"))


@dataclass(frozen=True)
class Schedule:
    kind: str  # now | once | weekly | daily
    at: datetime | None = None  # once: the UTC moment
    weekday: int | None = None  # weekly: 0 = Monday (shop time)
    clock: str | None = None  # weekly/daily: "HH:MM" shop time

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "at": self.at.isoformat() if self.at else None,
                "weekday": self.weekday, "clock": self.clock}

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> Schedule:
        at = raw.get("at")
        return cls(raw["kind"], datetime.fromisoformat(at) if at else None, raw.get("weekday"), raw.get("clock"))

    @property
    def recurring(self) -> bool:
        return self.kind in (WEEKLY, DAILY)

    def first_due(self, now: datetime, tz: ZoneInfo) -> datetime:
        if self.kind == NOW:
            return now
        if self.kind == ONCE:
            assert self.at is not None
            return self.at
        due = self.next_after(now - timedelta(microseconds=1), tz)
        assert due is not None
        return due

    def next_after(self, moment: datetime, tz: ZoneInfo) -> datetime | None:
        """The first occurrence strictly after `moment` (None for one-off schedules)."""
        if not self.recurring:
            return None
        hh, mm = (int(x) for x in (self.clock or "00:00").split(":"))
        local = moment.astimezone(tz)
        day = local.date()
        for _ in range(8):
            candidate = datetime.combine(day, time(hh, mm), tzinfo=tz)
            if candidate > local and (self.kind == DAILY or candidate.weekday() == self.weekday):
                return candidate.astimezone(moment.tzinfo)
            day += timedelta(days=1)
        raise AssertionError("a weekly schedule fires within 8 days")


@dataclass(frozen=True)
class BroadcastSpec:
    """What a seller asks for, before it is saved."""

    text: str
    segment: Segment = field(default_factory=Segment)
    schedule: Schedule = field(default_factory=lambda: Schedule(NOW))
    image_url: str | None = None
    promo_code: str | None = None


def due_action(due_at: datetime, now: datetime, grace: timedelta) -> str:
    """A run due while the server was down is sent late within the grace period, else missed."""
    return "send" if now - due_at <= grace else "missed"


def verdict(consent: bool | None, reachable: bool, channel: str, last_inbound_at: datetime | None,
            has_template: bool, now: datetime) -> str:
    """Whether one recipient may get the broadcast now, checked at the moment of sending."""
    if consent is not True:
        return SKIPPED_CONSENT
    if not reachable:
        return SKIPPED_UNREACHABLE
    if window.applies(channel) and not window.is_open(last_inbound_at, now):
        return TEMPLATE if has_template else SKIPPED_WINDOW
    return SEND


@dataclass(frozen=True)
class Preview:
    """What the seller sees before confirming: `recipients` will be sent to; `sample` personalises the example."""

    recipients: int = 0
    no_consent: int = 0
    unreachable: int = 0
    outside_window: int = 0
    sample: dict[str, str] | None = None

    @property
    def skipped(self) -> int:
        return self.no_consent + self.unreachable + self.outside_window


@dataclass(frozen=True)
class RunReport:
    """How one run went, for the seller: sent, failed, skipped and why, opted out since."""

    run_id: int
    broadcast_id: int
    status: str
    due_at: datetime
    counts: dict[str, int]
    opted_out_since: int = 0

    def n(self, *statuses: str) -> int:
        return sum(self.counts.get(s, 0) for s in statuses)

    @property
    def skipped(self) -> int:
        return self.n(SKIPPED_CONSENT, SKIPPED_WINDOW, SKIPPED_UNREACHABLE)


@dataclass(frozen=True)
class BroadcastInfo:
    id: int
    text: str
    status: str
    schedule: Schedule
    segment: Segment
    next_due_at: datetime | None
    promo_code: str | None = None
    last_run: RunReport | None = None


FIELDS = {"nama": "name", "name": "name", "produk_terakhir": "last_product", "last_product": "last_product"}


_KAK_NAME = re.compile(r"\b(kak|ka|kakak)\s+\{(?:nama|name)\}", re.I)


def render(text: str, values: dict[str, str]) -> str:
    """Fills {nama} and {produk_terakhir} (or {name}, {last_product}); other braces stay as typed.
    "Kak {nama}" is worded as everywhere else: "Bu Wati" stays "Bu Wati", never "Kak Bu Wati"."""
    text = _KAK_NAME.sub(lambda m: addressed(values.get("name"), m.group(1)), text)
    for placeholder, key in FIELDS.items():
        text = text.replace("{" + placeholder + "}", values.get(key) or "")
    return text


def placeholders(text: str) -> set[str]:
    return {key for placeholder, key in FIELDS.items() if "{" + placeholder + "}" in text}
