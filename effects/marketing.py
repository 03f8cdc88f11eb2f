"""Applies the promotion and broadcast effects inside the message's transaction and words
the outcome; also what follows a placed order (the code is spent, the consent question)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from marketing import broadcast_admin, promo_admin
from marketing.broadcasts import NOW
from conversations.customer import checkout, promo
from conversations.base import Ctx, Reply, Step
from conversations.marketing import (MARKETING_EFFECTS, CancelBroadcast, CreateBroadcast, CreatePromotion,
                                     SetPromoConsent, StopPromotion)
from marketing.wording import describe, when_text
from storage import promo_queries as pq
from texts.id import promo as t

if TYPE_CHECKING:  # handlers.effects imports this module
    from effects.registry import Who


def handles(effect: object) -> bool:
    return isinstance(effect, MARKETING_EFFECTS)


def apply(session: Session, ctx: Ctx, who: Who, step: Step, effect: object) -> Step:
    if isinstance(effect, SetPromoConsent):
        pq.set_consent(session, who.customer_id, effect.consent, ctx.now)
        return step
    if isinstance(effect, CreatePromotion):
        try:
            p = promo_admin.create_promotion(session, who.shop_id, effect.spec, ctx.now, f"{who.channel}:{who.sender}")
        except promo_admin.PromoInvalid as exc:
            return _say(step, t.PROMO_NOT_SAVED.format(problems=problems(exc.problems)))
        share = t.PROMO_SHARE.format(code=p.code) if p.code else ""
        return _say(step, t.PROMO_SAVED.format(id=p.id, desc=describe(p, ctx.catalog), share=share))
    if isinstance(effect, StopPromotion):
        stopped = promo_admin.stop(session, who.shop_id, effect.ref)
        text = t.PROMO_STOPPED.format(id=stopped.id, name=stopped.name) if stopped else t.PROMO_NOT_FOUND.format(ref=effect.ref)
        return _say(step, text)
    if isinstance(effect, CreateBroadcast):
        try:
            b = broadcast_admin.create(session, who.shop_id, effect.spec, ctx.now, f"{who.channel}:{who.sender}")
        except broadcast_admin.BroadcastInvalid as exc:
            return _say(step, t.BROADCAST_NOT_SAVED.format(problems=problems(exc.problems)))
        if effect.spec.schedule.kind == NOW:
            count = broadcast_admin.preview_spec(session, who.shop_id, effect.spec, ctx.now).recipients
            return _say(step, t.BROADCAST_SAVED_NOW.format(id=b.id, count=count))
        return _say(step, t.BROADCAST_SAVED_LATER.format(id=b.id, when=when_text(effect.spec.schedule, ctx.tz)))
    if isinstance(effect, CancelBroadcast):
        ok = broadcast_admin.cancel(session, who.shop_id, effect.broadcast_id, ctx.now)
        return _say(step, (t.BROADCAST_CANCELLED if ok else t.BROADCAST_NOT_FOUND).format(id=effect.broadcast_id))
    raise TypeError(f"unknown effect {effect!r}")


def after_order(session: Session, ctx: Ctx, who: Who, step: Step) -> Step:
    """The code is spent with the order; the promo question is asked once, after the first one."""
    step = Step(step.state, promo.forget_code(step.data), step.replies, step.effects)
    if pq.mark_consent_asked(session, who.customer_id, ctx.now):
        step = promo.ask_consent(step, ctx)
    return step


def promo_changed(step: Step, ctx: Ctx) -> Step:
    """The promo ran out between summary and confirm: the new summary, to confirm again."""
    fresh = checkout.summary(step.data, ctx)
    fresh.replies[0].text = t.PROMO_CHANGED + "\n\n" + fresh.replies[0].text
    return fresh


def problems(codes: list[str]) -> str:
    return ", ".join(t.PROBLEMS.get(c, c) for c in codes)


def _say(step: Step, text: str) -> Step:
    """Seller flows leave the outcome's wording to the effect: it knows whether it worked."""
    return Step(step.state, step.data, step.replies + [Reply(text)], step.effects)
