"""Reads a typed reply as a button press: its number in the list, its label, or a typo of it.

Chat apps without buttons (WhatsApp) show choices as a numbered list; every channel accepts
the label typed out, so "Keranjang" works as well as pressing 🧺 Keranjang.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from typing import Any

from rapidfuzz import fuzz, process

from conversations.base import Reply, Turn

LABEL_CLEAN = re.compile(r"[^\w\s]", re.UNICODE)


def remember(replies: list[Reply]) -> dict[str, Any] | None:
    """What to keep of the last choices offered, so a typed answer can be matched next time."""
    for reply in reversed(replies):
        if reply.buttons:
            return {"numbered": reply.numbered, "items": [[b.label, b.value] for b in reply.buttons]}
    return None


@lru_cache(maxsize=4096)  # the same few labels are offered over and over
def clean(label: str) -> str:
    return " ".join(LABEL_CLEAN.sub(" ", label.lower()).split())


def interpret(turn: Turn, offered: dict[str, Any] | None) -> Turn:
    if turn.choice or not turn.text or not offered:
        return turn
    items = offered.get("items") or []
    text = turn.text.strip()
    if offered.get("numbered", True) and text.isascii() and text.isdigit() and len(text) <= 3 \
            and 1 <= int(text) <= len(items):
        return replace(turn, choice=items[int(text) - 1][1])
    typed = clean(text)
    if not typed:
        return turn
    labels = [clean(label) for label, _ in items]
    if typed in labels:
        return replace(turn, choice=items[labels.index(typed)][1])
    if len(typed) >= 4:
        best = process.extractOne(typed, labels, scorer=fuzz.ratio, score_cutoff=85)
        if best is not None:
            return replace(turn, choice=items[best[2]][1])
    return turn
