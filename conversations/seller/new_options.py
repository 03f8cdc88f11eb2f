"""A new product's options written in one line: "produk baru Kemeja Batik Parang M/L/XL 185rb
stok 5/5/3", "Nastar Keju 250g/500g 55rb/100rb stok 20/12", "Sambal Bawang level 3/5 25rb".

Slashes join what belongs to each option, in order: the options' labels, their prices (or one
price for all), their stocks (or one stock for all). Pure; conversations.seller.products asks
for whatever is missing, step by step.
"""

from __future__ import annotations

import re
from typing import Any

from language.numbers import read_number
from language.options import LEVEL_WORDS, kind_of, size
from language.text import UNITS, fold

PRICE_WORDS = {"harga", "hrg", "price"}
STOCK_WORDS = {"stok", "stock", "stk", "jumlah", "qty"}
MAX_OPTIONS = 12
_FRACTION = re.compile(r"^\d+/\d+$")  # "1/2" before a unit is half of it, not two options


def amounts(text: str) -> list[tuple[int, bool]] | None:
    """(whole value, written as money) per slash-separated part ("55rb/100rb", "5/5/3"), else None."""
    found = []
    for part in text.split("/"):
        words = re.findall(r"\d+(?:[.,]\d+)*|[a-z]+", fold(part))
        number = read_number(words, 0) if words else None
        if number is None or number.whole is None or number.end != len(words):
            return None
        found.append((number.whole, number.money))
    return found


def label(part: str) -> str:
    """An option's label as the seller will read it: sizes in capitals ("xl" -> "XL"), words
    with a capital ("merah" -> "Merah"), measures as written ("250g")."""
    if size(fold(part)) is not None:
        return part.upper()
    return part[:1].upper() + part[1:] if part.islower() and part[:1].isalpha() else part


def read_slashed(rest: str) -> tuple[str, dict[str, Any]]:
    """The line without its slashed groups, and what they said: {"options", "prices", "stocks"}."""
    tokens = rest.split()
    kept: list[str] = []
    found: dict[str, Any] = {}
    skip = False
    for i, raw in enumerate(tokens):
        if skip:
            skip = False
            continue
        token = raw.strip(",;")
        following = fold(tokens[i + 1]).strip(",;") if i + 1 < len(tokens) else ""
        if "/" not in token or (_FRACTION.match(token) and following in UNITS):
            kept.append(raw)
            continue
        parts = [p for p in token.split("/") if p]
        if parts and parts[-1].isdigit() and following in UNITS:  # "250ml/1 liter": the unit is the last option's
            parts[-1], skip = f"{parts[-1]} {tokens[i + 1].strip(',;')}", True
            token = "/".join(parts)
        before = fold(kept[-1]) if kept else ""
        values = amounts(token)
        if len(parts) < 2 or len(parts) > MAX_OPTIONS:
            kept.append(raw)
        elif before in STOCK_WORDS and values and not any(money for _, money in values):
            kept.pop()
            found["stocks"] = [v for v, _ in values]
        elif values and (before in PRICE_WORDS or any(money or v >= 1000 for v, money in values)):
            if before in PRICE_WORDS:
                kept.pop()
            found["prices"] = [v for v, _ in values]
        elif values and "options" in found:
            found["stocks"] = [v for v, _ in values]
        elif "options" not in found:
            if before in LEVEL_WORDS and all(p.isdigit() for p in parts):
                kept.pop()
                parts = [f"Level {p}" for p in parts]
            found["options"] = [label(p) for p in parts]
        else:
            kept.append(raw)
    return " ".join(kept), found


def per_option(values: list[int] | None, single: int | None, count: int) -> list[int] | None:
    """One value per option: given for each, or one for all; None when missing or miscounted."""
    if values is not None:
        return values if len(values) == count else [values[0]] * count if len(values) == 1 else None
    return [single] * count if single is not None else None


def kinds(options: list[str]) -> list[str]:
    return [kind_of(o) for o in options]
