"""Broadcasts as the seller manages them (chat and CLI), and the scheduler's step that turns
due schedules into runs with one recipient row per person."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from marketing.audience import members, preview, snapshot_status
from marketing.broadcasts import ONCE, PURPOSE, BroadcastInfo, BroadcastSpec, Preview, RunReport, Schedule, Segment, due_action
from marketing.promotions import normal_code
from shops import loader as shop_loader
from shops.profile import ShopProfile
from storage import broadcasts as broadcasts_db
from storage import promotions as promotions_db
from storage.models import Shop
from storage.promo_models import Broadcast

MAX_TEXT = 3500  # leaves room for the promo line and footer under Telegram's 4096


class BroadcastInvalid(Exception):
    def __init__(self, problems: list[str]):
        super().__init__(", ".join(problems))
        self.problems = problems


def shop_tz(session: Session, shop_id: int) -> ZoneInfo:
    shop = session.get(Shop, shop_id)
    return shop_loader.of(shop).tz if shop else ZoneInfo(ShopProfile.model_fields["timezone"].default)


def has_template(session: Session, shop_id: int) -> bool:
    """Whether the shop has an approved WhatsApp template a broadcast may use outside the 24 hours."""
    shop = session.get(Shop, shop_id)
    templates = shop_loader.of(shop).profile.whatsapp_templates if shop else None
    return bool(templates and (templates.purposes.get(PURPOSE) or templates.reengage))


def check(session: Session, shop_id: int, spec: BroadcastSpec, now: datetime) -> list[str]:
    problems = []
    if not spec.text.strip():
        problems.append("empty")
    if len(spec.text) > MAX_TEXT:
        problems.append("too_long")
    if spec.promo_code:
        promo = promotions_db.fetch_by_code(session, shop_id, normal_code(spec.promo_code))
        if promo is None or not promo.active:
            problems.append("unknown_promo")
    if spec.schedule.kind == ONCE and (spec.schedule.at is None or spec.schedule.at < now):
        problems.append("in_the_past")
    return problems


def preview_spec(session: Session, shop_id: int, spec: BroadcastSpec, now: datetime) -> Preview:
    return preview(members(session, shop_id, spec.segment, now), has_template(session, shop_id), now)


def create(session: Session, shop_id: int, spec: BroadcastSpec, now: datetime, created_by: str) -> Broadcast:
    problems = check(session, shop_id, spec, now)
    if problems:
        raise BroadcastInvalid(problems)
    promo = promotions_db.fetch_by_code(session, shop_id, normal_code(spec.promo_code)) if spec.promo_code else None
    return broadcasts_db.add_broadcast(session, {
        "shop_id": shop_id, "text": spec.text.strip(), "image_url": spec.image_url,
        "promotion_id": promo.id if promo else None, "segment": spec.segment.to_json(),
        "schedule": spec.schedule.to_json(), "status": "active",
        "next_due_at": spec.schedule.first_due(now, shop_tz(session, shop_id)), "created_by": created_by,
        "created_at": now})


def report(session: Session, run_id: int) -> RunReport:
    run = broadcasts_db.fetch_run(session, run_id)
    assert run is not None
    return RunReport(run.id, run.broadcast_id, run.status, run.due_at, broadcasts_db.run_counts(session, run.id),
                     broadcasts_db.opted_out_since(session, run.id))


def info(session: Session, b: Broadcast) -> BroadcastInfo:
    runs = broadcasts_db.fetch_runs(session, b.id, limit=1)
    promo = promotions_db.fetch_promotion(session, b.shop_id, b.promotion_id) if b.promotion_id else None
    return BroadcastInfo(b.id, b.text, b.status, Schedule.from_json(b.schedule), Segment.from_json(b.segment),
                         b.next_due_at, promo.code if promo else None, report(session, runs[0].id) if runs else None)


def list_broadcasts(session: Session, shop_id: int, limit: int = 20) -> list[BroadcastInfo]:
    return [info(session, b) for b in broadcasts_db.fetch_broadcasts(session, shop_id, limit)]


def status(session: Session, shop_id: int, broadcast_id: int) -> tuple[BroadcastInfo, list[RunReport]] | None:
    b = broadcasts_db.fetch_broadcast(session, shop_id, broadcast_id)
    if b is None:
        return None
    return info(session, b), [report(session, r.id) for r in broadcasts_db.fetch_runs(session, b.id)]


def cancel(session: Session, shop_id: int, broadcast_id: int, now: datetime) -> bool:
    return broadcasts_db.cancel_broadcast(session, shop_id, broadcast_id, now)


@dataclass(frozen=True)
class Started:
    run_id: int
    shop_id: int
    broadcast_id: int
    action: str  # "send" or "missed"
    recipients: int = 0


def materialise_due(session: Session, now: datetime, grace: timedelta) -> list[Started]:
    """Turns every due schedule into a run: within the grace period a run with its recipients
    (a snapshot of the audience), past it a run marked missed. The unique (broadcast, due time)
    makes this safe to race; the caller commits."""
    out = []
    for b in broadcasts_db.due_broadcasts(session, now):
        due = b.next_due_at
        assert due is not None
        action = due_action(due, now, grace)
        run_id = broadcasts_db.add_run(session, b.shop_id, b.id, due, "sending" if action == "send" else "missed", now)
        count = 0
        if run_id is not None and action == "send":
            people = members(session, b.shop_id, Segment.from_json(b.segment), now)
            broadcasts_db.add_recipients(session, [
                {"shop_id": b.shop_id, "run_id": run_id, "customer_id": m.customer_id, "channel": m.channel,
                 "external_id": m.external_id, "fields": m.fields(), "status": snapshot_status(m), "attempts": 0,
                 "next_attempt_at": now} for m in people])
            count = len(people)
        following = Schedule.from_json(b.schedule).next_after(max(now, due), shop_tz(session, b.shop_id))
        broadcasts_db.advance(session, b.id, following)
        if run_id is not None:
            out.append(Started(run_id, b.shop_id, b.id, action, count))
    return out
