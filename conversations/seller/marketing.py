"""Seller commands for promotions and broadcasts. Pure: `route(state, data, turn, ctx)` gives
a Step, or None when the message is not about promos or broadcasts (the next router tries)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from conversations.seller import broadcast, promo
from conversations.base import Button, Ctx, Reply, Step, Turn, done, say
from conversations.choice import Choice, number
from marketing.wording import report_text, segment_text, seller_line, when_text
from language.words import CANCEL, MENU
from texts.id import promo as t

@dataclass(frozen=True)
class StopPromotion:
    ref: str  # its number or code


@dataclass(frozen=True)
class CancelBroadcast:
    broadcast_id: int


# Outcomes: StopPromotion gives the stopped promo (None: no such active promo); CancelBroadcast a bool.
@dataclass(frozen=True)
class PromoStopped:
    id: int
    name: str


NEW_PROMO, PROMOS, NEW_BROADCAST, BROADCASTS = Choice("promo:new"), Choice("promo:list"), Choice("bc:new"), Choice("bc:list")
REPORT_BUTTON = Choice("bc:report", number)  # a broadcast's reports: its id
PROMO_LIST = {"promo", "/promo", "promosi", "daftar promo", "list promo"}
PROMO_NEW = {"promo baru", "buat promo", "tambah promo", "/promo_baru", "bikin promo"}
BROADCAST_LIST = {"broadcast", "/broadcast", "siaran", "daftar broadcast", "bc"}
BROADCAST_NEW = {"broadcast baru", "buat broadcast", "kirim broadcast", "/broadcast_baru", "bikin broadcast", "bc baru"}
PROMO_STOP = re.compile(r"^(?:promo\s+(?:stop|berhenti|hentikan|matikan|nonaktifkan)|(?:stop|hentikan|matikan)\s+promo)\s+#?(\S+)$")
REPORT = re.compile(r"^(?:(?:broadcast|bc)\s+laporan|laporan\s+(?:broadcast|bc))(?:\s+#?(\d{1,9}))?$")
BROADCAST_CANCEL = re.compile(r"^(?:(?:broadcast|bc)\s+batal(?:kan)?|batal(?:kan)?\s+(?:broadcast|bc))\s+#?(\d{1,9})$")
FLOWS = {**promo.STEPS, **broadcast.STEPS}


def route(state: str, data: dict[str, Any], turn: Turn, ctx: Ctx) -> Step | None:
    words = " ".join(turn.text.lower().split()).strip(" !?.")
    if state in FLOWS:
        # "menu" leaves a promo or broadcast draft too (the router already took the CANCEL words)
        if turn.choice == "batal" or (not turn.choice and (words in CANCEL or words in MENU)):
            return say("", clear(data), Reply(t.FLOW_CANCELLED, menu_buttons()))
        return FLOWS[state](data, ctx, turn)  # type: ignore[operator]
    if turn.choice:
        return on_choice(data, turn.choice, ctx)
    if words in PROMO_NEW:
        return promo.start(clear(data), ctx)
    if words in BROADCAST_NEW:
        return broadcast.start(clear(data), ctx)
    if words in PROMO_LIST:
        return promo_list(data, ctx)
    if words in BROADCAST_LIST:
        return broadcast_list(data, ctx)
    if m := PROMO_STOP.match(words):
        return Step("", data, [], [StopPromotion(m.group(1))], then=on_stopped)
    if m := BROADCAST_CANCEL.match(words):
        return Step("", data, [], [CancelBroadcast(int(m.group(1)))], then=on_cancelled)
    if m := REPORT.match(words):
        return reports(data, ctx, int(m.group(1)) if m.group(1) else None)
    return None


def on_stopped(step: Step, outcomes: list[Any], ctx: Ctx) -> Step:
    """says the promo is stopped, or that there is no such active promo."""
    stopped = outcomes[0]
    text = (t.PROMO_STOPPED.format(id=stopped.id, name=stopped.name) if stopped
            else t.PROMO_NOT_FOUND.format(ref=step.effects[0].ref))
    return done(step, Reply(text))


def on_cancelled(step: Step, outcomes: list[Any], ctx: Ctx) -> Step:
    """says the broadcast is cancelled, or that there is no such active broadcast."""
    template = t.BROADCAST_CANCELLED if outcomes[0] else t.BROADCAST_NOT_FOUND
    return done(step, Reply(template.format(id=step.effects[0].broadcast_id)))


def on_choice(data: dict[str, Any], choice: str, ctx: Ctx) -> Step | None:
    if NEW_PROMO.matches(choice):
        return promo.start(clear(data), ctx)
    if NEW_BROADCAST.matches(choice):
        return broadcast.start(clear(data), ctx)
    if PROMOS.matches(choice):
        return promo_list(data, ctx)
    if BROADCASTS.matches(choice):
        return broadcast_list(data, ctx)
    if (broadcast_id := REPORT_BUTTON.one(choice)) is not None:
        return reports(data, ctx, broadcast_id)  # not one of our buttons otherwise: the customer flows call it old
    return None


def clear(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if k not in ("promo_draft", "bc_draft")}


def menu_buttons() -> list[Button]:
    return [Button(t.BTN_NEW_PROMO, NEW_PROMO.pack()), Button(t.BTN_NEW_BROADCAST, NEW_BROADCAST.pack()),
            Button(t.BTN_BROADCAST, BROADCASTS.pack())]


def promo_list(data: dict[str, Any], ctx: Ctx) -> Step:
    """lists the shop's promos with what each gives, its conditions and uses."""
    promos = ctx.promos.promotions()[-15:]
    lines = "\n".join(seller_line(p, ctx.catalog, ctx.tz, ctx.now) for p in promos) or t.SELLER_PROMO_NONE
    return say("", data, Reply(t.SELLER_PROMO_HELP.format(lines=lines), menu_buttons()))


