"""Who a broadcast reaches: the segment's customers, one channel identity each, with their
personal fields, and how many of them can be sent to (the seller's preview)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from sqlalchemy import Row
from sqlalchemy.orm import Session

from marketing.broadcasts import SEND, SKIPPED_CONSENT, SKIPPED_UNREACHABLE, SKIPPED_WINDOW, TEMPLATE, Preview, Segment, verdict
from storage import broadcasts as broadcasts_db

EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)


@dataclass(frozen=True)
class Member:
    customer_id: int
    name: str
    consent: bool | None
    channel: str
    external_id: str
    reachable: bool
    last_inbound_at: datetime | None
    last_product: str

    def fields(self) -> dict[str, str]:
        return {"name": self.name, "last_product": self.last_product}


def members(session: Session, shop_id: int, segment: Segment, now: datetime) -> list[Member]:
    """Everyone the segment names, consenting or not (the report counts who was skipped and why)."""
    since = now - timedelta(days=segment.inactive_days) if segment.inactive_days else None
    lapsed = now - timedelta(days=segment.lapsed_days) if segment.lapsed_days else None
    people = broadcasts_db.audience(session, shop_id, skus=segment.skus, categories=segment.categories,
                                    active_since=since, channel=segment.channel, lapsed_since=lapsed)
    ids = [p.id for p in people]
    by_customer: dict[int, list[Row]] = {}
    for ident in broadcasts_db.identities(session, ids, segment.channel):
        by_customer.setdefault(ident.customer_id, []).append(ident)
    consenting = [p.id for p in people if p.promo_consent is True]
    last = broadcasts_db.last_products(session, shop_id, consenting)
    out = []
    for p in people:
        idents = by_customer.get(p.id)
        if not idents:
            continue
        best = pick_identity(idents)
        name = p.name or best.profile_name or ""
        out.append(Member(p.id, name, p.promo_consent, best.channel, best.external_id, bool(best.reachable),
                          best.last_inbound_at, last.get(p.id, "")))
    return out


def pick_identity(idents: list[Row]) -> Row:
    """The channel the person used last among those still reachable (else the last one at all)."""
    return max(idents, key=lambda i: (bool(i.reachable), i.last_inbound_at or EPOCH))


def preview(people: list[Member], has_template: bool, now: datetime) -> Preview:
    verdicts = [verdict(m.consent, m.reachable, m.channel, m.last_inbound_at, has_template, now) for m in people]
    counts = Counter(verdicts)
    sample = next((m.fields() for m, v in zip(people, verdicts) if v in (SEND, TEMPLATE)), None)
    return Preview(counts[SEND] + counts[TEMPLATE], counts[SKIPPED_CONSENT], counts[SKIPPED_UNREACHABLE],
                   counts[SKIPPED_WINDOW], sample)


def snapshot_status(m: Member) -> str:
    """Rows that can never be sent are settled when the run starts; the rest are checked again at send."""
    if m.consent is not True:
        return SKIPPED_CONSENT
    if not m.reachable:
        return SKIPPED_UNREACHABLE
    return "pending"
