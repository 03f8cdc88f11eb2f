"""The shop's loyalty rule by chat: "setiap 10 pesanan dapat potongan 20rb", "tiap belanja 50rb
dapat 1 stempel, 10 stempel potongan 25rb" (marketing.loyalty reads them); "program stempel"
shows it, "stempel stop" ends it. One rule per shop: a new sentence replaces the old rule."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from conversations.base import Reply, Step, Turn, ask
from conversations.seller.common import IDLE, idle, words
from conversations.seller.ports import SellerCtx
from marketing.loyalty import Rule, describe, parse_rule
from texts.id import regulars as t

SHOW = frozenset({"program stempel", "program poin", "program loyalty", "loyalty", "stempel toko", "aturan stempel"})
STOP = frozenset({"stempel stop", "stop stempel", "hapus stempel", "program stempel stop", "hentikan stempel",
                  "stop program stempel", "loyalty stop"})
PROBLEMS = {"needed": t.SELLER_RULE_BAD_NEEDED, "reward": t.SELLER_RULE_BAD_REWARD, "per_stamp": t.SELLER_RULE_BAD_PER}


@dataclass(frozen=True)
class SetLoyaltyRule:
    rule: Rule


@dataclass(frozen=True)
class StopLoyaltyRule:
    pass


def route(state: str, data: dict[str, Any], turn: Turn, ctx: SellerCtx) -> Step | None:
    if state != IDLE or turn.choice or not turn.text:
        return None
    said = words(turn.text)
    if said in SHOW:
        rule = ctx.promos.loyalty_rule()
        return idle(data, Reply(t.SELLER_RULE_SHOW.format(rule=describe(rule)) if rule else t.SELLER_RULE_NONE))
    if said in STOP:
        return ask(idle(data), [StopLoyaltyRule()], on_stopped)
    rule = parse_rule(turn.text)
    if rule is None:
        return None
    if problems := rule.problems():
        return idle(data, Reply(PROBLEMS[problems[0]]))
    return ask(idle(data, Reply(t.SELLER_RULE_SAVED.format(rule=describe(rule)))), [SetLoyaltyRule(rule)], on_saved)


def on_saved(step: Step, outcomes: list[Any], ctx: SellerCtx) -> Step:
    return Step(step.state, step.data, step.replies)


def on_stopped(step: Step, outcomes: list[Any], ctx: SellerCtx) -> Step:
    return idle(step.data, Reply(t.SELLER_RULE_STOPPED if outcomes[0] else t.SELLER_RULE_NONE))
