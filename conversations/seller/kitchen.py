"""A home kitchen's commands: daily quotas, "habis hari ini", pre-orders, the batch list.

"kuota harian dimsum 10" / "kuota dimsum hapus"; "nastar habis hari ini" / "nastar ada lagi";
"PO nastar, tutup 20 Maret, kirim 25 Maret" / "PO bolu pandan" (a day ahead) / "PO bolu pandan
H-2" / "PO nastar stop"; "daftar masak" / "batch" / "daftar masak besok" / "batch 25 Maret".
Each change is ProductChange effects (conditional, audited: effects.catalog); the days are the
shop's local ones (docs/PREORDERS.md).
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from conversations.base import Reply, Step, Turn
from conversations.seller.changes import Done, ProductChange, ProductGone
from conversations.seller.common import command_name, failed, find, idle, kept, words
from conversations.seller.ports import SellerCtx, SellerProduct
from language.dates import find_day, parse_day, show_day
from orders.making import local_day
from texts.id import preorders as t

MAX_QUOTA = 10_000
REMOVE = {"hapus", "stop", "off", "nonaktif", "tidak ada", "0"}

QUOTA = re.compile(r"^kuota(?: harian)?(?: untuk)? (?P<name>.+?) (?P<amount>\d+|hapus|stop|off|nonaktif)"
                   r"(?: (?:porsi|pcs|per hari|sehari|/hari))*$")
SOLD_OUT = re.compile(r"^(?:(?P<name>.+?) habis hari ini|habis hari ini (?P<name2>.+))$")
BACK = re.compile(r"^(?P<name>.+?) (?:ada lagi|dijual lagi)(?: hari ini)?$")
PO = re.compile(r"^(?:open )?po (?P<rest>.+)$")
PO_STOP = re.compile(r"^(?P<name>.+?) (?:stop|selesai|hapus|off)$")
PO_DAYS = re.compile(r"^(?P<name>.+?) h-? ?(?P<days>\d{1,2})$")
BATCH = re.compile(r"^(?:daftar masak|daftar batch|batch|list masak)(?: untuk)?(?P<when> .+)?$")


def route(state: str, data: dict[str, Any], turn: Turn, ctx: SellerCtx) -> Step | None:
    if turn.choice or turn.media or not turn.text.strip():
        return None
    text = words(turn.text)
    if m := BATCH.match(text):
        return batch(data, ctx, (m.group("when") or "").strip())
    if m := QUOTA.match(text):
        return quota(data, ctx, m.group("name"), m.group("amount"))
    if m := SOLD_OUT.match(text):
        return sold_out(data, ctx, m.group("name") or m.group("name2"), True)
    if m := BACK.match(text):
        return sold_out(data, ctx, m.group("name"), False)
    if m := PO.match(text):
        return preorder(data, ctx, m.group("rest"))
    return None


def _today(ctx: SellerCtx) -> date:
    return date.fromisoformat(local_day(ctx.now, ctx.tz))


def _product(ctx: SellerCtx, query: str) -> SellerProduct | str:
    best, candidates = find(ctx, query.strip(" ,"))
    if best is None and len(candidates) == 1:
        best = candidates[0]
    return best if best is not None else t.NOT_FOUND.format(query=query)


def _changes(ctx: SellerCtx, p: SellerProduct, after: dict[str, Any]) -> list[ProductChange]:
    return [ProductChange(ctx.seller.id, ctx.seller.label, p.id, p.label, field, getattr(p, field), value)
            for field, value in after.items() if getattr(p, field) != value]


def _apply(data: dict[str, Any], text: str, changes: list[ProductChange]) -> Step:
    return idle(data, Reply(text), effects=list(changes), then=on_changed)


def on_changed(step: Step, outcomes: list[Any], ctx: SellerCtx) -> Step:
    """keeps the confirmation, or says that the product went or moved meanwhile (nothing half-kept
    is claimed: each change names the value it replaces)."""
    for change, outcome in zip(step.effects, outcomes):
        if isinstance(outcome, ProductGone) or not isinstance(outcome, Done):
            return failed(step, t.CHANGED_MEANWHILE.format(name=change.name))
    return kept(step)


def quota(data: dict[str, Any], ctx: SellerCtx, query: str, amount: str) -> Step:
    """sets or removes a product's daily quota."""
    p = _product(ctx, query)
    if isinstance(p, str):
        return idle(data, Reply(p))
    if amount in REMOVE:
        if p.daily_quota is None:
            return idle(data, Reply(t.QUOTA_NONE.format(name=p.label)))
        return _apply(data, t.QUOTA_REMOVED.format(name=p.label, stock=p.stock), _changes(ctx, p, {"daily_quota": None}))
    value = int(amount)
    if value > MAX_QUOTA:
        return idle(data, Reply(t.QUOTA_TOO_MANY.format(amount=value, limit=f"{MAX_QUOTA:,}".replace(",", "."))))
    return _apply(data, t.QUOTA_SET.format(name=p.label, quota=value), _changes(ctx, p, {"daily_quota": value}))


