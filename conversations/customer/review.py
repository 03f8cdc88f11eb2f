"""The customer's review of a completed order: 1-5 stars from the buttons the review sweep sent
(scheduler.jobs_reviews), then an optional comment. Rated once: a second press is thanked, not
counted. A low rating is passed to the seller as a complaint (effects.reviews)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from language.words import NO_NOTE, said
from conversations.base import Button, Ctx, Reply, Step, Turn, ask, say
from conversations.choice import Choice, number
from conversations.customer.browsing import Browse, main_menu
from texts.id import regulars as t

RATE = Choice("rate", str, number)  # the order's code, the stars
SKIP = "rvskip"  # no comment
LOW = 2  # this many stars or fewer: a complaint
MAX_COMMENT = 1000


class Review(StrEnum):
    COMMENT = "review:comment"  # waiting for an optional comment on data["review"] (an order code)


@dataclass(frozen=True)
class RateOrder:
    code: str
    stars: int


@dataclass(frozen=True)
class CommentReview:
    code: str
    text: str


@dataclass(frozen=True)
class Rated:
    pass


@dataclass(frozen=True)
class AlreadyRated:
    pass


@dataclass(frozen=True)
class NotRateable:
    pass


def stars(n: int) -> str:
    return t.REVIEW_STARS[:n]


def text_intent(state: str, data: dict[str, Any], turn: Turn, ctx: Ctx) -> Step | None:
    """A rating typed instead of pressed, for the latest review asked ("4", "bintang 5", "⭐⭐⭐"):
    WhatsApp shows the ask's buttons as numbers, and the ask came from the sweep, not as a reply,
    so no button list was remembered. A bare number counts only where it means nothing else."""
    text = turn.text.strip()
    if turn.choice or not text or len(text) > 20:
        return None
    n = typed_stars(text, bare=state == Browse.HOME and not data.get("sku"))
    if n is None or (code := ctx.reviews.awaiting(ctx.customer.id)) is None:
        return None
    return rate(data, ctx, code, n)


TYPED = re.compile(r"^(?:bintang\s*)?([1-5])(?:\s*(?:bintang|dari\s*5|/\s*5))?$")
BARE = re.compile(r"^[1-5]$")


def typed_stars(text: str, bare: bool) -> int | None:
    words = said(text)
    stars_only = words.replace("\ufe0f", "").replace(" ", "")
    if stars_only and set(stars_only) == {"⭐"} and len(stars_only) <= 5:
        return len(stars_only)
    if (match := TYPED.match(words)) is None or (BARE.match(words) and not bare):
        return None
    return int(match[1])


def rating_buttons(code: str) -> list[Button]:
    return [Button(stars(n), RATE.pack(code, n)) for n in range(1, 6)]


def rate(data: dict[str, Any], ctx: Ctx, code: str, n: int) -> Step:
    """records 1-5 stars for one of the customer's completed orders."""
    if not 1 <= n <= 5:
        return say(Browse.HOME, data, Reply(t.REVIEW_NOT_FOUND.format(code=code), main_menu()))
    step = say(Browse.HOME, {**data, "review": code, "stars": n})
    return ask(step, [RateOrder(code, n)], on_rated)


def on_rated(step: Step, outcomes: list[Any], ctx: Ctx) -> Step:
    """thanks for the stars and asks for a comment, or says it was rated before."""
    code, n = step.data["review"], step.data["stars"]
    data = {k: v for k, v in step.data.items() if k not in ("review", "stars")}
    if isinstance(outcomes[0], AlreadyRated):
        return say(Browse.HOME, data, Reply(t.REVIEW_ALREADY.format(code=code), main_menu()))
    if not isinstance(outcomes[0], Rated):
        return say(Browse.HOME, data, Reply(t.REVIEW_NOT_FOUND.format(code=code), main_menu()))
    thanks = (t.REVIEW_THANKS_LOW if n <= LOW else t.REVIEW_THANKS).format(stars=stars(n))
    return say(Review.COMMENT, {**data, "review": code},
               Reply(thanks + "\n\n" + t.REVIEW_ASK_COMMENT, [Button(t.BTN_SKIP_COMMENT, SKIP)], numbered=False))


def comment(data: dict[str, Any], ctx: Ctx, turn: Turn) -> Step:
    """takes the optional comment (a plain "tidak"/"skip" is none)."""
    text = turn.text.strip()
    if not text or said(text) in NO_NOTE:
        return skip(data, ctx)
    if len(text) > MAX_COMMENT:
        return say(Review.COMMENT, data, Reply(t.REVIEW_COMMENT_TOO_LONG.format(length=len(text), limit=MAX_COMMENT),
                                               [Button(t.BTN_SKIP_COMMENT, SKIP)], numbered=False))
    code = data["review"]
    rest = {k: v for k, v in data.items() if k != "review"}
    return ask(say(Browse.HOME, rest), [CommentReview(code, text)], on_commented)


def on_commented(step: Step, outcomes: list[Any], ctx: Ctx) -> Step:
    return say(Browse.HOME, step.data, Reply(t.REVIEW_COMMENT_THANKS, main_menu()))


def skip(data: dict[str, Any], ctx: Ctx) -> Step:
    """no comment: done."""
    return say(Browse.HOME, {k: v for k, v in data.items() if k != "review"}, Reply(t.REVIEW_SKIPPED, main_menu()))


STEPS = {Review.COMMENT: comment}
