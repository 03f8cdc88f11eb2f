"""Marketing effects: a customer's promo consent (and whether the question was asked yet), and
the promotions and broadcasts a seller creates, stops or cancels by chat."""

from __future__ import annotations

from conversations.customer.consent import MarkConsentAsked, SetPromoConsent
from conversations.seller.broadcast import BroadcastRefused, BroadcastSaved, CreateBroadcast
from conversations.seller.marketing import CancelBroadcast, PromoStopped, StopPromotion
from conversations.seller.promo import CreatePromotion, PromoRefused, PromoSaved
from effects.env import Env
from marketing import broadcast_admin, promo_admin
from marketing.broadcasts import NOW
from storage import customers as customers_db


def set_consent(env: Env, effect: SetPromoConsent) -> None:
    customers_db.set_consent(env.session, env.who.customer_id, effect.consent, env.ctx.now)


def mark_asked(env: Env, effect: MarkConsentAsked) -> bool:
    return customers_db.mark_consent_asked(env.session, env.who.customer_id, env.ctx.now)


def _by(env: Env) -> str:
    return f"{env.who.channel}:{env.who.sender}"


def create_promotion(env: Env, effect: CreatePromotion) -> PromoSaved | PromoRefused:
    try:
        return PromoSaved(promo_admin.create_promotion(env.session, env.who.shop_id, effect.spec, env.ctx.now, _by(env)))
    except promo_admin.PromoInvalid as exc:
        return PromoRefused(exc.problems)


def stop_promotion(env: Env, effect: StopPromotion) -> PromoStopped | None:
    stopped = promo_admin.stop(env.session, env.who.shop_id, effect.ref)
    return PromoStopped(stopped.id, stopped.name) if stopped else None


def create_broadcast(env: Env, effect: CreateBroadcast) -> BroadcastSaved | BroadcastRefused:
    session, shop_id, now = env.session, env.who.shop_id, env.ctx.now
    try:
        b = broadcast_admin.create(session, shop_id, effect.spec, now, _by(env))
    except broadcast_admin.BroadcastInvalid as exc:
        return BroadcastRefused(exc.problems)
    now_count = (broadcast_admin.preview_spec(session, shop_id, effect.spec, now).recipients
                 if effect.spec.schedule.kind == NOW else 0)
    return BroadcastSaved(b.id, now_count)


def cancel_broadcast(env: Env, effect: CancelBroadcast) -> bool:
    return broadcast_admin.cancel(env.session, env.who.shop_id, effect.broadcast_id, env.ctx.now)


APPLIERS = {SetPromoConsent: set_consent, MarkConsentAsked: mark_asked, CreatePromotion: create_promotion,
            StopPromotion: stop_promotion, CreateBroadcast: create_broadcast, CancelBroadcast: cancel_broadcast}
