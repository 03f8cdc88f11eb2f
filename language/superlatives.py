"""Superlatives over a shop's products: "yg paling murah", "termahal", "paling laris", "best
seller", "yg paling pedes". Pure: which ranking a message asks for, and the words around it (a
category or a product that narrows it, a quantity that makes it an order).

Only rankings the shop's own data can answer are read: price, units sold, spiciness (from
option levels and names). "paling lambat kapan sampai" or "paling enak" ask nothing of the
catalog and are left to the other readings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from language.text import normalize
from language.words import NO

CHEAP, DEAR, BEST, SPICY = "cheap", "dear", "best", "spicy"

# The adjective after "paling" (or glued to "ter-") and the ranking it asks for.
ADJECTIVES: dict[str, str] = {
    "murah": CHEAP, "murce": CHEAP, "murmer": CHEAP, "hemat": CHEAP, "ekonomis": CHEAP,
    "mahal": DEAR,
    "laris": BEST, "laku": BEST, "favorit": BEST, "favorite": BEST, "fav": BEST, "populer": BEST, "hits": BEST,
    # "the best" is a matter of taste: what customers buy most is what the shop can tell of it
    "enak": BEST, "recommended": BEST, "rekomendasi": BEST, "rekomen": BEST, "recommend": BEST, "best": BEST,
    "pedas": SPICY, "pedis": SPICY, "hot": SPICY, "spicy": SPICY,
}
MOST = frozenset({"paling", "plg", "pling", "palng", "paleng", "palingg"})
# "paling banyak dibeli": a ranking by sales only with a buying verb ("paling banyak berapa" is no ranking).
BOUGHT = frozenset({"dibeli", "dipesan", "dipesen", "diorder", "terjual", "laku", "laris", "dicari", "peminat",
                    "peminatnya", "pembeli", "pembelinya", "disukai", "dicari"})
# One word that is a whole superlative, in Indonesian or English.
WHOLE: dict[str, str] = {"cheapest": CHEAP, "bestseller": BEST, "spiciest": SPICY, "hottest": SPICY}
PAIRS: dict[tuple[str, str], str] = {("best", "seller"): BEST, ("best", "selling"): BEST, ("most", "expensive"): DEAR,
                                     ("most", "popular"): BEST}
_SUFFIX = re.compile(r"(?:nya|in)$")


@dataclass(frozen=True)
class Superlative:
    kind: str  # CHEAP, DEAR, BEST or SPICY
    rest: str  # the message's other words, normalised ("keripik", "mau sambal bawang yang 1")


def adjective(word: str) -> str | None:
    """The ranking an adjective asks for: "murah", "pedesnya" (after normalising), else None."""
    word = normalize(word)
    if word in ADJECTIVES:
        return ADJECTIVES[word]
    bare = _SUFFIX.sub("", word)
    return ADJECTIVES.get(normalize(bare)) if bare != word else None


def read(text: str) -> Superlative | None:
    """The superlative a message asks for, with its other words; None when it asks none."""
    words = normalize(text).split()
    for i, word in enumerate(words):
        kind, used = None, 1
        if word in MOST and i + 1 < len(words):
            kind, used = adjective(words[i + 1]), 2
            if kind is None and words[i + 1] == "banyak" and i + 2 < len(words) and words[i + 2] in BOUGHT:
                kind, used = BEST, 3
        elif word.startswith("ter") and len(word) > 5 and (kind := adjective(word[3:])) is not None:
            used = 1
        elif word in WHOLE:
            kind = WHOLE[word]
        elif i + 1 < len(words) and (word, words[i + 1]) in PAIRS:
            kind, used = PAIRS[(word, words[i + 1])], 2
        if kind is not None:
            return Superlative(kind, " ".join(words[:i] + words[i + used:]))
    return None


_LEVEL = re.compile(r"\b(?:level|lvl|lv|lev|tingkat)\s*(\d{1,2})\b")  # the words of _LEVEL_WORDS
_HOT = frozenset({"pedas", "pedis", "hot", "spicy", "jeletot", "mercon", "setan", "neraka"})
_HOTTER = frozenset({"extra", "super", "banget", "sangat", "mampus", "gila", "mantap", "jontor", "double"})
_MILD = frozenset({"original", "manis", "tawar", "plain", "mild", "asin", "gurih"})
_NOT = NO | {"non", "tanpa", "bukan", "kurang", "ngga", "gk"}


_LEVEL_WORDS = ("level", "lvl", "lv", "lev", "tingkat")


def hot_word(word: str) -> bool:
    """Whether a word of a normalised name can make it hot by `spiciness`: a text without one is
    never above 0, so a ranking by heat reads only the products that have one."""
    return word in _HOT or word.startswith(_LEVEL_WORDS)


def spiciness(text: str) -> int | None:
    """How hot a product or option says it is, from its name and label: "Level 5" is 5, "Extra
    Pedas" 2, "Pedas" 1, "Original"/"Tidak Pedas" 0; None when it says nothing of it."""
    words = normalize(text)
    if (level := _LEVEL.search(words)) is not None:
        return int(level.group(1))
    tokens = words.split()
    hot = [i for i, w in enumerate(tokens) if w in _HOT]
    if hot and all(i > 0 and tokens[i - 1] in _NOT for i in hot):
        return 0
    if hot:
        return 2 if _HOTTER & set(tokens) else 1
    return 0 if _MILD & set(tokens) else None
