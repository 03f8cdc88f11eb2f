"""The promo-messages question, asked once after a customer's first order: yes, or no.

Checkout hands its ending step to `after_order`, which asks the world whether the question
was asked before (MarkConsentAsked: only the first caller gets True, whatever runs at once);
`on_checked` then adds the question, or nothing. The answer is recorded as SetPromoConsent.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from conversations.base import Button, Ctx, Reply, Step, Turn, say
from conversations.choice import Choice
from conversations.customer.browsing import Browse, main_menu
from language.words import CONSENT_NO, CONSENT_YES
from texts.id import promo as t

ANSWER = Choice("consent", str)  # consent:yes / consent:no


class Consent(StrEnum):
    ASKED = "consent:asked"  # the question was just asked


@dataclass(frozen=True)
class SetPromoConsent:
    consent: bool


@dataclass(frozen=True)
class MarkConsentAsked:
    """Outcome: True for the one caller that marks it first (the question is asked then)."""


def after_order(step: Step) -> Step:
    """asks the world whether this customer was ever asked; on_checked words the rest."""
    return Step(step.state, step.data, step.replies, [MarkConsentAsked()], then=on_checked)


def on_checked(step: Step, outcomes: list[Any], ctx: Ctx) -> Step:
    """adds the once-only question "promo messages, yes or no?" after the order's replies."""
    if not outcomes[0]:
        return Step(step.state, step.data, step.replies)
    buttons = [Button(t.BTN_CONSENT_YES, ANSWER.pack("yes")), Button(t.BTN_CONSENT_NO, ANSWER.pack("no"))]
    return Step(Consent.ASKED, step.data, step.replies + [Reply(t.ASK_CONSENT.format(shop=ctx.shop.name), buttons)])


def pressed(data: dict[str, Any], turn: Turn, ctx: Ctx) -> Step | None:
    """The answer by button, whenever it is pressed."""
    answer_ = ANSWER.one(turn.choice)
    return answer(data, ctx, answer_ == "yes") if answer_ in ("yes", "no") else None


def typed(state: str, data: dict[str, Any], words: str, ctx: Ctx) -> Step | None:
    """The answer typed right after the question."""
    if state == Consent.ASKED and (words in CONSENT_YES or words in CONSENT_NO):
        return answer(data, ctx, words in CONSENT_YES)
    return None


def answer(data: dict[str, Any], ctx: Ctx, yes: bool) -> Step:
    """records the answer to the consent question and carries on at the menu."""
    text = (t.CONSENT_YES if yes else t.CONSENT_NO).format(shop=ctx.shop.name)
    return say(Browse.HOME, data, Reply(text, main_menu()), effects=[SetPromoConsent(yes)])
