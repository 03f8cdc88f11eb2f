"""A seller's one reply to a customer's review: the button on the review notice asks for the
text, the next message is sent to the customer (effects.reviews). One reply per review."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from conversations.base import Reply, Step, Turn, ask, say
from conversations.choice import Choice, number
from conversations.seller.common import clean, fresh, idle, stamp
from conversations.seller.ports import SellerCtx
from texts.id import regulars as t

REPLY = Choice("rvreply", number, str)  # the review's id, its order's code (for the wording)
MAX_REPLY = 1000


class SellerReviews(StrEnum):
    REPLY = "seller_reviews:reply"  # waiting for the reply to data["pending"]["review"]


STATES = frozenset(SellerReviews)


@dataclass(frozen=True)
class ReplyReview:
    review_id: int
    text: str


@dataclass(frozen=True)
class ReviewReplied:
    code: str


@dataclass(frozen=True)
class ReviewAlreadyReplied:
    code: str


@dataclass(frozen=True)
class ReviewMissing:
    pass


def route(state: str, data: dict[str, Any], turn: Turn, ctx: SellerCtx) -> Step | None:
    if (parts := REPLY.unpack(turn.choice)) is not None:
        review_id, code = parts
        pending = {"review": review_id, "code": code}
        return say(SellerReviews.REPLY, {**clean(data), "pending": pending, "at": stamp(ctx)},
                   Reply(t.SELLER_ASK_REPLY.format(code=code), numbered=False))
    if state != SellerReviews.REPLY or turn.choice:
        return None
    pending = data.get("pending") or {}
    if not fresh(data, ctx) or "review" not in pending:
        return None  # a stale question: the message is read as anything else
    text = turn.text.strip()[:MAX_REPLY]
    if not text:
        return say(state, data, Reply(t.SELLER_REPLY_EMPTY, numbered=False))
    return ask(idle(data), [ReplyReview(int(pending["review"]), text)], on_replied)


def on_replied(step: Step, outcomes: list[Any], ctx: SellerCtx) -> Step:
    outcome = outcomes[0]
    if isinstance(outcome, ReviewReplied):
        return idle(step.data, Reply(t.SELLER_REPLY_SENT.format(code=outcome.code)))
    if isinstance(outcome, ReviewAlreadyReplied):
        return idle(step.data, Reply(t.SELLER_REPLY_ALREADY.format(code=outcome.code)))
    return idle(step.data, Reply(t.SELLER_REPLY_NOT_FOUND))