def broadcast_list(data: dict[str, Any], ctx: Ctx) -> Step:
    """lists recent broadcasts with their schedule and audience, each with a report button."""
    found = ctx.promos.broadcasts()
    lines = "\n".join(t.SELLER_BROADCAST_LINE.format(
        id=b.id, status=t.BROADCAST_STATUS.get(b.status, b.status), when=when_text(b.schedule, ctx.tz),
        segment=segment_text(b.segment, ctx.catalog), text=b.text[:60] + ("…" if len(b.text) > 60 else ""))
        for b in found) or t.SELLER_BROADCAST_NONE
    buttons = [Button(t.BTN_NEW_BROADCAST, NEW_BROADCAST.pack())] + [Button(f"📊 #{b.id}", REPORT_BUTTON.pack(b.id))
                                                                  for b in found if b.last_run]
    return say("", data, Reply(t.SELLER_BROADCAST_HELP.format(lines=lines), buttons))


def reports(data: dict[str, Any], ctx: Ctx, broadcast_id: int | None) -> Step:
    """the latest runs' reports of one broadcast (the newest broadcast when no number is given)."""
    if broadcast_id is None:
        latest = ctx.promos.broadcasts()
        if not latest:
            return say("", data, Reply(t.SELLER_BROADCAST_NONE, menu_buttons()))
        broadcast_id = latest[0].id
    runs = ctx.promos.reports(broadcast_id)
    if not runs:
        info = next((b for b in ctx.promos.broadcasts() if b.id == broadcast_id), None)
        if info is None:
            return say("", data, Reply(t.BROADCAST_NOT_FOUND.format(id=broadcast_id)))
        when = when_text(info.schedule, ctx.tz)
        return say("", data, Reply(t.BROADCAST_NO_RUNS.format(id=broadcast_id, when=when)))
    return say("", data, Reply("\n\n".join(report_text(r, ctx.tz) for r in runs[:3])))
