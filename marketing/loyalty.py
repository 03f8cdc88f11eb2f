"""Loyalty for regulars: the shop's one rule, a customer's stamps, and the reward as a promotion.

A stamp is earned by a completed order: one per order ("setiap 10 pesanan dapat potongan 20rb"),
or one per `per_stamp` Rupiah the order's goods cost after discounts ("tiap belanja 50rb dapat 1
stempel, 10 stempel potongan 25rb"). `needed` stamps are worth `reward` Rupiah off one order,
applied at checkout by the promotion engine (marketing.promotions, scope "reward") with its own
line, and taken at order time like any promo use (marketing.pricing): a redemption row whose
(shop, customer, seq) is unique, so two checkouts at once cannot both take the same reward. A
cancelled or expired order gives its stamps back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from language.money import rupiah
from language.numbers import parse_rupiah
from marketing.promotions import FIXED, REWARD, Promotion
from texts.id import regulars as t

# The reward's promotion id: no promotions row has it (ids are positive; 0 is a promo being written).
REWARD_ID = -1


@dataclass(frozen=True)
class Rule:
    needed: int  # stamps for one reward
    reward: int  # Rupiah off
    per_stamp: int = 0  # 0: a stamp per completed order; else a stamp per this many Rupiah spent

    def stamps_for(self, spent: int) -> int:
        """The stamps one completed order earns (spent: its goods after discounts)."""
        return 1 if self.per_stamp == 0 else max(spent, 0) // self.per_stamp

    def problems(self) -> list[str]:
        out = []
        if not 1 <= self.needed <= 100:
            out.append("needed")
        if self.reward < 1000:
            out.append("reward")
        if self.per_stamp and self.per_stamp < 1000:
            out.append("per_stamp")
        return out


@dataclass(frozen=True)
class Card:
    """A customer's stamps under the shop's rule."""

    rule: Rule
    earned: int
    spent: int  # stamps given for rewards on orders still standing
    taken: int  # rewards ever taken (the next redemption's seq is taken + 1)

    @property
    def balance(self) -> int:
        return max(self.earned - self.spent, 0)

    @property
    def ready(self) -> bool:
        return self.balance >= self.rule.needed

    @property
    def missing(self) -> int:
        return max(self.rule.needed - self.balance, 0)


def describe(rule: Rule) -> str:
    """The rule in the seller's and the customer's words."""
    if rule.per_stamp:
        return t.RULE_SPEND.format(per_stamp=rupiah(rule.per_stamp), needed=rule.needed, reward=rupiah(rule.reward))
    return t.RULE_ORDERS.format(needed=rule.needed, reward=rupiah(rule.reward))


def reward_promotion(card: Card, name: str) -> Promotion | None:
    """The reward as the promotion engine prices it, when the customer has earned it."""
    if not card.ready:
        return None
    return Promotion(REWARD_ID, name, FIXED, card.rule.reward, scope=REWARD)


_COUNT = r"(?P<needed>\d{1,3})\s*(?:x\s*|kali\s+)?(?:pesanan|order|transaksi|pembelian|belanja|pesan)"
_REWARD = r"(?:dapat|dapet|dpt|gratis|bonus|jadi|=)?\s*(?:hadiah\s+)?(?:potongan|diskon|disc|potong)\s+(?P<reward>.+)"
ORDERS = re.compile(rf"^(?:setiap|tiap|tiap2|per)\s+{_COUNT}\s*,?\s*{_REWARD}$")
SPEND = re.compile(r"^(?:setiap|tiap|tiap2|per)\s+(?:belanja|pembelian|transaksi)\s+(?P<per>.+?)\s+(?:dapat|dapet|dpt|=)\s*"
                   r"(?P<stamps>\d{1,2})?\s*(?:stempel|stamp|cap|poin)\W+(?P<needed>\d{1,3})\s*(?:stempel|stamp|cap|poin)\s*"
                   + _REWARD + "$")


def parse_rule(text: str) -> Rule | None:
    """A seller's sentence as a rule, or None when it is not one (the parts' sizes: Rule.problems)."""
    words = " ".join(text.lower().replace("stampel", "stempel").split()).strip(" .!")
    if match := ORDERS.match(words):
        reward = parse_rupiah(match["reward"])
        return Rule(int(match["needed"]), reward or 0) if reward is not None else None
    if match := SPEND.match(words):
        per, reward = parse_rupiah(match["per"]), parse_rupiah(match["reward"])
        if per is None or reward is None:
            return None
        stamps = int(match["stamps"] or 1)
        return Rule(int(match["needed"]), reward, max(per // max(stamps, 1), 1))
    return None
