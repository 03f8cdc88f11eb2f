"""A seller writes a broadcast by chat: message (and photo) -> audience -> promo code ->
when -> a preview with the recipient count -> confirm. The draft lives in `data["bc_draft"]`;
confirming asks the world to CreateBroadcast, and `on_saved` says how it went."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from marketing.broadcasts import NOW, BroadcastSpec, Schedule, Segment
from marketing.parsing import parse_when
from language.text import normalize
from conversations.base import Button, Ctx, Reply, Step, Turn, done, say
from conversations.examples import fill
from conversations.choice import Choice
from marketing.wording import broadcast_text, problems, promo_line, segment_text, when_text
from language.words import SEND_BROADCAST
from texts.id import promo as t

CHANNELS = ("telegram", "whatsapp")
AUDIENCE = Choice("sba", str)  # all | bought | inactive | channel
CHANNEL = Choice("sbch", str)  # telegram | whatsapp
PROMO = Choice("sbp", str)  # a promo code to attach ("" for none)
SEND_NOW, SEND = Choice("sbw:now"), Choice("sb:send")


@dataclass(frozen=True)
class CreateBroadcast:
    spec: BroadcastSpec


@dataclass(frozen=True)
class BroadcastSaved:
    id: int
    recipients: int  # who it goes to now (a broadcast sent at once)


@dataclass(frozen=True)
class BroadcastRefused:
    problems: list[str]  # marketing.broadcast_admin.BroadcastInvalid's codes


class SellerBroadcast(StrEnum):
    TEXT = "seller_broadcast:text"
    AUDIENCE = "seller_broadcast:audience"
    BOUGHT = "seller_broadcast:bought"
    DAYS = "seller_broadcast:days"
    CHANNEL = "seller_broadcast:channel"
    PROMO = "seller_broadcast:promo"
    WHEN = "seller_broadcast:when"
    CONFIRM = "seller_broadcast:confirm"


def draft(data: dict[str, Any]) -> dict[str, Any]:
    return dict(data.get("bc_draft") or {})


def with_draft(data: dict[str, Any], **changes: Any) -> dict[str, Any]:
    return {**data, "bc_draft": {**draft(data), **changes}}


def cancel() -> list[Button]:
    return [Button(t.BTN_CANCEL, "batal")]


def start(data: dict[str, Any], ctx: Ctx) -> Step:
    """asks for the message."""
    return say(SellerBroadcast.TEXT, {**data, "bc_draft": {}}, Reply(t.ASK_BROADCAST_TEXT, cancel(), numbered=False))


def on_text(data: dict[str, Any], ctx: Ctx, turn: Turn) -> Step:
    """keeps the message (a photo's caption is the message) and asks who gets it."""
    text = turn.text.strip()
    if not text:
        return say(SellerBroadcast.TEXT, data, Reply(t.BROADCAST_TEXT_EMPTY, cancel(), numbered=False))
    image = turn.media[0].ref if turn.media else None
    if (preset := draft(data).get("preset")) is not None:  # a personal offer: the audience was named already
        return ask_promo(with_draft(data, text=text, image_url=image, segment=preset), ctx)
    return ask_audience(with_draft(data, text=text, image_url=image, segment={}), ctx)


def ask_audience(data: dict[str, Any], ctx: Ctx) -> Step:
    buttons = [Button(t.BTN_AUD_ALL, AUDIENCE.pack("all")), Button(t.BTN_AUD_BOUGHT, AUDIENCE.pack("bought")),
               Button(t.BTN_AUD_INACTIVE, AUDIENCE.pack("inactive")), Button(t.BTN_AUD_CHANNEL, AUDIENCE.pack("channel"))
               ] + cancel()
    return say(SellerBroadcast.AUDIENCE, data, Reply(t.ASK_AUDIENCE, buttons))


def on_audience(data: dict[str, Any], ctx: Ctx, turn: Turn) -> Step:
    """everyone goes on to the promo; the other segments ask one more thing."""
    kind = AUDIENCE.one(turn.choice) or ""
    if kind == "all":
        return ask_promo(with_draft(data, segment={}), ctx)
    if kind == "bought":
        return say(SellerBroadcast.BOUGHT, data, Reply(fill(t.ASK_BOUGHT, ctx.examples), cancel(), numbered=False))
    if kind == "inactive":
        return say(SellerBroadcast.DAYS, data, Reply(t.ASK_DAYS, cancel(), numbered=False))
    if kind == "channel":
        buttons = [Button(t.CHANNEL_NAMES[c], CHANNEL.pack(c)) for c in CHANNELS] + cancel()
        return say(SellerBroadcast.CHANNEL, data, Reply(t.ASK_CHANNEL, buttons))
    return ask_audience(data, ctx)


def on_bought(data: dict[str, Any], ctx: Ctx, turn: Turn) -> Step:
    """a category name picks the category; otherwise the product(s) the name finds."""
    typed = normalize(turn.text)
    cat = next((c for c in ctx.catalog.categories() if normalize(c.name) == typed), None)
    if cat is not None:
        return ask_promo(with_draft(data, segment=Segment(categories=(cat.name,)).to_json()), ctx)
    best, candidates = ctx.catalog.resolve(turn.text)
    found = [best] if best else candidates
    if not found:
        return say(SellerBroadcast.BOUGHT, data, Reply(t.BOUGHT_UNKNOWN.format(text=turn.text.strip()), cancel(), numbered=False))
    return ask_promo(with_draft(data, segment=Segment(skus=tuple(p.sku for p in found)).to_json()), ctx)


def on_days(data: dict[str, Any], ctx: Ctx, turn: Turn) -> Step:
    """takes N of "no order in N days"."""
    digits = "".join(ch for ch in turn.text if ch.isdigit())
    if not digits or not 1 <= int(digits) <= 3650:
        return say(SellerBroadcast.DAYS, data, Reply(t.DAYS_INVALID, cancel(), numbered=False))
    return ask_promo(with_draft(data, segment=Segment(inactive_days=int(digits)).to_json()), ctx)


def on_channel(data: dict[str, Any], ctx: Ctx, turn: Turn) -> Step:
    channel = CHANNEL.one(turn.choice) or turn.text.strip().lower()
    if channel not in CHANNELS:
        return on_audience(data, ctx, Turn(choice=AUDIENCE.pack("channel")))
    return ask_promo(with_draft(data, segment=Segment(channel=channel).to_json()), ctx)


def ask_promo(data: dict[str, Any], ctx: Ctx) -> Step:
    """offers the live promo codes to attach (straight on to the time when there are none)."""
    codes = [p.code for p in ctx.promos.promotions() if p.code and p.live(ctx.now)]
    if not codes:
        return ask_when(with_draft(data, promo_code=None), ctx)
    buttons = [Button(c, PROMO.pack(c)) for c in codes[:8]] + [Button(t.BTN_NO_PROMO, PROMO.pack(""))] + cancel()
    return say(SellerBroadcast.PROMO, data, Reply(t.ASK_ATTACH_PROMO, buttons))


def on_promo(data: dict[str, Any], ctx: Ctx, turn: Turn) -> Step:
    code = (PROMO.one(turn.choice) if PROMO.matches(turn.choice) else turn.choice) if turn.choice else turn.text.strip().upper()
    if code and ctx.promos.by_code(code) is None:
        return ask_promo(data, ctx)
    return ask_when(with_draft(data, promo_code=code or None), ctx)


def ask_when(data: dict[str, Any], ctx: Ctx, text: str = t.ASK_WHEN) -> Step:
    return say(SellerBroadcast.WHEN, data, Reply(text, [Button(t.BTN_SEND_NOW, SEND_NOW.pack())] + cancel(), numbered=False))


def on_when(data: dict[str, Any], ctx: Ctx, turn: Turn) -> Step:
    """reads when to send and shows the preview with the recipient count."""
    schedule = Schedule(NOW) if SEND_NOW.matches(turn.choice) else parse_when(turn.text, ctx.now, ctx.tz)
    if schedule is None or (schedule.at is not None and schedule.at <= ctx.now):
        return ask_when(data, ctx, t.WHEN_INVALID)
    return preview(with_draft(data, schedule=schedule.to_json()), ctx)


def spec(d: dict[str, Any]) -> BroadcastSpec:
    return BroadcastSpec(text=d["text"], segment=Segment.from_json(d.get("segment")), schedule=Schedule.from_json(d["schedule"]),
                         image_url=d.get("image_url"), promo_code=d.get("promo_code"))


def preview(data: dict[str, Any], ctx: Ctx) -> Step:
    """the message as one real recipient will read it, how many get it, who is skipped, and when."""
    s = spec(draft(data))
    counts = ctx.promos.preview(s.segment)
    promo = ctx.promos.by_code(s.promo_code) if s.promo_code else None
    skipped = (t.PREVIEW_SKIPPED.format(no_consent=counts.no_consent, unreachable=counts.unreachable, window=counts.outside_window)
               if counts.skipped else "")
    text = t.BROADCAST_PREVIEW.format(
        sample=(counts.sample or {}).get("name") or t.PREVIEW_SAMPLE_NONE,
        message=broadcast_text(s.text, counts.sample, promo_line(promo, ctx.catalog)),
        count=counts.recipients, segment=segment_text(s.segment, ctx.catalog), skipped=skipped,
        when=when_text(s.schedule, ctx.tz))
    label = t.BTN_CONFIRM_SEND if s.schedule.kind == NOW else t.BTN_CONFIRM_SCHEDULE
    return say(SellerBroadcast.CONFIRM, data, Reply(text, [Button(label, SEND.pack())] + cancel(), image_url=s.image_url))


def on_confirm(data: dict[str, Any], ctx: Ctx, turn: Turn) -> Step:
    """asks the world to save (and start) the broadcast; on_saved says how it went."""
    if not SEND.matches(turn.choice) and turn.text.strip().lower() not in SEND_BROADCAST:
        return preview(data, ctx)
    return Step("", {k: v for k, v in data.items() if k != "bc_draft"}, [], [CreateBroadcast(spec(draft(data)))],
                then=on_saved)


def on_saved(step: Step, outcomes: list[Any], ctx: Ctx) -> Step:
    """sent now to how many, or scheduled for when; or why it was not saved."""
    outcome, schedule = outcomes[0], step.effects[0].spec.schedule
    if isinstance(outcome, BroadcastRefused):
        return done(step, Reply(t.BROADCAST_NOT_SAVED.format(problems=problems(outcome.problems))))
    if schedule.kind == NOW:
        return done(step, Reply(t.BROADCAST_SAVED_NOW.format(id=outcome.id, count=outcome.recipients)))
    return done(step, Reply(t.BROADCAST_SAVED_LATER.format(id=outcome.id, when=when_text(schedule, ctx.tz))))


STEPS = {
    SellerBroadcast.TEXT: on_text,
    SellerBroadcast.AUDIENCE: on_audience,
    SellerBroadcast.BOUGHT: on_bought,
    SellerBroadcast.DAYS: on_days,
    SellerBroadcast.CHANNEL: on_channel,
    SellerBroadcast.PROMO: on_promo,
    SellerBroadcast.WHEN: on_when,
    SellerBroadcast.CONFIRM: on_confirm,
}
