"""Promos, segments, schedules and reports worded for people (chat and CLI share these)."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from marketing.broadcasts import DAILY, NOW, WEEKLY, RunReport, Schedule, Segment, render
from language.money import local_time, rupiah
from catalog.products import CatalogReader
from marketing.promotions import BUNDLE, CART, CATEGORY, PERCENT, Promotion
from texts.id import promo as t
from texts.id import regulars as regulars_texts

DAY = "d MMM yyyy"
MOMENT = "EEEE d MMM HH.mm zzz"


def product_names(skus: tuple[str, ...] | list[str], catalog: CatalogReader | None) -> str:
    """The products a promo covers: a product once when every option of it is in ("Kemeja Batik
    Parang"), an option by its own name when only it is ("Kemeja Batik Parang — XL")."""
    found = catalog.by_skus(list(skus)) if catalog else {}
    families = catalog.families_of(list(skus)) if catalog else {}
    names: list[str] = []
    for sku in skus:
        p, family = found.get(sku), families.get(sku)
        if p is None:
            names.append(sku)
        elif family is not None and {o.sku for o in family.options} <= set(skus):
            names.append(family.name)  # the whole product, each of its options in the promo
        else:
            names.append(p.label)
    return ", ".join(dict.fromkeys(names))


def describe(p: Promotion, catalog: CatalogReader | None = None) -> str:
    """"diskon 10% (maks Rp20.000) untuk kategori Keripik", "paket 2× Keripik + 1× Sambal cuma Rp45.000"."""
    if p.kind == BUNDLE:
        names = catalog.by_skus([i.sku for i in p.bundle]) if catalog else {}
        items = " + ".join(f"{i.qty}× {names[i.sku].name if i.sku in names else i.sku}" for i in p.bundle)
        return t.DESC_BUNDLE.format(items=items, price=rupiah(p.value))
    scope = (t.SCOPE_CART if p.scope == CART else
             t.SCOPE_CATEGORY.format(names=", ".join(p.targets)) if p.scope == CATEGORY else
             t.SCOPE_PRODUCT.format(names=product_names(p.targets, catalog)))
    if p.kind == PERCENT:
        cap = t.DESC_CAP.format(amount=rupiah(p.max_discount)) if p.max_discount else ""
        return t.DESC_PERCENT.format(percent=p.value, cap=cap, scope=scope)
    return (t.DESC_FIXED if p.scope == CART else t.DESC_FIXED_EACH).format(amount=rupiah(p.value), scope=scope)


def conditions(p: Promotion, tz: ZoneInfo) -> list[str]:
    out = [t.COND_CODE.format(code=p.code) if p.code else t.COND_AUTO]
    if p.min_subtotal:
        out.append(t.COND_MIN.format(amount=rupiah(p.min_subtotal)))
    if p.starts_at:
        out.append(t.COND_FROM.format(when=local_time(p.starts_at, tz, DAY)))
    if p.ends_at:  # stored exclusive; people think of the last day
        out.append(t.COND_UNTIL.format(when=local_time(p.ends_at - timedelta(seconds=1), tz, DAY)))
    if p.max_uses:
        out.append(t.COND_QUOTA.format(n=p.max_uses))
    if p.max_uses_per_customer:
        out.append(t.COND_PER_CUSTOMER.format(n=p.max_uses_per_customer))
    if not p.stackable:
        out.append(t.COND_EXCLUSIVE)
    return out


def state(p: Promotion, now: datetime) -> str:
    if not p.active:
        return t.PROMO_STATE["off"]
    if p.ends_at and now >= p.ends_at:
        return t.PROMO_STATE["ended"]
    if p.starts_at and now < p.starts_at:
        return t.PROMO_STATE["soon"]
    return t.PROMO_STATE["on"]


def seller_line(p: Promotion, catalog: CatalogReader | None, tz: ZoneInfo, now: datetime) -> str:
    return t.SELLER_PROMO_LINE.format(id=p.id, name=p.name, desc=describe(p, catalog),
                                      conditions=" · " + " · ".join(conditions(p, tz)), state=state(p, now), uses=p.uses)


def segment_text(s: Segment, catalog: CatalogReader | None = None) -> str:
    parts = []
    if s.skus or s.categories:
        names = ", ".join(filter(None, [product_names(s.skus, catalog) if s.skus else "", ", ".join(s.categories)]))
        parts.append(t.SEGMENT_BOUGHT.format(names=names))
        if s.lapsed_days:
            parts[-1] += regulars_texts.SEGMENT_LAPSED.format(days=s.lapsed_days)
    if s.inactive_days:
        parts.append(t.SEGMENT_INACTIVE.format(days=s.inactive_days))
    if s.channel:
        parts.append(t.SEGMENT_CHANNEL.format(channel=t.CHANNEL_NAMES.get(s.channel, s.channel)))
    return ", ".join(parts) if parts else t.SEGMENT_ALL


def when_text(s: Schedule, tz: ZoneInfo) -> str:
    if s.kind == NOW:
        return t.WHEN_NOW
    if s.kind == WEEKLY:
        return t.WHEN_WEEKLY.format(day=t.DAY_NAMES[s.weekday or 0], clock=(s.clock or "").replace(":", "."))
    if s.kind == DAILY:
        return t.WHEN_DAILY.format(clock=(s.clock or "").replace(":", "."))
    assert s.at is not None
    return t.WHEN_ONCE.format(when=local_time(s.at, tz, MOMENT))


def report_text(r: RunReport, tz: ZoneInfo) -> str:
    c = r.counts
    return t.REPORT.format(
        id=r.broadcast_id, due=local_time(r.due_at, tz, MOMENT), status=t.RUN_STATUS.get(r.status, r.status),
        sent=c.get("sent", 0), failed=c.get("failed", 0),
        unknown=t.REPORT_UNKNOWN.format(n=c["unknown"]) if c.get("unknown") else "",
        skipped=r.skipped, no_consent=c.get("skipped_consent", 0), window=c.get("skipped_window", 0),
        unreachable=c.get("skipped_unreachable", 0), opted_out=r.opted_out_since,
        pending=t.REPORT_PENDING.format(n=r.n("pending", "sending")) if r.n("pending", "sending") else "")


def missed_text(r: RunReport, next_due: datetime | None, grace_minutes: float, tz: ZoneInfo) -> str:
    following = t.REPORT_MISSED_NEXT.format(when=local_time(next_due, tz, MOMENT)) if next_due else ""
    return t.REPORT_MISSED.format(id=r.broadcast_id, due=local_time(r.due_at, tz, MOMENT),
                                  grace=f"{grace_minutes:g}", next=following)


def problems(codes: list[str]) -> str:
    """Why a promo or broadcast was not saved, as the seller reads it."""
    return ", ".join(t.PROBLEMS.get(c, c) for c in codes)


def promo_line(p: Promotion | None, catalog: CatalogReader | None = None) -> str:
    return t.BROADCAST_PROMO.format(code=p.code, desc=describe(p, catalog)) if p and p.code else ""


def broadcast_text(text: str, fields: dict[str, str] | None, attached: str = "") -> str:
    """The message one person gets: their name and last product filled in, the promo, how to stop."""
    fields = fields or {}
    values = {"name": fields.get("name") or t.FALLBACK_NAME,
              "last_product": fields.get("last_product") or t.FALLBACK_LAST_PRODUCT}
    return render(text, values) + attached + t.BROADCAST_FOOTER
