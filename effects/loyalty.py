"""Loyalty effects: the shop's rule saved or stopped (the reward itself is taken at order time,
marketing.pricing)."""

from __future__ import annotations

from conversations.seller.loyalty import SetLoyaltyRule, StopLoyaltyRule
from effects.env import Env
from storage import loyalty as loyalty_db


def set_rule(env: Env, effect: SetLoyaltyRule) -> None:
    rule = effect.rule
    loyalty_db.save_rule(env.session, env.who.shop_id, rule.per_stamp, rule.needed, rule.reward, env.ctx.now)


def stop_rule(env: Env, effect: StopLoyaltyRule) -> bool:
    return loyalty_db.stop_rule(env.session, env.who.shop_id, env.ctx.now)


APPLIERS = {SetLoyaltyRule: set_rule, StopLoyaltyRule: stop_rule}