def sold_out(data: dict[str, Any], ctx: SellerCtx, query: str, out: bool) -> Step | None:
    """marks a product sold out for the shop's today (back tomorrow by itself), or on sale again."""
    p = _product(ctx, query)
    if isinstance(p, str):
        return idle(data, Reply(p)) if out else None  # "… ada lagi" that names no product is not ours
    today = _today(ctx).isoformat()
    if out and p.sold_out_on == today:
        return idle(data, Reply(t.ALREADY_SOLD_OUT.format(name=p.label)))
    if not out and p.sold_out_on != today:
        return idle(data, Reply(t.NOT_SOLD_OUT.format(name=p.label)))
    if out:
        text = t.SOLD_OUT_TODAY.format(name=p.label, day=show_day(today, weekday=True), short=command_name(p))
        return _apply(data, text, _changes(ctx, p, {"sold_out_on": today}))
    return _apply(data, t.BACK_ON_SALE.format(name=p.label), _changes(ctx, p, {"sold_out_on": None}))


def preorder(data: dict[str, Any], ctx: SellerCtx, rest: str) -> Step:
    """makes a product pre-order only: a window and a delivery day, or days ahead; or ends it."""
    today = _today(ctx)
    if m := PO_STOP.match(rest):
        p = _product(ctx, m.group("name"))
        if isinstance(p, str):
            return idle(data, Reply(p))
        if p.po_delivery is None and p.po_days is None:
            return idle(data, Reply(t.PO_NONE.format(name=p.label)))
        off = {"po_closes": None, "po_delivery": None, "po_days": None}
        return _apply(data, t.PO_STOPPED.format(name=p.label, stock=p.stock), _changes(ctx, p, off))
    closes = re.search(r"\b(?:tutup|ditutup|close|sampai|sd|s/d)\s+(.+?)(?:,|\bkirim\b|\bdikirim\b|$)", rest)
    delivery = re.search(r"\b(?:kirim|dikirim|antar|diantar|ready)\s+(?:tanggal\s+|tgl\s+)?(.+?)(?:,|\btutup\b|$)", rest)
    name = re.split(r",|\b(?:tutup|ditutup|close|kirim|dikirim|antar|diantar|ready)\b", rest)[0].strip()
    if closes is None and delivery is None:
        days = PO_DAYS.match(name)
        p = _product(ctx, days.group("name") if days else name)
        if isinstance(p, str):
            return idle(data, Reply(p))
        ahead = max(int(days.group("days")) if days else 1, 1)
        after = {"po_days": ahead, "po_closes": None, "po_delivery": None}
        return _apply(data, t.PO_DAYS_SET.format(name=p.label, days=ahead, short=command_name(p)), _changes(ctx, p, after))
    p = _product(ctx, name)
    if isinstance(p, str):
        return idle(data, Reply(p))
    short = command_name(p)
    last = find_day(closes.group(1), today) if closes else None
    deliver = find_day(delivery.group(1), today) if delivery else None
    if deliver is None or (closes is not None and last is None):
        return idle(data, Reply(t.PO_BAD.format(short=short)))
    last_day = last[0] if last else deliver[0]
    if last_day < today:
        return idle(data, Reply(t.PO_PAST.format(day=show_day(last_day))))
    if deliver[0] < last_day:
        return idle(data, Reply(t.PO_ORDER_AFTER.format(delivery=show_day(deliver[0]), closes=show_day(last_day))))
    after = {"po_closes": last_day.isoformat(), "po_delivery": deliver[0].isoformat(), "po_days": None}
    text = t.PO_WINDOW_SET.format(name=p.label, closes=show_day(last_day, weekday=True),
                                  delivery=show_day(deliver[0], weekday=True))
    return _apply(data, text, _changes(ctx, p, after))


def batch(data: dict[str, Any], ctx: SellerCtx, when: str) -> Step | None:
    """the batch list: what to make for which day, from today on or for the day named."""
    today = _today(ctx)
    day = parse_day(when, today) if when else None
    if when and day is None:
        return None  # "batch …" with words we do not read: not this command
    first = (day or today).isoformat()
    rows = ctx.desk.batch(first, first if day else None)
    if not rows:
        said = t.BATCH_ON.format(day=show_day(first, weekday=True)) if day else t.BATCH_FROM_TODAY
        return idle(data, Reply(t.BATCH_EMPTY.format(when=said)))
    return idle(data, Reply(batch_text(rows)))


def batch_text(rows: list[tuple[str, str, int]]) -> str:
    """Product × units under each day (shared with `kedai orders batch`)."""
    lines, current = [t.BATCH_HEAD], None
    for day, name, qty in rows:
        if day != current:
            lines.append(t.BATCH_DAY.format(day=show_day(day, weekday=True)))
            current = day
        lines.append(t.BATCH_LINE.format(qty=qty, name=name))
    return "\n".join(lines)
