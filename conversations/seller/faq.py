"""The seller's own answers by chat: "faq: halal? = Semua produk kami halal MUI" adds one (or
changes the answer of the same question), "faq" lists them numbered, "faq 2 = …" changes the
second's answer, "hapus faq 2" removes it. Customers whose question matches one are answered
with it (conversations.customer.faq)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from conversations.base import Reply, Step, Turn
from conversations.ports import Faq
from conversations.seller.common import idle, words
from conversations.seller.ports import SellerCtx
from language.questions import faq_key
from texts.id import seller_faq as t

LIST = frozenset({"faq", "daftar faq", "list faq", "faq list", "lihat faq", "semua faq", "tanya jawab"})
SAVE = re.compile(r"^(?:faq|tambah faq|faq baru|ubah faq|ganti faq)\s*:?\s*(.+?)\s*=\s*(.+)$", re.IGNORECASE | re.DOTALL)
REMOVE = re.compile(r"^(?:hapus|buang|delete)\s+faq\s*:?\s*(.+)$", re.IGNORECASE)
MAX_QUESTION = 200
MAX_ANSWER = 700  # a seller message is at most 1000 characters (handlers.seller.MAX_TEXT)


@dataclass(frozen=True)
class SaveFaq:
    key: str
    question: str
    answer: str
    seller_id: int
    faq_id: int | None = None  # changing the answer of this entry ("faq 2 = …")


@dataclass(frozen=True)
class RemoveFaq:
    faq_id: int


@dataclass(frozen=True)
class FaqSaved:
    question: str
    answer: str
    added: bool


@dataclass(frozen=True)
class FaqGone:
    """The entry was removed meanwhile."""


def route(state: str, data: dict[str, Any], turn: Turn, ctx: SellerCtx) -> Step | None:
    if turn.choice:
        return None
    text = " ".join(turn.text.split())
    if words(text) in LIST:
        return listing(data, ctx)
    if saving := SAVE.match(text):
        return save(data, ctx, saving.group(1).strip(), saving.group(2).strip())
    if removing := REMOVE.match(text):
        return remove(data, ctx, removing.group(1).strip())
    return None


def listing(data: dict[str, Any], ctx: SellerCtx) -> Step:
    """lists the entries numbered, for "faq 2 = …" and "hapus faq 2"."""
    entries = ctx.faqs.faqs()
    if not entries:
        return idle(data, Reply(t.EMPTY))
    lines = [t.LINE.format(n=n, question=e.question, answer=e.answer) for n, e in enumerate(entries, 1)]
    return idle(data, Reply(t.LIST.format(lines="\n".join(lines))))


def _numbered(ctx: SellerCtx, said: str) -> Faq | None:
    entries = ctx.faqs.faqs()
    if said.isdigit():
        n = int(said)
        return entries[n - 1] if 1 <= n <= len(entries) else None
    key = faq_key(said)
    return next((e for e in entries if e.key == key), None)


def save(data: dict[str, Any], ctx: SellerCtx, question: str, answer: str) -> Step:
    """adds an entry, or changes an answer ("faq 2 = …", or the same question again)."""
    if len(question) > MAX_QUESTION or len(answer) > MAX_ANSWER:
        return idle(data, Reply(t.TOO_LONG.format(question=MAX_QUESTION, answer=MAX_ANSWER)))
    if question.isdigit():
        entry = _numbered(ctx, question)
        if entry is None:
            return idle(data, Reply(t.NO_SUCH.format(which=question)))
        effect = SaveFaq(entry.key, entry.question, answer, ctx.seller.id, entry.id)
    else:
        key = faq_key(question)
        if not key:
            return idle(data, Reply(t.VAGUE.format(question=question)))
        effect = SaveFaq(key, question, answer, ctx.seller.id)
    return idle(data, effects=[effect], then=on_saved)


def on_saved(step: Step, outcomes: list[Any], ctx: SellerCtx) -> Step:
    """says what customers will now be answered."""
    saved = outcomes[0]
    if isinstance(saved, FaqGone):
        return idle(step.data, Reply(t.GONE))
    text = (t.ADDED if saved.added else t.CHANGED).format(question=saved.question, answer=saved.answer)
    return idle(step.data, Reply(text))


def remove(data: dict[str, Any], ctx: SellerCtx, which: str) -> Step:
    entry = _numbered(ctx, which)
    if entry is None:
        return idle(data, Reply(t.NO_SUCH.format(which=which)))
    return idle(data, effects=[RemoveFaq(entry.id)],
                then=lambda step, outcomes, c: idle(step.data, Reply(
                    t.GONE if isinstance(outcomes[0], FaqGone) else t.REMOVED.format(question=entry.question))))
