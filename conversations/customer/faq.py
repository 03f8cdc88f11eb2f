"""A customer's question answered with the seller's own words (their FAQ entries,
conversations.seller.faq): an entry matches when every word of its question is in the
customer's, a typo allowed ("halal?" answers "produknya halal ga kak?"). The entry with the most
such words wins, so "halal" loses to "sertifikat halal" for a question that names both."""

from __future__ import annotations

from typing import Any

from rapidfuzz import fuzz

from conversations.base import Ctx, Reply, Step, say
from conversations.customer import browsing
from conversations.customer.browsing import Browse
from conversations.ports import Faq
from language.questions import faq_key
from texts.id import questions as t

TYPO_RATIO = 85


def _has(words: list[str], wanted: str) -> bool:
    return any(w == wanted or (len(wanted) >= 4 and fuzz.ratio(w, wanted) >= TYPO_RATIO) for w in words)


def match(entries: list[Faq], text: str) -> Faq | None:
    said = faq_key(text).split()
    if not said:
        return None
    fits = [(len(e.key.split()), e) for e in entries if e.key and all(_has(said, w) for w in e.key.split())]
    return max(fits, key=lambda f: (f[0], -f[1].id))[1] if fits else None


def answer(state: str, data: dict[str, Any], ctx: Ctx, text: str) -> Step | None:
    """The seller's answer to the question, staying where the customer was; None when no entry fits."""
    entries = ctx.faqs.faqs()
    found = match(entries, text) if entries else None
    if found is None:
        return None
    buttons = browsing.main_menu() if state == Browse.HOME else []
    return say(state, data, Reply(t.FAQ_ANSWER.format(answer=found.answer), buttons))
